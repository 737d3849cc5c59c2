// Container detection from cgroup paths (see container_id.h). Each pattern is
// a marker that precedes the id in the last path components; the table keeps
// the runtimes' spellings in one place.
#include "engine/state/container_id.h"

#include <array>

namespace eg {
namespace {

struct CgroupPattern {
  std::string_view marker;  // text right before the id
  std::string_view type;
};

constexpr std::array<CgroupPattern, 7> kPatterns = {{
    {"/docker-", "docker"},        // systemd driver: docker-<id>.scope
    {"/docker/", "docker"},        // cgroupfs driver: /docker/<id>
    {"/crio-", "cri-o"},           // crio-<id>.scope
    {"/cri-containerd-", "containerd"},
    {"/libpod-", "podman"},
    {"/kubepods/", "containerd"},  // /kubepods/<qos>/pod<uid>/<id> (handled below)
    {"/containerd/", "containerd"},
}};

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// A 64-hex-digit id starting at `pos` of `path`, followed by end, '/' or '.'.
bool id_at(std::string_view path, size_t pos, std::string& out) {
  if (pos + 64 > path.size()) return false;
  for (size_t i = pos; i < pos + 64; ++i) {
    if (!is_hex(path[i])) return false;
  }
  if (pos + 64 < path.size() && path[pos + 64] != '/' && path[pos + 64] != '.') return false;
  out.assign(path.substr(pos, 64));
  return true;
}

// The cgroup path part of "subsys=path".
std::string_view cgroup_path(std::string_view entry) {
  size_t eq = entry.find('=');
  return eq == std::string_view::npos ? entry : entry.substr(eq + 1);
}

bool match_path(std::string_view path, ContainerRef& out) {
  for (const CgroupPattern& p : kPatterns) {
    size_t at = path.find(p.marker);
    if (at == std::string_view::npos) continue;
    if (p.marker == "/kubepods/" || p.marker == "/containerd/") {
      // The id is the last component.
      size_t slash = path.rfind('/');
      if (slash != std::string_view::npos && id_at(path, slash + 1, out.id)) {
        out.type = p.type;
        return true;
      }
      continue;
    }
    if (id_at(path, at + p.marker.size(), out.id)) {
      out.type = p.type;
      return true;
    }
  }
  return false;
}

}  // namespace

ContainerRef container_from_cgroups(const std::vector<std::string>& cgroups) {
  ContainerRef ref;
  for (const std::string& entry : cgroups) {
    if (match_path(cgroup_path(entry), ref)) return ref;
  }
  return {};
}

std::string container_id_from_cgroups(const std::vector<std::string>& cgroups) {
  return container_from_cgroups(cgroups).id;
}

}  // namespace eg
