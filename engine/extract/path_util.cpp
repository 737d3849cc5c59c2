// See path_util.h.
#include "engine/extract/path_util.h"

#include <vector>

namespace eg {

std::string concatenate_paths(std::string_view dir, std::string_view path) {
  std::string joined = (!path.empty() && path[0] == '/') ? std::string(path) : std::string(dir) + std::string(path);
  if (joined.empty() || joined[0] != '/') return joined;
  std::vector<std::string_view> parts;
  std::string_view rest(joined);
  size_t pos = 0;
  while (pos <= rest.size()) {
    size_t next = rest.find('/', pos);
    if (next == std::string_view::npos) next = rest.size();
    std::string_view part = rest.substr(pos, next - pos);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    pos = next + 1;
  }
  std::string out;
  for (auto p : parts) {
    out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

}  // namespace eg
