// Metadata block parsers (metadata_blocks.h). One function per block kind,
// each following the field table of the spec in order; versions differ only by
// which fields are present, so each field read is guarded by its "since".
#include "engine/sources/metadata_blocks.h"

#include <array>

#include "engine/sources/byte_cursor.h"
#include "engine/sources/capture_format.h"

namespace eg {
namespace {

using namespace eg::scap;

struct ParseError {
  std::string reason;
  size_t pos;
};

IpAddress ipv4(std::span<const uint8_t> b) {
  IpAddress a;
  a.family = 4;
  for (size_t i = 0; i < 4 && i < b.size(); ++i) a.bytes[i] = b[i];
  return a;
}

IpAddress ipv6(std::span<const uint8_t> b) {
  IpAddress a;
  a.family = 6;
  for (size_t i = 0; i < 16 && i < b.size(); ++i) a.bytes[i] = b[i];
  return a;
}

bool parse_machine(ByteCursor& c, CaptureSection& s) {
  MachineSnapshot& m = s.machine;
  m.num_cpus = c.u32();
  m.memory_kb = c.u64() / 1024;
  c.u64();  // max_pid
  auto host = c.bytes(128);
  m.hostname.assign(reinterpret_cast<const char*>(host.data()), host.size());
  m.hostname.resize(m.hostname.find('\0') == std::string::npos ? m.hostname.size()
                                                               : m.hostname.find('\0'));
  // boot_ts is missing in the oldest files (body of 148 bytes).
  if (c.left() >= 8) m.boot_ts = c.u64();
  s.has_machine = c.ok();
  return c.ok();
}

// The optional tail of a PL v9 entry, each field present only if it fits.
void parse_thread_v9_tail(ByteCursor& c, size_t end, ThreadSnapshot& t) {
  auto fits = [&](size_t n) { return c.ok() && c.pos() + n <= end; };
  // Files of libs older than 0.10 have only loginuid..cap_effective (29 bytes).
  if (end - c.pos() > 29) {
    if (!fits(8)) return;
    t.pidns_init_start_ts = static_cast<int64_t>(c.u64());
    if (!fits(4)) return;
    t.tty = c.u32();
  }
  if (!fits(4)) return;
  t.loginuid = c.u32();
  if (!fits(1)) return;
  t.exe_writable = c.u8() != 0;
  if (!fits(8)) return;
  t.cap_inheritable = c.u64();
  if (!fits(8)) return;
  t.cap_permitted = c.u64();
  if (!fits(8)) return;
  t.cap_effective = c.u64();
  if (!fits(1)) return;
  t.exe_upper_layer = c.u8() != 0;
  if (!fits(8)) return;
  t.exe_ino = c.u64();
  if (!fits(8)) return;
  t.exe_ino_ctime = c.u64();
  if (!fits(8)) return;
  t.exe_ino_mtime = c.u64();
  if (!fits(1)) return;
  t.exe_from_memfd = c.u8() != 0;
  if (!fits(1)) return;
  t.exe_lower_layer = c.u8() != 0;
  if (!fits(8)) return;
  t.pgid = c.i64();
}

bool parse_thread(ByteCursor& c, int ver, ThreadSnapshot& t, ParseError& err) {
  size_t start = c.pos();
  uint32_t entry_len = ver >= 9 ? c.u32() : 0;
  t.tid = c.i64();
  t.pid = c.i64();
  t.ptid = c.i64();
  if (ver >= 6) t.sid = c.i64();
  if (ver >= 8) t.vpgid = c.i64();
  t.comm = c.str();
  t.exe = c.str();
  if (ver >= 7) t.exepath = c.str();
  t.args = split_nul_list(c.str());
  t.cwd = c.str();
  t.fdlimit = c.u64();
  t.flags = c.u32();
  t.uid = c.u32();
  t.gid = c.u32();
  if (ver >= 2) {
    t.vmsize_kb = c.u32();
    t.vmrss_kb = c.u32();
    t.vmswap_kb = c.u32();
    t.pfmajor = c.u64();
    t.pfminor = c.u64();
  }
  if (ver >= 3) t.env = split_nul_list(c.str());
  if (ver >= 4) {
    t.vtid = c.i64();
    t.vpid = c.i64();
    t.cgroups = split_nul_list(c.str());
  }
  if (ver >= 5) t.root = c.str();
  if (!c.ok()) {
    err = {"process entry truncated", start};
    return false;
  }
  if (ver >= 9) {
    size_t end = start + entry_len;
    if (entry_len < c.pos() - start || end > c.size()) {
      err = {"process entry length " + std::to_string(entry_len) + " does not fit", start};
      return false;
    }
    parse_thread_v9_tail(c, end, t);
    c.seek(end);
  }
  return true;
}

bool parse_proc_list(ByteCursor& c, int ver, CaptureSection& s, ParseError& err) {
  while (c.left() >= 4) {
    ThreadSnapshot t;
    if (!parse_thread(c, ver, t, err)) return false;
    s.threads.push_back(std::move(t));
  }
  return true;
}

// scap fd type -> FdKind (index = scap_fd_type value).
constexpr std::array<FdKind, 22> kFdKinds = {
    FdKind::Unknown, FdKind::File, FdKind::Directory, FdKind::Ipv4Socket, FdKind::Ipv6Socket,
    FdKind::Ipv4ServerSocket, FdKind::Ipv6ServerSocket, FdKind::Fifo, FdKind::UnixSocket,
    FdKind::Event, FdKind::Unsupported, FdKind::Signalfd, FdKind::Eventpoll, FdKind::Inotify,
    FdKind::Timerfd, FdKind::Netlink, FdKind::File, FdKind::Bpf, FdKind::Userfaultfd,
    FdKind::Iouring, FdKind::Memfd, FdKind::Pidfd,
};
constexpr uint8_t kFdIpv4Sock = 3, kFdIpv6Sock = 4, kFdIpv4Serv = 5, kFdIpv6Serv = 6;
constexpr uint8_t kFdUnixSock = 8, kFdFileV2 = 16, kFdUnknown = 0;

// Type-specific data of an fd entry. Returns false for a type this reader does
// not know (the caller skips it in v2, fails in v1).
bool parse_fd_data(ByteCursor& c, uint8_t type, bool v2, size_t end, FdSnapshot& fd) {
  switch (type) {
    case kFdIpv4Sock:
      fd.cip = ipv4(c.bytes(4));
      fd.sip = ipv4(c.bytes(4));
      fd.cport = c.u16();
      fd.sport = c.u16();
      fd.l4proto = c.u8();
      return true;
    case kFdIpv4Serv:
      fd.sip = ipv4(c.bytes(4));
      fd.sport = c.u16();
      fd.l4proto = c.u8();
      return true;
    case kFdIpv6Sock:
      fd.cip = ipv6(c.bytes(16));
      fd.sip = ipv6(c.bytes(16));
      fd.cport = c.u16();
      fd.sport = c.u16();
      fd.l4proto = c.u8();
      return true;
    case kFdIpv6Serv:
      fd.sip = ipv6(c.bytes(16));
      fd.sport = c.u16();
      fd.l4proto = c.u8();
      return true;
    case kFdUnixSock:
      fd.unix_source = c.u64();
      fd.unix_dest = c.u64();
      fd.name = c.str();
      return true;
    case kFdFileV2:
      fd.flags = c.u32();
      fd.name = c.str();
      if (v2 && c.ok() && c.pos() + 4 <= end) fd.dev = c.u32();
      return true;
    case kFdUnknown:
      return true;
    default:
      if (type >= kFdKinds.size()) return false;
      fd.name = c.str();
      return true;
  }
}

bool parse_fd_list(ByteCursor& c, bool v2, CaptureSection& s, ParseError& err) {
  int64_t tid = c.i64();
  while (c.ok() && c.left() >= 4) {
    size_t start = c.pos();
    uint32_t entry_len = v2 ? c.u32() : 0;
    size_t end = v2 ? start + entry_len : c.size();
    if (v2 && (entry_len < 4 || end > c.size())) {
      err = {"fd entry length " + std::to_string(entry_len) + " does not fit", start};
      return false;
    }
    FdSnapshot fd;
    fd.tid = tid;
    fd.fd = c.i64();
    fd.ino = c.u64();
    uint8_t type = c.u8();
    bool known = parse_fd_data(c, type, v2, end, fd);
    if (!known && !v2) {
      err = {"unknown fd type " + std::to_string(type) + " in a v1 fd list", start};
      return false;
    }
    if (!c.ok() || (v2 && c.pos() > end)) {
      err = {"fd entry truncated", start};
      return false;
    }
    if (v2) c.seek(end);
    if (known) {
      fd.kind = kFdKinds[type];
      s.fds.push_back(std::move(fd));
    }
  }
  if (!c.ok()) {
    err = {"fd list truncated", 0};
    return false;
  }
  return true;
}

constexpr uint16_t kIfIpv4 = 1, kIfIpv6 = 2, kIfIpv4NoSpeed = 3, kIfIpv6NoSpeed = 4;

bool parse_if_list(ByteCursor& c, bool v2, CaptureSection& s, ParseError& err) {
  while (c.left() >= 4) {
    size_t start = c.pos();
    size_t end = 0;
    if (v2) {
      uint32_t n = c.u32();
      end = c.pos() + n;
      if (end > c.size()) {
        err = {"interface entry length " + std::to_string(n) + " does not fit", start};
        return false;
      }
    }
    uint16_t type = c.u16();
    uint16_t namelen = c.u16();
    InterfaceSnapshot itf;
    if (type == kIfIpv4 || type == kIfIpv4NoSpeed) {
      itf.addr = ipv4(c.bytes(4));
      itf.netmask = ipv4(c.bytes(4));
      itf.broadcast = ipv4(c.bytes(4));
      if (type == kIfIpv4) itf.linkspeed = c.u64();
    } else if (type == kIfIpv6 || type == kIfIpv6NoSpeed) {
      itf.addr = ipv6(c.bytes(16));
      itf.netmask = ipv6(c.bytes(16));
      itf.broadcast = ipv6(c.bytes(16));
      if (type == kIfIpv6) itf.linkspeed = c.u64();
    } else {
      err = {"unknown interface type " + std::to_string(type), start};
      return false;
    }
    auto name = c.bytes(namelen);
    itf.name.assign(reinterpret_cast<const char*>(name.data()), name.size());
    if (!c.ok() || (v2 && c.pos() > end)) {
      err = {"interface entry truncated", start};
      return false;
    }
    if (v2) c.seek(end);
    s.interfaces.push_back(std::move(itf));
  }
  return true;
}

bool parse_user_list(ByteCursor& c, bool v2, CaptureSection& s, ParseError& err) {
  while (c.left() >= 4) {
    size_t start = c.pos();
    uint32_t entry_len = v2 ? c.u32() : 0;
    uint8_t kind = c.u8();
    if (kind == 0) {
      UserSnapshot u;
      u.uid = c.u32();
      u.gid = c.u32();
      u.name = c.str();
      u.home = c.str();
      u.shell = c.str();
      if (c.ok()) s.users.push_back(std::move(u));
    } else {
      GroupSnapshot g;
      g.gid = c.u32();
      g.name = c.str();
      if (c.ok()) s.groups.push_back(std::move(g));
    }
    if (!c.ok() || (v2 && c.pos() > start + entry_len)) {
      err = {"user entry truncated", start};
      return false;
    }
    if (v2) c.seek(start + entry_len);
  }
  return true;
}

}  // namespace

std::vector<std::string> split_nul_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t nul = s.find('\0');
    if (nul == std::string_view::npos) {
      out.emplace_back(s);
      break;
    }
    out.emplace_back(s.substr(0, nul));
    s.remove_prefix(nul + 1);
  }
  return out;
}

