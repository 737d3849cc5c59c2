// Thread snapshot -> ThreadSnapshot/FdSnapshot (zone_snapshot.h): one
// function per message kind; fd types and socket info follow the capture
// reader's fd-list rules (engine/sources/metadata_blocks.cpp). Templates over
// the message types: the daemon's schema and our bytes-only view
// (edera_guard/zone_snapshot_view.proto) have the same accessors.
#include "engine/sources/edera/zone_snapshot.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include "engine/sources/metadata_blocks.h"
#include "engine/state/zone_state.h"
#include "edera_guard/zone_snapshot_view.pb.h"
#include "protect/control/v1/control.pb.h"

namespace eg::edera {
namespace {

namespace pb = protect::control::v1;

// ZoneKernelFdType (= scap_fd_type) -> FdKind, index = enum value.
constexpr std::array<FdKind, 22> kFdKinds = {
    FdKind::Unknown, FdKind::File, FdKind::Directory, FdKind::Ipv4Socket, FdKind::Ipv6Socket,
    FdKind::Ipv4ServerSocket, FdKind::Ipv6ServerSocket, FdKind::Fifo, FdKind::UnixSocket,
    FdKind::Event, FdKind::Unsupported, FdKind::Signalfd, FdKind::Eventpoll, FdKind::Inotify,
    FdKind::Timerfd, FdKind::Netlink, FdKind::File, FdKind::Bpf, FdKind::Userfaultfd,
    FdKind::Iouring, FdKind::Memfd, FdKind::Pidfd,
};

FdKind fd_kind(int type) {
  return type >= 0 && static_cast<size_t>(type) < kFdKinds.size() ? kFdKinds[type]
                                                                   : FdKind::Unknown;
}

// Text -> address of `family` (4 or 6). Empty text: the family's zero address.
// IPv4 text on an IPv6 socket (or the reverse) is taken as what it is.
IpAddress parse_ip(const std::string& text, uint8_t family, size_t& bad) {
  IpAddress a;
  a.family = family;
  if (text.empty()) return a;
  if (text.find('\0') != std::string::npos) {
    ++bad;
    return IpAddress{};
  }
  if (inet_pton(AF_INET, text.c_str(), a.bytes.data()) == 1) {
    a.family = 4;
    return a;
  }
  a.bytes = {};
  if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) == 1) {
    a.family = 6;
    return a;
  }
  ++bad;
  return IpAddress{};
}

uint16_t port(uint32_t p) { return static_cast<uint16_t>(p); }
uint8_t l4(int proto) { return proto >= 0 && proto <= 5 ? static_cast<uint8_t>(proto) : 0; }

// Socket info of either family (both schemas name the fields the same).
template <typename Info>
void connected_socket(const Info& s, uint8_t family, FdSnapshot& fd, size_t& bad) {
  fd.cip = parse_ip(s.source_ip(), family, bad);
  fd.sip = parse_ip(s.dest_ip(), family, bad);
  fd.cport = port(s.source_port());
  fd.sport = port(s.dest_port());
  fd.l4proto = l4(s.protocol());
}

template <typename Info>
void server_socket(const Info& s, uint8_t family, FdSnapshot& fd, size_t& bad) {
  fd.sip = parse_ip(s.local_ip(), family, bad);
  fd.sport = port(s.local_port());
  fd.l4proto = l4(s.protocol());
}

template <typename FdInfoMsg>
void convert_fd_info(const FdInfoMsg& in, FdSnapshot& fd, size_t& bad) {
  fd.flags = in.open_flags();
  const auto& d = in.info();
  if (d.has_ipv4_socket()) {
    connected_socket(d.ipv4_socket(), 4, fd, bad);
  } else if (d.has_ipv6_socket()) {
    connected_socket(d.ipv6_socket(), 6, fd, bad);
  } else if (d.has_ipv4_server_socket()) {
    server_socket(d.ipv4_server_socket(), 4, fd, bad);
  } else if (d.has_ipv6_server_socket()) {
    server_socket(d.ipv6_server_socket(), 6, fd, bad);
  } else if (d.has_unix_socket()) {
    fd.unix_source = d.unix_socket().source();
    fd.unix_dest = d.unix_socket().destination();
    fd.name = d.unix_socket().name();
  } else if (d.has_regular_file()) {
    const auto& f = d.regular_file();
    fd.name = f.name();
    if (f.open_flags() != 0) fd.flags = f.open_flags();
    fd.mount_id = f.mount_id();
    fd.dev = f.device();
  } else if (d.has_file_name()) {
    fd.name = d.file_name();
  }
  // pidfd, or no info: nothing to add.
}

int64_t signed_id(uint64_t v) { return static_cast<int64_t>(v); }

