// libsinsp's lexical path join (declared in param_render.h). Kept in its own
// object file so that it links independently of the rendering code.
#include <string>
#include <string_view>
#include <vector>

#include "fields/param_render.h"

namespace eg {

std::string concatenate_paths(std::string_view dir, std::string_view path) {
  std::string joined = !path.empty() && path.front() == '/' ? std::string(path)
                                                            : std::string(dir) + std::string(path);
  if (joined.empty() || joined.front() != '/') return joined;
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (std::string_view p : parts) {
    out.push_back('/');
    out += p;
  }
  return out.empty() ? "/" : out;
}

}  // namespace eg
