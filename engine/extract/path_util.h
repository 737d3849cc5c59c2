// Lexical path joining as libsinsp does it for fd names and evt.abspath:
// a relative path is appended to the directory, then "." and ".." components
// and repeated slashes are folded, without touching the file system.
#pragma once

#include <string>
#include <string_view>

namespace eg {

std::string concatenate_paths(std::string_view dir, std::string_view path);

}  // namespace eg
