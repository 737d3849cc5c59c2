// Local-address completion from the interface list (see network_interfaces.h).
#include "engine/state/network_interfaces.h"

#include <algorithm>

namespace eg {
namespace {

size_t address_len(const IpAddress& a) { return a.family == 6 ? 16 : 4; }

bool is_unspecified(const IpAddress& a) {
  size_t n = address_len(a);
  return std::all_of(a.bytes.begin(), a.bytes.begin() + static_cast<long>(n), [](uint8_t b) { return b == 0; });
}

bool is_loopback(const IpAddress& a) {
  if (a.family == 4) return a.bytes[0] == 127;
  for (int i = 0; i < 15; ++i) {
    if (a.bytes[i] != 0) return false;
  }
  return a.bytes[15] == 1;
}

IpAddress loopback(uint8_t family) {
  IpAddress a;
  a.family = family;
  if (family == 4) {
    a.bytes[0] = 127;
    a.bytes[3] = 1;
  } else {
    a.bytes[15] = 1;
  }
  return a;
}

bool same_subnet(const InterfaceSnapshot& itf, const IpAddress& remote) {
  if (itf.addr.family != remote.family || itf.netmask.family != remote.family) return false;
  for (size_t i = 0; i < address_len(remote); ++i) {
    if ((itf.addr.bytes[i] & itf.netmask.bytes[i]) != (remote.bytes[i] & itf.netmask.bytes[i])) return false;
  }
  return true;
}

}  // namespace

bool NetworkInterfaces::is_local_address(const IpAddress& a) const {
  for (const InterfaceSnapshot& itf : interfaces_) {
    if (itf.addr.family != a.family) continue;
    size_t n = a.family == 6 ? 8 : 4;
    if (std::equal(a.bytes.begin(), a.bytes.begin() + static_cast<long>(n), itf.addr.bytes.begin())) return true;
  }
  return false;
}

void NetworkInterfaces::add(std::span<const InterfaceSnapshot> interfaces) {
  interfaces_.insert(interfaces_.end(), interfaces.begin(), interfaces.end());
}

void NetworkInterfaces::fill_unbound(IpAddress& local, const IpAddress& remote) const {
  if (remote.family == 0 || !is_unspecified(local)) return;
  if (is_loopback(remote)) {
    local = loopback(remote.family);
    return;
  }
  for (const InterfaceSnapshot& itf : interfaces_) {
    if (same_subnet(itf, remote)) {
      local = itf.addr;
      return;
    }
  }
  for (const InterfaceSnapshot& itf : interfaces_) {
    if (itf.addr.family == remote.family && !is_loopback(itf.addr)) {
      local = itf.addr;
      return;
    }
  }
}

}  // namespace eg
