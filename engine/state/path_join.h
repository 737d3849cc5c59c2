// Path helpers of the parsers, on top of fields/param_render.h's
// concatenate_paths (libsinsp's lexical join): cwd is kept ending in '/'.
#pragma once

#include <string>
#include <string_view>

namespace eg {

// `path` if absolute, else `dir` + `path`; normalised.
std::string join_path(std::string_view dir, std::string_view path);

// `dir` normalised and ending in '/' (the form cwd is kept in).
std::string as_directory(std::string_view dir);

}  // namespace eg
