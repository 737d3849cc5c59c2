// A zone's network interfaces, as the state needs them: fields such as
// fd.lport/fd.rport and fd.is_server ask whether an address is local, and
// unbound sockets are completed with the interface facing the peer. A
// capture carries an interface list; a zone does not, so it is built from
// what is always true of a Linux zone (loopback: 127.0.0.1/8 and ::1/128)
// and the addresses the daemon reports in ZoneStatus.network_status
// ("10.75.0.2/16" or a bare address; unparsable entries are skipped).
#pragma once

#include <vector>

#include "engine/state/snapshot.h"
#include "protect/control/v1/control.pb.h"

namespace eg::edera {

std::vector<InterfaceSnapshot> zone_interfaces(const protect::control::v1::Zone& zone);

}  // namespace eg::edera