bool is_metadata_block(uint32_t type) {
  switch (type) {
    case kMachineInfo: case kMachineInfoInt:
    case kFdListV1: case kFdListV1Int: case kFdListV2:
    case kIfListV1: case kIfListV1Int: case kIfListV2:
    case kUserListV1: case kUserListV1Int: case kUserListV2:
      return true;
    default:
      return proc_list_version(type) != 0;
  }
}

bool parse_metadata_block(uint32_t type, std::span<const uint8_t> body, CaptureSection& section,
                          std::string& error, size_t& error_pos) {
  ByteCursor c(body);
  ParseError err{"", 0};
  bool ok = true;
  switch (type) {
    case kMachineInfo: case kMachineInfoInt:
      ok = parse_machine(c, section);
      if (!ok) err = {"machine info truncated", 0};
      break;
    case kFdListV1: case kFdListV1Int:
      ok = parse_fd_list(c, false, section, err);
      break;
    case kFdListV2:
      ok = parse_fd_list(c, true, section, err);
      break;
    case kIfListV1: case kIfListV1Int:
      ok = parse_if_list(c, false, section, err);
      break;
    case kIfListV2:
      ok = parse_if_list(c, true, section, err);
      break;
    case kUserListV1: case kUserListV1Int:
      ok = parse_user_list(c, false, section, err);
      break;
    case kUserListV2:
      ok = parse_user_list(c, true, section, err);
      break;
    default:
      if (int ver = proc_list_version(type)) ok = parse_proc_list(c, ver, section, err);
      break;
  }
  if (!ok) {
    error = err.reason;
    error_pos = err.pos;
  }
  return ok;
}

}  // namespace eg
