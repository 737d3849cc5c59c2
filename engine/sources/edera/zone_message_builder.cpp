// Native event / snapshot records -> daemon messages (zone_message_builder.h).
// The inverse of zone_event_encoder.cpp and zone_snapshot.cpp, field by field,
// so that the round-trip tests can compare values exactly.
#include "engine/sources/edera/zone_message_builder.h"

#include <arpa/inet.h>

#include <array>
#include <unordered_map>

#include "fields/event_schema.h"
#include "fields/param_render.h"

namespace eg::edera {
namespace {

namespace pb = protect::control::v1;

// ppm_param_type names, index = value (spec Appendix A.5).
constexpr std::array<std::string_view, 47> kParamTypeNames = {
    "PT_NONE", "PT_INT8", "PT_INT16", "PT_INT32", "PT_INT64", "PT_UINT8", "PT_UINT16",
    "PT_UINT32", "PT_UINT64", "PT_CHARBUF", "PT_BYTEBUF", "PT_ERRNO", "PT_SOCKADDR",
    "PT_SOCKTUPLE", "PT_FD", "PT_PID", "PT_FDLIST", "PT_FSPATH", "PT_SYSCALLID", "PT_SIGTYPE",
    "PT_RELTIME", "PT_ABSTIME", "PT_PORT", "PT_L4PROTO", "PT_SOCKFAMILY", "PT_BOOL",
    "PT_IPV4ADDR", "PT_DYN", "PT_FLAGS8", "PT_FLAGS16", "PT_FLAGS32", "PT_UID", "PT_GID",
    "PT_DOUBLE", "PT_SIGSET", "PT_CHARBUFARRAY", "PT_CHARBUF_PAIR_ARRAY", "PT_IPV4NET",
    "PT_IPV6ADDR", "PT_IPV6NET", "PT_IPADDR", "PT_IPNET", "PT_MODE", "PT_FSRELPATH",
    "PT_ENUMFLAGS8", "PT_ENUMFLAGS16", "PT_ENUMFLAGS32",
};

// Our FieldType as the wire's ppm_param_type: equal values, except the two
// 4-byte variants the table uses for old layouts (still PT_FD / PT_PID).
uint32_t wire_param_type(FieldType t) {
  if (t == FieldType::FD32) return static_cast<uint32_t>(FieldType::FD);
  if (t == FieldType::PID32) return static_cast<uint32_t>(FieldType::PID);
  return static_cast<uint32_t>(t);
}

std::string join_nul(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    out += s;
    out.push_back('\0');
  }
  return out;
}

std::string ip_text(const IpAddress& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (a.family == 4) inet_ntop(AF_INET, a.bytes.data(), buf, sizeof buf);
  else if (a.family == 6) inet_ntop(AF_INET6, a.bytes.data(), buf, sizeof buf);
  return buf;
}

// FdKind -> ZoneKernelFdType (files as FILE_V2 with regular_file info, as
// captures write them).
pb::ZoneKernelFdType wire_fd_type(FdKind k) {
  switch (k) {
    case FdKind::Unknown: return pb::ZONE_KERNEL_FD_TYPE_UNKNOWN;
    case FdKind::File: return pb::ZONE_KERNEL_FD_TYPE_FILE_V2;
    case FdKind::Directory: return pb::ZONE_KERNEL_FD_TYPE_DIRECTORY;
    case FdKind::Ipv4Socket: return pb::ZONE_KERNEL_FD_TYPE_IPV4_SOCK;
    case FdKind::Ipv6Socket: return pb::ZONE_KERNEL_FD_TYPE_IPV6_SOCK;
    case FdKind::UnixSocket: return pb::ZONE_KERNEL_FD_TYPE_UNIX_SOCK;
    case FdKind::Ipv4ServerSocket: return pb::ZONE_KERNEL_FD_TYPE_IPV4_SERVSOCK;
    case FdKind::Ipv6ServerSocket: return pb::ZONE_KERNEL_FD_TYPE_IPV6_SERVSOCK;
    case FdKind::Fifo: return pb::ZONE_KERNEL_FD_TYPE_FIFO;
    case FdKind::Event: return pb::ZONE_KERNEL_FD_TYPE_EVENT;
    case FdKind::Signalfd: return pb::ZONE_KERNEL_FD_TYPE_SIGNALFD;
    case FdKind::Eventpoll: return pb::ZONE_KERNEL_FD_TYPE_EVENTPOLL;
    case FdKind::Inotify: return pb::ZONE_KERNEL_FD_TYPE_INOTIFY;
    case FdKind::Timerfd: return pb::ZONE_KERNEL_FD_TYPE_TIMERFD;
    case FdKind::Netlink: return pb::ZONE_KERNEL_FD_TYPE_NETLINK;
    case FdKind::Bpf: return pb::ZONE_KERNEL_FD_TYPE_BPF;
    case FdKind::Userfaultfd: return pb::ZONE_KERNEL_FD_TYPE_USERFAULTFD;
    case FdKind::Iouring: return pb::ZONE_KERNEL_FD_TYPE_IOURING;
    case FdKind::Memfd: return pb::ZONE_KERNEL_FD_TYPE_MEMFD;
    case FdKind::Pidfd: return pb::ZONE_KERNEL_FD_TYPE_PIDFD;
    case FdKind::Unsupported: return pb::ZONE_KERNEL_FD_TYPE_UNSUPPORTED;
  }
  return pb::ZONE_KERNEL_FD_TYPE_UNKNOWN;
}

void fill_fd_info(const FdSnapshot& f, pb::ZoneKernelFdInfo& out) {
  out.set_fd(static_cast<uint64_t>(f.fd));
  out.set_inode(f.ino);
  out.set_fd_type(wire_fd_type(f.kind));
  out.set_open_flags(f.flags);
  pb::ZoneKernelFdInfoData& d = *out.mutable_info();
  switch (f.kind) {
    case FdKind::Ipv4Socket:
    case FdKind::Ipv6Socket: {
      bool v4 = f.kind == FdKind::Ipv4Socket;
      auto fill = [&](auto& s) {
        s.set_source_ip(ip_text(f.cip));
        s.set_dest_ip(ip_text(f.sip));
        s.set_source_port(f.cport);
        s.set_dest_port(f.sport);
        s.set_protocol(static_cast<pb::ZoneKernelIPProtocol>(f.l4proto));
      };
      if (v4) fill(*d.mutable_ipv4_socket());
      else fill(*d.mutable_ipv6_socket());
      break;
    }
    case FdKind::Ipv4ServerSocket:
    case FdKind::Ipv6ServerSocket: {
      auto fill = [&](auto& s) {
        s.set_local_ip(ip_text(f.sip));
        s.set_local_port(f.sport);
        s.set_protocol(static_cast<pb::ZoneKernelIPProtocol>(f.l4proto));
      };
      if (f.kind == FdKind::Ipv4ServerSocket) fill(*d.mutable_ipv4_server_socket());
      else fill(*d.mutable_ipv6_server_socket());
      break;
    }
    case FdKind::UnixSocket: {
      auto& u = *d.mutable_unix_socket();
      u.set_source(f.unix_source);
      u.set_destination(f.unix_dest);
      u.set_name(f.name);
      break;
    }
    case FdKind::File: {
      auto& r = *d.mutable_regular_file();
      r.set_open_flags(f.flags);
      r.set_name(f.name);
      r.set_mount_id(f.mount_id);
      r.set_device(f.dev);
      break;
    }
    default:
      if (!f.name.empty()) d.set_file_name(f.name);
      break;
  }
}

void fill_thread_info(const ThreadSnapshot& t, pb::ZoneKernelThreadInfo& out) {
  auto opt = [](int64_t v, auto setter) {
    if (v >= 0) setter(static_cast<uint64_t>(v));
  };
  opt(t.tid, [&](uint64_t v) { out.set_tid(v); });
  opt(t.pid, [&](uint64_t v) { out.set_pid(v); });
  opt(t.ptid, [&](uint64_t v) { out.set_ptid(v); });
  opt(t.vtid, [&](uint64_t v) { out.set_vtid(v); });
  opt(t.vpid, [&](uint64_t v) { out.set_vpid(v); });
  out.set_sid(static_cast<uint64_t>(t.sid));
  out.set_vpgid(static_cast<uint64_t>(t.vpgid));
  out.set_pgid(static_cast<uint64_t>(t.pgid));
  out.set_comm(t.comm);
  out.set_exe(t.exe);
  out.set_exepath(t.exepath);
  out.set_exe_writable(t.exe_writable);
  out.set_exe_upper_layer(t.exe_upper_layer);
  out.set_exe_lower_layer(t.exe_lower_layer);
  out.set_exe_from_memfd(t.exe_from_memfd);
  out.set_args(join_nul(t.args));
  out.set_env(join_nul(t.env));
  out.set_cgroups(join_nul(t.cgroups));
  out.set_cwd(t.cwd);
  out.set_root(t.root);
  out.set_fdlimit(static_cast<int64_t>(t.fdlimit));
  out.set_flags(static_cast<uint32_t>(t.flags));
  out.set_uid(t.uid);
  out.set_gid(t.gid);
  out.set_loginuid(t.loginuid);
  out.set_cap_permitted(t.cap_permitted);
  out.set_cap_effective(t.cap_effective);
  out.set_cap_inheritable(t.cap_inheritable);
  out.set_exe_ino(t.exe_ino);
  out.set_exe_ino_ctime(t.exe_ino_ctime);
  out.set_exe_ino_mtime(t.exe_ino_mtime);
  out.set_vmsize_kb(static_cast<uint32_t>(t.vmsize_kb));
  out.set_vmrss_kb(static_cast<uint32_t>(t.vmrss_kb));
  out.set_vmswap_kb(static_cast<uint32_t>(t.vmswap_kb));
  out.set_pfmajor(t.pfmajor);
  out.set_pfminor(t.pfminor);
  out.set_pidns_init_start_ts(static_cast<uint64_t>(t.pidns_init_start_ts));
  out.set_clone_ts(t.clone_ts);
  out.set_tty(t.tty);
}

}  // namespace

