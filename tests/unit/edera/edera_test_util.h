// Helpers of the Edera conversion tests: hand-made daemon messages in the
// shape of the spec's fixtures (edera-control §5.2), little-endian param
// bytes, and field extraction on a ZoneState event context.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine/extract/extractor.h"
#include "engine/extract/value_render.h"
#include "engine/state/event_context.h"
#include "fields/field_registry.h"
#include "protect/control/v1/control.pb.h"

namespace eg::edera::testing {

namespace pb = protect::control::v1;

inline constexpr std::string_view kZone = "8c9d2f1e-4b3a-4c5d-9e8f-0a1b2c3d4e5f";

template <typename T>
std::string le(T v) {
  std::string s(sizeof v, '\0');
  std::memcpy(s.data(), &v, sizeof v);
  return s;
}

inline std::string cstr(std::string_view s) {
  std::string out(s);
  out.push_back('\0');
  return out;
}

inline void add_param(pb::ZoneKernelSyscallEvent& m, std::string name, uint32_t type,
                      std::string data, std::string pretty, std::string type_pretty) {
  pb::ZoneKernelEventParam& p = *m.add_event_params();
  p.set_name(std::move(name));
  p.set_param_type(type);
  p.set_param_data(std::move(data));
  p.set_param_pretty(std::move(pretty));
  p.set_param_type_pretty(std::move(type_pretty));
}

// The openat exit of spec §5.2: fd 3 = openat(AT_FDCWD, "etc/shadow", O_RDONLY).
inline pb::ZoneKernelSyscallEvent openat_fixture(uint64_t tid = 100, uint64_t ts = 1'700'000'000'000'000'000ull) {
  pb::ZoneKernelSyscallEvent m;
  m.set_zone_id(std::string(kZone));
  m.set_timestamp(ts);
  m.set_thread_id(tid);
  m.set_event_name("openat");
  m.set_event_category("EC_FILE | EC_SYSCALL");
  m.set_event_type(307);
  m.set_event_flags(0x5);  // informative only
  m.set_event_length(12345);  // wrong on purpose: must be recomputed
  m.set_cpuid(2);
  add_param(m, "fd", 14, le<int64_t>(3), "3", "PT_FD");
  add_param(m, "dirfd", 14, le<int64_t>(-100), "-100", "PT_FD");
  add_param(m, "name", 17, cstr("etc/shadow"), "etc/shadow", "PT_FSPATH");
  add_param(m, "flags", 30, le<uint32_t>(1), "0x00000001", "PT_FLAGS32");
  add_param(m, "mode", 7, le<uint32_t>(0), "0", "PT_UINT32");
  add_param(m, "dev", 7, le<uint32_t>(0x803), "2051", "PT_UINT32");
  add_param(m, "ino", 8, le<uint64_t>(1234), "1234", "PT_UINT64");
  return m;
}

inline pb::ZoneKernelThreadInfo& add_thread(pb::ZoneKernelThreadSnapshotEvent& s, uint64_t tid,
                                            uint64_t pid, uint64_t ptid, std::string comm) {
  pb::ZoneKernelThreadInfo& t = (*s.mutable_thread_info())[tid];
  t.set_tid(tid);
  t.set_pid(pid);
  t.set_ptid(ptid);
  t.set_comm(comm);
  t.set_exe(comm);
  t.set_exepath("/usr/bin/" + comm);
  return t;
}

inline pb::ZoneKernelFdInfo& add_fd(pb::ZoneKernelThreadInfo& t, uint64_t fd,
                                    pb::ZoneKernelFdType type) {
  pb::ZoneKernelFdInfo& f = (*t.mutable_fdlist())[fd];
  f.set_fd(fd);
  f.set_fd_type(type);
  return f;
}

// The process tree of spec §5.2: init(1) -> sh(100, + thread 101) -> nginx(200).
inline pb::ZoneKernelThreadSnapshotEvent tree_fixture() {
  using std::string_literals::operator""s;
  pb::ZoneKernelThreadSnapshotEvent s;
  s.set_zone_id(std::string(kZone));
  s.set_zone_boot_epoch(1'699'999'000'000'000'000ull);
  add_thread(s, 1, 1, 0, "init");
  pb::ZoneKernelThreadInfo& sh = add_thread(s, 100, 100, 1, "sh");
  sh.set_sid(100);
  sh.set_cwd("/home/app");
  sh.set_args("-c\0echo hi\0"s);
  sh.set_env("HOME=/home/app\0PATH=/bin:/usr/bin\0TERM=xterm"s);
  sh.set_cgroups("cpu=/zone/app\0memory=/zone/app\0"s);
  sh.set_clone_ts(1'699'999'500'000'000'000ull);
  for (uint64_t fd = 0; fd < 3; ++fd)
    add_fd(sh, fd, pb::ZONE_KERNEL_FD_TYPE_FILE).mutable_info()->set_file_name("/dev/pts/0");
  add_thread(s, 101, 100, 1, "sh");
  pb::ZoneKernelThreadInfo& nginx = add_thread(s, 200, 200, 100, "nginx");
  nginx.set_cwd("/");
  auto& srv = *add_fd(nginx, 3, pb::ZONE_KERNEL_FD_TYPE_IPV4_SERVSOCK).mutable_info()
                   ->mutable_ipv4_server_socket();
  srv.set_local_ip("0.0.0.0");
  srv.set_local_port(80);
  srv.set_protocol(pb::ZONE_KERNEL_IP_PROTOCOL_TCP);
  auto& conn = *add_fd(nginx, 4, pb::ZONE_KERNEL_FD_TYPE_IPV4_SOCK).mutable_info()
                    ->mutable_ipv4_socket();
  conn.set_source_ip("10.0.0.9");
  conn.set_source_port(51000);
  conn.set_dest_ip("10.0.0.2");
  conn.set_dest_port(80);
  conn.set_protocol(pb::ZONE_KERNEL_IP_PROTOCOL_TCP);
  return s;
}

// Text of field `form` (e.g. "fd.name", "proc.aname[2]") on `ctx`, "<NA>" if none.
inline std::string field_text(const EventContext& ctx, const std::string& form) {
  FieldLookup lookup = lookup_field(form);
  if (lookup.info == nullptr) return "<unknown field " + form + ">";
  ExtractorRequest req;
  req.info = lookup.info;
  req.arg = lookup.bracket_arg ? lookup.bracket_arg : lookup.dotted_arg;
  std::string error;
  auto ex = make_extractor(req, &error);
  if (!ex) return "<" + error + ">";
  FieldValues values;
  if (!ex->extract(ctx, values)) return std::string(kNoValueText);
  return render_text(*lookup.info, values);
}

}  // namespace eg::edera::testing
