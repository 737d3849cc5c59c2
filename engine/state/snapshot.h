// Source-neutral snapshot records that seed the state tables: what a capture
// file's process-list / fd-list / user-list blocks carry, and what the Edera
// daemon's thread snapshot carries. Sources produce these; engine/state consumes them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fields/field_value.h"

namespace eg {

struct ThreadSnapshot {
  int64_t tid = -1, pid = -1, ptid = -1, sid = -1, vpgid = -1, pgid = -1;
  int64_t vtid = -1, vpid = -1;
  std::string comm, exe, exepath;
  std::vector<std::string> args, env, cgroups;
  std::string cwd, root;
  uint64_t fdlimit = 0, flags = 0;
  uint32_t uid = 0, gid = 0, loginuid = UINT32_MAX;
  uint64_t vmsize_kb = 0, vmrss_kb = 0, vmswap_kb = 0, pfmajor = 0, pfminor = 0;
  uint32_t tty = 0;
  uint64_t clone_ts = 0;
  int64_t pidns_init_start_ts = 0;
  uint64_t exe_ino = 0, exe_ino_ctime = 0, exe_ino_mtime = 0;
  bool exe_writable = false, exe_upper_layer = false, exe_lower_layer = false, exe_from_memfd = false;
  uint32_t cap_permitted_lo = 0;  // reserved
  uint64_t cap_inheritable = 0, cap_permitted = 0, cap_effective = 0;
};

enum class FdKind : uint8_t {
  Unknown, File, Directory, Ipv4Socket, Ipv6Socket, UnixSocket, Ipv4ServerSocket,
  Ipv6ServerSocket, Fifo, Event, Signalfd, Eventpoll, Inotify, Timerfd, Netlink, Bpf,
  Userfaultfd, Iouring, Memfd, Pidfd, Unsupported,
};

struct FdSnapshot {
  int64_t tid = -1;  // owning thread/process
  int64_t fd = -1;
  FdKind kind = FdKind::Unknown;
  std::string name;
  uint32_t flags = 0;
  uint64_t ino = 0;
  uint32_t dev = 0, mount_id = 0;
  // sockets. For connected sockets cip/cport is the tuple's source side and
  // sip/sport its destination (scap fd-list order); server sockets fill sip/sport.
  uint8_t l4proto = 0;  // scap l4 proto: 0 unknown, 1 n/a, 2 tcp, 3 udp, 4 icmp, 5 raw
  IpAddress sip, cip;
  uint16_t sport = 0, cport = 0;
  uint64_t unix_source = 0, unix_dest = 0;
};

// One network interface of the machine (capture interface-list block).
struct InterfaceSnapshot {
  std::string name;
  IpAddress addr, netmask, broadcast;  // family 4 or 6
  uint64_t linkspeed = 0;
};

struct UserSnapshot {
  uint32_t uid = 0, gid = 0;
  std::string name, home, shell;
  std::string container_id;
};

struct GroupSnapshot {
  uint32_t gid = 0;
  std::string name;
  std::string container_id;
};

struct MachineSnapshot {
  std::string hostname;
  uint32_t num_cpus = 0;
  uint64_t memory_kb = 0;
  uint64_t boot_ts = 0;
};

}  // namespace eg