std::string category_text(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '|') out += " | ";
    else out.push_back(c);
  }
  return out;
}

std::string_view param_type_name(uint32_t t) {
  return t < kParamTypeNames.size() ? kParamTypeNames[t] : kParamTypeNames[0];
}

pb::ZoneKernelSyscallEvent syscall_message(const RawEvent& ev, std::string_view zone_id,
                                           uint32_t cpuid) {
  pb::ZoneKernelSyscallEvent m;
  const EventInfo* info = event_info(ev.type);
  m.set_zone_id(std::string(zone_id));
  m.set_timestamp(ev.ts);
  m.set_thread_id(static_cast<uint64_t>(ev.tid));
  // The length of the current 26-byte layout (a capture may hold the event
  // in an older header layout, whose len differs).
  const uint32_t width = info && info->has(kEfLargePayload) ? 4 : 2;
  uint64_t len = kEventHeaderSize + uint64_t{width} * ev.nparams;
  for (uint32_t i = 0; i < ev.nparams; ++i) len += ev.param_len[i];
  m.set_event_length(static_cast<uint32_t>(len));
  m.set_event_type(ev.type);
  m.set_cpuid(cpuid);
  if (info) {
    m.set_event_name(std::string(info->name));
    m.set_event_category(category_text(info->category_name));
    m.set_event_flags(info->flags);
  }
  const ParamRenderContext no_state;
  RenderedParam rendered;
  for (uint32_t i = 0; i < ev.nparams; ++i) {
    pb::ZoneKernelEventParam& p = *m.add_event_params();
    const ParamInfo* pi = info && i < info->params.size() ? &info->params[i] : nullptr;
    uint32_t type = pi ? wire_param_type(pi->type) : 0;
    if (pi) p.set_name(std::string(pi->name));
    p.set_param_type(type);
    p.set_param_type_pretty(std::string(param_type_name(type)));
    auto bytes = ev.param(i);
    p.set_param_data(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (pi) {
      render_param(ev, i, no_state, rendered);
      p.set_param_pretty(rendered.arg_text());
    }
  }
  return m;
}

pb::ZoneKernelThreadSnapshotEvent snapshot_message(std::span<const ThreadSnapshot> threads,
                                                   std::span<const FdSnapshot> fds,
                                                   std::string_view zone_id,
                                                   uint64_t boot_epoch) {
  pb::ZoneKernelThreadSnapshotEvent m;
  m.set_zone_id(std::string(zone_id));
  m.set_zone_boot_epoch(boot_epoch);
  auto& map = *m.mutable_thread_info();
  for (const ThreadSnapshot& t : threads) {
    if (t.tid < 0) continue;
    fill_thread_info(t, map[static_cast<uint64_t>(t.tid)]);
  }
  for (const FdSnapshot& f : fds) {
    if (f.tid < 0 || f.fd < 0) continue;
    auto it = map.find(static_cast<uint64_t>(f.tid));
    if (it == map.end()) continue;
    fill_fd_info(f, (*it->second.mutable_fdlist())[static_cast<uint64_t>(f.fd)]);
  }
  return m;
}

pb::MonitorZoneKernelEventReply syscall_reply(pb::ZoneKernelSyscallEvent m) {
  pb::MonitorZoneKernelEventReply r;
  *r.mutable_syscall() = std::move(m);
  return r;
}

pb::MonitorZoneKernelEventReply snapshot_reply(pb::ZoneKernelThreadSnapshotEvent m) {
  pb::MonitorZoneKernelEventReply r;
  *r.mutable_threadsnap() = std::move(m);
  return r;
}

}  // namespace eg::edera
