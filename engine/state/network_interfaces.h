// The machine's network interfaces (capture interface list), used as libsinsp
// uses them: a socket tuple whose local address is unspecified (0.0.0.0 or ::,
// an unbound UDP socket) gets the address of the interface that reaches the
// remote end — loopback for loopback peers, else the interface on the peer's
// subnet, else the first non-loopback interface of that family.
#pragma once

#include <span>
#include <vector>

#include "engine/state/snapshot.h"

namespace eg {

class NetworkInterfaces {
 public:
  void add(std::span<const InterfaceSnapshot> interfaces);
  void clear() { interfaces_.clear(); }
  // Replaces an unspecified `local` by the address that reaches `remote`.
  void fill_unbound(IpAddress& local, const IpAddress& remote) const;
  size_t size() const { return interfaces_.size(); }
  // libsinsp's "address of this machine" test (fd.is_server, fd.lip/rip): an
  // IPv4 address equal to an interface's, or an IPv6 address in the /64 of one.
  bool is_local_address(const IpAddress& a) const;

 private:
  std::vector<InterfaceSnapshot> interfaces_;
};

}  // namespace eg
