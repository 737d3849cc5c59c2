// Names of fd kinds and transport protocols as libsinsp prints them (fd.type,
// fd.typechar, fd.l4proto), kept as tables indexed by the enum.
#include "engine/state/fd_info.h"

#include <array>

namespace eg {
namespace {

struct KindName {
  std::string_view name;
  char type_char;
};

// Index = FdKind value (engine/state/snapshot.h order).
constexpr std::array<KindName, 21> kKindNames = {{
    {"<NA>", 'o'},       // Unknown
    {"file", 'f'},       // File
    {"directory", 'd'},  // Directory
    {"ipv4", '4'},       // Ipv4Socket
    {"ipv6", '6'},       // Ipv6Socket
    {"unix", 'u'},       // UnixSocket
    {"ipv4", '4'},       // Ipv4ServerSocket
    {"ipv6", '6'},       // Ipv6ServerSocket
    {"pipe", 'p'},       // Fifo
    {"event", 'e'},      // Event
    {"signalfd", 's'},   // Signalfd
    {"eventpoll", 'l'},  // Eventpoll
    {"inotify", 'i'},    // Inotify
    {"timerfd", 't'},    // Timerfd
    {"netlink", 'n'},    // Netlink
    {"bpf", 'b'},        // Bpf
    {"userfaultfd", 'u'},  // Userfaultfd
    {"io_uring", 'r'},   // Iouring
    {"memfd", 'm'},      // Memfd
    {"pidfd", 'P'},      // Pidfd
    {"<NA>", 'o'},       // Unsupported
}};

const KindName& kind_entry(FdKind kind) {
  size_t i = static_cast<size_t>(kind);
  return i < kKindNames.size() ? kKindNames[i] : kKindNames[0];
}

}  // namespace

std::string_view fd_type_name(FdKind kind) { return kind_entry(kind).name; }

char fd_type_char(FdKind kind) { return kind_entry(kind).type_char; }

std::string_view l4proto_name(uint8_t l4proto) {
  switch (l4proto) {
    case kL4Tcp: return "tcp";
    case kL4Udp: return "udp";
    case kL4Icmp: return "icmp";
    case kL4Raw: return "raw";
    default: return "<NA>";
  }
}

}  // namespace eg