template <typename ThreadInfoMsg>
void convert_thread(int64_t tid, const ThreadInfoMsg& in, ThreadSnapshot& t) {
  t.tid = tid;
  t.pid = in.has_pid() ? signed_id(in.pid()) : -1;
  t.ptid = in.has_ptid() ? signed_id(in.ptid()) : -1;
  t.vtid = in.has_vtid() ? signed_id(in.vtid()) : -1;
  t.vpid = in.has_vpid() ? signed_id(in.vpid()) : -1;
  t.sid = signed_id(in.sid());
  t.vpgid = signed_id(in.vpgid());
  t.pgid = signed_id(in.pgid());
  t.comm = in.comm();
  t.exe = in.exe();
  t.exepath = in.exepath();
  t.exe_writable = in.exe_writable();
  t.exe_upper_layer = in.exe_upper_layer();
  t.exe_lower_layer = in.exe_lower_layer();
  t.exe_from_memfd = in.exe_from_memfd();
  t.args = split_nul_list(in.args());
  t.env = split_nul_list(in.env());
  t.cgroups = split_nul_list(in.cgroups());
  t.cwd = in.cwd();
  t.root = in.root();
  t.fdlimit = static_cast<uint64_t>(in.fdlimit());
  t.flags = in.flags();
  t.uid = in.uid();
  t.gid = in.gid();
  t.loginuid = in.loginuid();
  t.cap_permitted = in.cap_permitted();
  t.cap_effective = in.cap_effective();
  t.cap_inheritable = in.cap_inheritable();
  t.exe_ino = in.exe_ino();
  t.exe_ino_ctime = in.exe_ino_ctime();
  t.exe_ino_mtime = in.exe_ino_mtime();
  t.vmsize_kb = in.vmsize_kb();
  t.vmrss_kb = in.vmrss_kb();
  t.vmswap_kb = in.vmswap_kb();
  t.pfmajor = in.pfmajor();
  t.pfminor = in.pfminor();
  t.pidns_init_start_ts = static_cast<int64_t>(in.pidns_init_start_ts());
  t.clone_ts = in.clone_ts();
  t.tty = in.tty();
}

// A protobuf map's entries by ascending key (map order is unspecified; the
// records are sorted through pointers, not moved around afterwards).
template <typename Map>
auto sorted_entries(const Map& map) {
  std::vector<std::pair<uint64_t, const typename Map::mapped_type*>> out;
  out.reserve(map.size());
  for (const auto& [key, value] : map) out.emplace_back(key, &value);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

template <typename ThreadInfoMsg>
void convert_fds(int64_t tid, const ThreadInfoMsg& in, ZoneSnapshot& out) {
  for (const auto& [key, info] : sorted_entries(in.fdlist())) {
    if (!info->has_fd()) {
      ++out.skipped_fds;
      continue;
    }
    if (info->fd() != key) ++out.key_mismatches;
    FdSnapshot& fd = out.fds.emplace_back();
    fd.tid = tid;
    fd.fd = static_cast<int64_t>(key);
    fd.ino = info->inode();
    fd.kind = fd_kind(info->fd_type());
    convert_fd_info(*info, fd, out.bad_addresses);
  }
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

template <typename SnapshotMsg>
ZoneSnapshot convert(const SnapshotMsg& m) {
  ZoneSnapshot out;
  out.boot_epoch_ns = m.zone_boot_epoch();
  out.threads.reserve(m.thread_info_size());
  size_t fds = 0;
  for (const auto& entry : m.thread_info()) fds += entry.second.fdlist_size();
  out.fds.reserve(fds);
  // In key order: threads sorted by tid, fds by (tid, fd), nothing to sort after.
  for (const auto& [key, info] : sorted_entries(m.thread_info())) {
    if (key > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      ++out.skipped_threads;
      continue;
    }
    const int64_t tid = static_cast<int64_t>(key);
    if (info->has_tid() && info->tid() != key) ++out.key_mismatches;
    convert_thread(tid, *info, out.threads.emplace_back());
    convert_fds(tid, *info, out);
  }
  return out;
}

}  // namespace

ZoneSnapshot convert_thread_snapshot(const pb::ZoneKernelThreadSnapshotEvent& m) { return convert(m); }

ZoneSnapshot convert_thread_snapshot(const wire::ZoneKernelThreadSnapshotEventView& m) {
  return convert(m);
}

void apply_snapshot(ZoneState& zone, const ZoneSnapshot& s) {
  zone.clear();
  for (const ThreadSnapshot& t : s.threads) zone.seed_thread(t);
  for (const FdSnapshot& f : s.fds) zone.seed_fd(f);
}

std::string normalise_zone_id(std::string_view id) {
  static constexpr size_t kHyphens[] = {8, 13, 18, 23};
  if (id.size() != 36) return {};
  std::string out(id);
  for (size_t i = 0; i < out.size(); ++i) {
    bool hyphen = std::find(std::begin(kHyphens), std::end(kHyphens), i) != std::end(kHyphens);
    if (hyphen ? out[i] != '-' : !is_hex(out[i])) return {};
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  }
  return out;
}

}  // namespace eg::edera
