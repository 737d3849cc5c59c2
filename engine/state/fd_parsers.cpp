// Parsers of the events that create, change and close file descriptors:
// the open family, sockets (socket/socketpair/connect/accept/bind and the
// UDP tuple updates of send/recv), pipes, dup and F_DUPFD, the single-purpose
// fds (eventfd, signalfd, timerfd, inotify, epoll, memfd, pidfd, ...) and close.
// Names and kinds are what libsinsp's parsers store, since fd.name/fd.type
// print them.
#include <array>

#include "engine/state/parsers.h"
#include "engine/state/path_join.h"
#include "engine/state/socket_names.h"
#include "engine/state/param_keys.h"
#include "fields/param_render.h"

namespace eg {
namespace {

constexpr uint32_t kOCreat = 4, kODirectory = 1024, kOCloexec = 4096;
constexpr uint32_t kFdUpperLayer = 32768, kFdLowerLayer = 65536;
constexpr uint32_t kCreatUpperLayer = 1, kCreatLowerLayer = 2;
constexpr uint8_t kAfNetlink = 16;
constexpr uint32_t kSockStream = 1, kSockDgram = 2, kSockRaw = 3;
constexpr uint32_t kIpprotoIcmp = 1, kIpprotoIcmpv6 = 58;
constexpr uint64_t kFDupfd = 1, kFDupfdCloexec = 26;
constexpr uint32_t kCloseRangeCloexec = 4;

std::optional<int64_t> new_fd(const ParseInput& in) {
  auto r = in.params.result();
  if (in.thread == nullptr || !r || *r < 0) return std::nullopt;
  return r;
}

FdTable& table(ParseInput& in) { return *fd_table_of(in.zone, *in.thread); }

FdInfo* add_fd(ParseInput& in, int64_t fd, FdInfo info) {
  info.open_ts = in.ev.ts;
  FdInfo* added = table(in).add(fd, std::move(info));
  if (added == nullptr) ++ZoneState::Parsing::stats(in.zone).fd_drops;
  return added;
}

// The entry of a new fd, reset to defaults, to be filled in place (add_fd's
// result without building and moving an FdInfo); nullptr when not tracked.
FdInfo* add_fd_in_place(ParseInput& in, int64_t fd) {
  FdInfo* added = table(in).reset_slot(fd);
  if (added == nullptr) {
    ++ZoneState::Parsing::stats(in.zone).fd_drops;
    return nullptr;
  }
  added->open_ts = in.ev.ts;
  return added;
}

// libsinsp's parse_dirfd: the directory a relative name is resolved against.
// A view into the zone's state (valid until it changes) or into `storage`.
std::string_view dirfd_base(ParseInput& in, std::string_view name, int64_t dirfd, std::string& storage) {
  if (!name.empty() && name[0] == '/') return ".";
  if (dirfd == kAtFdCwd) return in.zone.cwd(*in.thread);
  const FdInfo* dir = table(in).find(dirfd);
  if (dir == nullptr) return "<UNKNOWN>";
  if (dir->name.empty() || dir->name.back() == '/') return dir->name;
  storage.assign(dir->name).push_back('/');
  return storage;
}

uint32_t creat_layer_flags(const EventParams& p) {
  uint32_t cf = static_cast<uint32_t>(p.u64(param_keys::creat_flags()).value_or(0));
  if (cf & kCreatUpperLayer) return kFdUpperLayer;
  if (cf & kCreatLowerLayer) return kFdLowerLayer;
  return 0;
}

// Fills an IP socket's endpoints and name from a connect/accept tuple.
void apply_ip_tuple(const SockTuple& t, FdInfo& f) {
  IpAddress src = t.sip, dst = t.dip, src4, dst4;
  bool v4 = t.family == kAfInet;
  if (!v4 && ipv4_mapped(src, src4) && ipv4_mapped(dst, dst4)) {
    src = src4;
    dst = dst4;
    v4 = true;
  }
  if (f.kind != FdKind::Ipv4Socket && f.kind != FdKind::Ipv6Socket) f.kind = v4 ? FdKind::Ipv4Socket : FdKind::Ipv6Socket;
  if (v4) f.kind = FdKind::Ipv4Socket;
  f.cip = src;
  f.cport = t.sport;
  f.sip = dst;
  f.sport = t.dport;
  assign_tuple_text(f.name, f.cip, f.cport, f.sip, f.sport);
}

void apply_unix_tuple(const SockTuple& t, FdInfo& f) {
  f.kind = FdKind::UnixSocket;
  f.unix_source = t.src_ptr;
  f.unix_dest = t.dst_ptr;
  if (!t.path.empty()) f.name = std::string(t.path);
}

bool apply_tuple(const SockTuple& t, FdInfo& f) {
  if (t.family == kAfInet || t.family == kAfInet6) {
    apply_ip_tuple(t, f);
    return true;
  }
  if (t.family == kAfUnix) {
    apply_unix_tuple(t, f);
    return true;
  }
  return false;
}

uint8_t l4proto_of(uint32_t type, uint32_t proto) {
  switch (type & 0xf) {
    case kSockStream: return kL4Tcp;
    case kSockDgram: return kL4Udp;
    case kSockRaw: return (proto == kIpprotoIcmp || proto == kIpprotoIcmpv6) ? kL4Icmp : kL4Raw;
    default: return kL4Unknown;
  }
}

struct SimpleFdKind {
  std::string_view event;
  FdKind kind;
};

constexpr std::array<SimpleFdKind, 14> kSimpleFdKinds = {{
    {"eventfd", FdKind::Event},          {"eventfd2", FdKind::Event},
    {"signalfd", FdKind::Signalfd},      {"signalfd4", FdKind::Signalfd},
    {"timerfd_create", FdKind::Timerfd}, {"inotify_init", FdKind::Inotify},
    {"inotify_init1", FdKind::Inotify},  {"epoll_create", FdKind::Eventpoll},
    {"epoll_create1", FdKind::Eventpoll}, {"userfaultfd", FdKind::Userfaultfd},
    {"io_uring_setup", FdKind::Iouring}, {"bpf", FdKind::Bpf},
    {"pidfd_open", FdKind::Pidfd},       {"pidfd_getfd", FdKind::Unknown},
}};

void duplicate_fd(ParseInput& in, int64_t oldfd, int64_t newfd, bool cloexec) {
  if (oldfd == newfd) return;
  const FdInfo* old = table(in).find(oldfd);
  if (old == nullptr) {
    table(in).erase(newfd);  // the target is replaced by something unknown
    return;
  }
  FdInfo copy = *old;
  copy.cloexec = cloexec;
  add_fd(in, newfd, std::move(copy));
}

}  // namespace

FdKind socket_kind(uint8_t family) {
  switch (family) {
    case kAfUnix: return FdKind::UnixSocket;
    case kAfInet: return FdKind::Ipv4Socket;
    case kAfInet6: return FdKind::Ipv6Socket;
    case kAfNetlink: return FdKind::Netlink;
    default: return FdKind::Unknown;
  }
}

void parse_open_exit(ParseInput& in) {
  auto fd = new_fd(in);
  if (!fd) return;
  const EventParams& p = in.params;
  std::string_view name, base;
  std::string& storage = ZoneState::Parsing::scratch(in.zone, 0);
  uint32_t flags = static_cast<uint32_t>(p.u64(param_keys::flags()).value_or(0));
  if (in.info.name == "open_by_handle_at") {
    name = p.str(param_keys::path()).value_or("");
    base = ".";
  } else if (in.info.name == "openat" || in.info.name == "openat2") {
    name = p.str(param_keys::name()).value_or("<NA>");
    base = dirfd_base(in, name, p.i64(param_keys::dirfd()).value_or(kAtFdCwd), storage);
  } else {
    name = p.str(param_keys::name()).value_or("");
    base = in.zone.cwd(*in.thread);
    if (in.info.name == "creat") flags = kOCreat | creat_layer_flags(p);
  }
  // Joined before the entry is reset: `base` may be the name of the very fd
  // being replaced (a stale entry). The joined buffer and the entry's name
  // then trade places, so both keep their capacity from event to event.
  std::string& joined = ZoneState::Parsing::scratch(in.zone, 1);
  concatenate_paths_into(joined, base, name);
  in.ctx.fd_name_changed = true;
  FdInfo* f = add_fd_in_place(in, *fd);
  if (f == nullptr) return;
  f->kind = (flags & kODirectory) != 0 ? FdKind::Directory : FdKind::File;
  f->name.swap(joined);
  f->name_raw.assign(name);
  f->open_flags = flags;
  f->mode = static_cast<uint32_t>(p.u64(param_keys::mode()).value_or(0));
  f->dev = static_cast<uint32_t>(p.u64(param_keys::dev()).value_or(0));
  f->ino = p.u64(param_keys::ino()).value_or(0);
  f->overlay_upper = (flags & kFdUpperLayer) != 0;
  f->overlay_lower = (flags & kFdLowerLayer) != 0;
  f->cloexec = (flags & kOCloexec) != 0;
}

void parse_socket_exit(ParseInput& in) {
  auto fd = new_fd(in);
  if (!fd) return;
  uint8_t domain = static_cast<uint8_t>(in.params.u64(param_keys::domain()).value_or(0));
  FdInfo* f = add_fd_in_place(in, *fd);
  if (f == nullptr) return;
  f->kind = socket_kind(domain);
  if (domain == kAfInet || domain == kAfInet6) {
    f->l4proto = l4proto_of(static_cast<uint32_t>(in.params.u64(param_keys::type()).value_or(0)),
                            static_cast<uint32_t>(in.params.u64(param_keys::proto()).value_or(0)));
  }
}

void parse_socketpair_exit(ParseInput& in) {
  auto r = new_fd(in);
  if (!r) return;
  const EventParams& p = in.params;
  auto fd1 = p.i64(param_keys::fd1()), fd2 = p.i64(param_keys::fd2());
  if (!fd1 || !fd2 || *fd1 < 0 || *fd2 < 0) return;
  FdInfo f;
  f.kind = socket_kind(static_cast<uint8_t>(p.u64(param_keys::domain()).value_or(kAfUnix)));
  f.unix_source = p.u64(param_keys::source()).value_or(0);
  f.unix_dest = p.u64(param_keys::peer()).value_or(0);
  FdInfo g = f;
  std::swap(g.unix_source, g.unix_dest);
  add_fd(in, *fd1, std::move(f));
  add_fd(in, *fd2, std::move(g));
}

void parse_connect_exit(ParseInput& in) {
  if (in.thread == nullptr) return;
  auto fd = in.params.i64(param_keys::fd());
  auto res = in.params.result();
  if (!fd || !res) return;
  FdInfo* f = table(in).find(*fd);
  if (f == nullptr) return;
  constexpr int64_t kEinprogress = -115;
  if (*res < 0 && *res != kEinprogress) {
    f->socket_pending = false;
    return;
  }
  f->role_client = true;
  in.ctx.fd_name_changed = true;
  f->socket_pending = *res == kEinprogress;
  f->connected = true;  // libsinsp counts a connect in progress as connected
  auto tuple = in.params.get(param_keys::tuple());
  if (tuple && tuple->type == FieldType::SOCKTUPLE) {
    SockTuple t = tuple->tuple;
    if (t.family == kAfInet || t.family == kAfInet6) in.zone.fill_unbound_address(t.sip, t.dip);
    if (apply_tuple(t, *f)) return;
  }
  // No tuple: the destination address is all there is.
  auto addr = in.params.get(param_keys::addr());
  if (addr && addr->type == FieldType::SOCKADDR && (addr->addr.family == kAfInet || addr->addr.family == kAfInet6)) {
    f->sip = addr->addr.ip;
    f->sport = addr->addr.port;
  }
}

void parse_accept_exit(ParseInput& in) {
  auto fd = new_fd(in);
  if (!fd) return;
  FdInfo f;
  f.kind = FdKind::Unknown;
  f.role_server = true;
  f.connected = true;
  auto tuple = in.params.get(param_keys::tuple());
  if (tuple && tuple->type == FieldType::SOCKTUPLE) {
    apply_tuple(tuple->tuple, f);
    if (f.kind == FdKind::Ipv4Socket || f.kind == FdKind::Ipv6Socket) f.l4proto = kL4Tcp;
  }
  add_fd(in, *fd, std::move(f));
  in.ctx.fd_name_changed = true;
}

void parse_bind_exit(ParseInput& in) {
  if (in.thread == nullptr) return;
  auto res = in.params.result();
  auto fd = in.params.i64(param_keys::fd());
  if (!res || *res < 0 || !fd) return;
  FdInfo* f = table(in).find(*fd);
  auto addr = in.params.get(param_keys::addr());
  if (f == nullptr || !addr || addr->type != FieldType::SOCKADDR) return;
  const SockAddr& a = addr->addr;
  in.ctx.fd_name_changed = true;
  if (a.family == kAfInet || a.family == kAfInet6) {
    // Binding a port makes a server socket; binding port 0 (a client choosing
    // its address) only names the fd.
    if (a.port != 0) {
      f->kind = a.family == kAfInet ? FdKind::Ipv4ServerSocket : FdKind::Ipv6ServerSocket;
      f->sip = a.ip;
      f->sport = a.port;
      f->role_server = true;
    }
    f->name = endpoint_text(a.ip, a.port);
  } else if (a.family == kAfUnix) {
    f->name = std::string(a.path);
  }
}

void parse_pipe_exit(ParseInput& in) {
  auto r = new_fd(in);
  if (!r) return;
  auto fd1 = in.params.i64(param_keys::fd1()), fd2 = in.params.i64(param_keys::fd2());
  if (!fd1 || !fd2 || *fd1 < 0 || *fd2 < 0) return;
  FdInfo f;
  f.kind = FdKind::Fifo;
  f.ino = in.params.u64(param_keys::ino()).value_or(0);
  f.cloexec = (in.params.u64(param_keys::flags()).value_or(0) & kOCloexec) != 0;
  add_fd(in, *fd1, f);
  add_fd(in, *fd2, std::move(f));
}

void parse_dup_exit(ParseInput& in) {
  auto newfd = new_fd(in);
  if (!newfd) return;
  auto oldfd = in.params.i64(param_keys::oldfd());
  if (!oldfd) return;
  bool cloexec = (in.params.u64(param_keys::flags()).value_or(0) & kOCloexec) != 0;
  duplicate_fd(in, *oldfd, *newfd, cloexec);
}

void parse_fcntl_exit(ParseInput& in) {
  auto newfd = new_fd(in);
  if (!newfd) return;
  uint64_t cmd = in.params.u64(param_keys::cmd()).value_or(0);
  if (cmd != kFDupfd && cmd != kFDupfdCloexec) return;
  auto fd = in.params.i64(param_keys::fd());
  if (fd) duplicate_fd(in, *fd, *newfd, cmd == kFDupfdCloexec);
}

void parse_simple_fd_exit(ParseInput& in) {
  auto fd = new_fd(in);
  if (!fd) return;
  FdInfo f;
  for (const SimpleFdKind& k : kSimpleFdKinds) {
    if (k.event == in.info.name) f.kind = k.kind;
  }
  add_fd(in, *fd, std::move(f));
}

void parse_memfd_create_exit(ParseInput& in) {
  auto fd = new_fd(in);
  if (!fd) return;
  FdInfo f;
  f.kind = FdKind::Memfd;
  f.name = "memfd:" + std::string(in.params.str(param_keys::name()).value_or(""));
  add_fd(in, *fd, std::move(f));
}

void parse_close_exit(ParseInput& in) {
  if (in.thread == nullptr) return;
  auto res = in.params.result();
  auto fd = in.params.i64(param_keys::fd());
  if (!res || *res < 0 || !fd) return;
  ZoneState::Parsing::defer_fd_removal(in.zone, fd_table_of(in.zone, *in.thread), *fd);
}

void parse_close_range_exit(ParseInput& in) {
  if (in.thread == nullptr) return;
  auto res = in.params.result();
  if (!res || *res < 0) return;
  if ((in.params.u64(param_keys::flags()).value_or(0) & kCloseRangeCloexec) != 0) return;
  uint64_t first = in.params.u64(param_keys::first()).value_or(0);
  uint64_t last = in.params.u64(param_keys::last()).value_or(0);
  auto t = fd_table_of(in.zone, *in.thread);
  std::vector<int64_t> doomed;
  t->for_each([&](int64_t fd, const FdInfo&) {
    if (fd >= 0 && static_cast<uint64_t>(fd) >= first && static_cast<uint64_t>(fd) <= last) doomed.push_back(fd);
    return true;
  });
  for (int64_t fd : doomed) ZoneState::Parsing::defer_fd_removal(in.zone, t, fd);
}

// UDP (and not yet named) sockets learn their peer from the send/recv
// tuples. Tuples are written source->destination; this process's end is the
// client side unless it accepted, so a read's tuple is turned around.
void parse_socket_io_exit(ParseInput& in) {
  if (in.thread == nullptr) return;
  auto res = in.params.result();
  auto fd = in.params.i64(param_keys::fd());
  if (!res || *res < 0 || !fd) return;
  FdInfo* f = table(in).find(*fd);
  if (f == nullptr) return;
  bool ip = f->kind == FdKind::Ipv4Socket || f->kind == FdKind::Ipv6Socket;
  if (!ip || (f->l4proto != kL4Udp && !f->name.empty())) return;
  auto tuple = in.params.get(param_keys::tuple());
  if (!tuple || tuple->type != FieldType::SOCKTUPLE) return;
  SockTuple t = tuple->tuple;
  if (t.family != kAfInet && t.family != kAfInet6) return;
  bool reads = in.info.has(kEfReadsFromFd);
  // An fd with no role yet takes the one its first datagram suggests.
  if (!f->role_client && !f->role_server) (reads ? f->role_server : f->role_client) = true;
  if (reads != f->role_server) {
    std::swap(t.sip, t.dip);
    std::swap(t.sport, t.dport);
  }
  in.zone.fill_unbound_address(t.sip, t.dip);
  std::string before = f->name;
  apply_ip_tuple(t, *f);
  f->connected = true;
  in.ctx.fd_name_changed = f->name != before;
}

}  // namespace eg
