// Path helpers (see path_join.h).
#include "engine/state/path_join.h"

#include "fields/param_render.h"

namespace eg {

std::string join_path(std::string_view dir, std::string_view path) { return concatenate_paths(dir, path); }

std::string as_directory(std::string_view dir) {
  std::string out = concatenate_paths("/", dir);
  if (out.empty() || out.back() != '/') out += '/';
  return out;
}

}  // namespace eg
