// Container id and runtime of a thread from its cgroups, as the container
// engines' matchers recognise them (docker, cri-o, containerd, podman/libpod):
// the 64-hex-digit id in the cgroup path. No match means the host.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eg {

struct ContainerRef {
  std::string id;     // full id (64 hex digits); empty for the host
  std::string type;   // "docker", "cri-o", "containerd", "podman"; empty for the host
};

ContainerRef container_from_cgroups(const std::vector<std::string>& cgroups);
// Convenience: container_from_cgroups(cgroups).id.
std::string container_id_from_cgroups(const std::vector<std::string>& cgroups);

}  // namespace eg
