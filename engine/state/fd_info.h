// One open file descriptor as the state engine tracks it (libsinsp's
// sinsp_fdinfo): what it is, its name as Falco prints fd.name, and for sockets
// the endpoints. Plain data so that extractors read it directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/state/snapshot.h"
#include "fields/field_value.h"

namespace eg {

struct FdInfo {
  FdKind kind = FdKind::Unknown;
  std::string name;      // fd.name: absolute path, "sip:sport->dip:dport", unix path, ...
  std::string name_raw;  // fd.nameraw: the path as the syscall gave it (files only)
  uint32_t open_flags = 0;  // PPM_O_* flags of open/openat/... (0 when unknown)
  uint32_t mode = 0;
  uint64_t ino = 0;
  uint32_t dev = 0, mount_id = 0;
  // Sockets. As in libsinsp and the scap fd list, cip/cport is the socket
  // tuple's source side and sip/sport its destination; server (listening)
  // sockets fill sip/sport only. role_* tell which end this process is.
  uint8_t l4proto = 0;   // scap l4 proto: 0 unknown, 1 n/a, 2 tcp, 3 udp, 4 icmp, 5 raw
  IpAddress sip, cip;
  uint16_t sport = 0, cport = 0;
  uint64_t unix_source = 0, unix_dest = 0;
  bool role_server = false;   // this process accepted (fd.is_server)
  bool role_client = false;   // this process connected
  bool connected = false;     // fd.connected
  bool socket_pending = false;  // connect in progress (EINPROGRESS)
  bool overlay_upper = false, overlay_lower = false;
  bool cloexec = false;
  uint64_t open_ts = 0;       // timestamp of the event that created it (0 = snapshot)
};

// fd.type text ("file", "ipv4", "unix", ...), as libsinsp names each kind.
std::string_view fd_type_name(FdKind kind);
// fd.typechar ('f', '4', '6', 'u', 'p', ...).
char fd_type_char(FdKind kind);
inline constexpr uint8_t kL4Unknown = 0, kL4Na = 1, kL4Tcp = 2, kL4Udp = 3, kL4Icmp = 4, kL4Raw = 5;
// l4proto text ("tcp", "udp", "icmp", "raw"; "<NA>" otherwise).
std::string_view l4proto_name(uint8_t l4proto);

}  // namespace eg
