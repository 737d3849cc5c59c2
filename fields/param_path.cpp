// libsinsp's lexical path join (declared in param_render.h). Kept in its own
// object file so that it links independently of the rendering code.
#include <string>
#include <string_view>
#include <vector>

#include "fields/param_render.h"

namespace eg {

namespace {

// True when `p` is absolute and already in the form the normalisation below
// produces (no empty, "." or ".." component, no trailing slash): most paths
// the kernel reports are, and they need no splitting.
bool is_normal_absolute(std::string_view p) {
  if (p.empty() || p.front() != '/') return false;
  if (p.size() == 1) return true;
  size_t start = 1;
  while (true) {
    size_t slash = p.find('/', start);
    std::string_view part = p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

// Normalises an absolute path that is_normal_absolute rejected.
std::string normalised(std::string_view joined) {
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

}  // namespace

void concatenate_paths_into(std::string& joined, std::string_view dir, std::string_view path) {
  if (!path.empty() && path.front() == '/') {
    joined.assign(path);
  } else {
    joined.reserve(dir.size() + path.size());
    joined.assign(dir);
    joined.append(path);
  }
  if (joined.empty() || joined.front() != '/' || is_normal_absolute(joined)) return;
  joined = normalised(joined);
}

std::string concatenate_paths(std::string_view dir, std::string_view path) {
  std::string joined;
  concatenate_paths_into(joined, dir, path);
  return joined;
}

}  // namespace eg
