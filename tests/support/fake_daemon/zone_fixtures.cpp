// Fixture builders for the fake Edera daemon (see zone_fixtures.h). Events go
// native record -> parse_raw_event -> edera::syscall_message, so fixtures and
// capture replays produce messages the same way.
#include "tests/support/fake_daemon/zone_fixtures.h"

#include <stdexcept>

#include "engine/sources/edera/zone_message_builder.h"
#include "fields/raw_event.h"

namespace eg::fake {

namespace {

pb::ZoneKernelFdInfo file_fd(uint64_t fd, const std::string& name) {
  pb::ZoneKernelFdInfo f;
  f.set_fd(fd);
  f.set_fd_type(pb::ZONE_KERNEL_FD_TYPE_FILE);
  f.mutable_info()->set_file_name(name);
  f.set_open_flags(3);  // PPM_O_RDWR: terminals are opened read-write
  return f;
}

pb::ZoneKernelThreadInfo thread(uint64_t tid, uint64_t pid, uint64_t ptid, const std::string& comm,
                                const std::string& exepath, const std::string& args) {
  pb::ZoneKernelThreadInfo t;
  t.set_tid(tid);
  t.set_pid(pid);
  t.set_ptid(ptid);
  t.set_vtid(tid);
  t.set_vpid(pid);
  t.set_sid(pid);
  t.set_pgid(pid);
  t.set_vpgid(pid);
  t.set_comm(comm);
  t.set_exe(exepath);
  t.set_exepath(exepath);
  t.set_args(args);
  t.set_env(std::string("PATH=/usr/bin:/bin\0HOME=/root\0", 30));
  t.set_cgroups(std::string("cpu=/zone\0memory=/zone\0", 23));
  t.set_cwd("/");
  t.set_root("/");
  t.set_fdlimit(1024);
  t.set_clone_ts(1'700'000'000'000'000'000ull);
  t.set_loginuid(UINT32_MAX);
  return t;
}

pb::MonitorZoneKernelEventReply from_record(const std::string& zone_id, const std::vector<uint8_t>& rec,
                                            uint32_t cpu) {
  RawEvent ev;
  const char* err = nullptr;
  if (!parse_raw_event(rec, ev, &err)) throw std::invalid_argument(std::string("fixture record: ") + err);
  return edera::syscall_reply(edera::syscall_message(ev, zone_id, cpu));
}

}  // namespace

// --- zones ---

pb::Zone zone_in_state(const std::string& id, pb::ZoneState state, uint32_t domid, const std::string& name) {
  pb::Zone z;
  z.set_id(id);
  if (!name.empty()) z.mutable_spec()->set_name(name);
  z.mutable_status()->set_state(state);
  z.mutable_status()->set_domid(domid);
  return z;
}

pb::Zone ready_zone(const std::string& id, uint32_t domid, const std::string& name) {
  return zone_in_state(id, pb::ZONE_STATE_READY, domid, name);
}

pb::Zone exited_zone(const std::string& id, uint32_t domid, int32_t code, const std::string& name) {
  pb::Zone z = ready_zone(id, domid, name);
  z.mutable_status()->mutable_exit_status()->set_code(code);
  return z;
}

std::vector<SkippedZone> skipped_zones() {
  std::vector<SkippedZone> out;
  out.push_back({"id is not a UUID", ready_zone("not-a-uuid", 11)});
  out.push_back({"id has braces", ready_zone("{0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b01}", 12)});
  pb::Zone no_status;
  no_status.set_id("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b02");
  out.push_back({"no status", no_status});
  out.push_back({"domid 0 (dom0)", ready_zone("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b03", 0)});
  out.push_back({"domid 4294967295", ready_zone("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b04", 4294967295u)});
  out.push_back({"CREATING", zone_in_state("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b05", pb::ZONE_STATE_CREATING, 13)});
  out.push_back({"CREATED", zone_in_state("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b06", pb::ZONE_STATE_CREATED, 14)});
  out.push_back({"legacy EXITED (4)",
                 zone_in_state("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b07", static_cast<pb::ZoneState>(4), 15)});
  out.push_back({"unknown state 42",
                 zone_in_state("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b08", static_cast<pb::ZoneState>(42), 16)});
  out.push_back({"FAILED", zone_in_state("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b09", pb::ZONE_STATE_FAILED, 17)});
  out.push_back({"DESTROYED", zone_in_state("0f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2b0a", pb::ZONE_STATE_DESTROYED, 18)});
  return out;
}

// --- snapshots ---

pb::ZoneKernelThreadSnapshotEvent small_tree_snapshot(const std::string& zone_id, uint64_t boot_epoch) {
  pb::ZoneKernelThreadSnapshotEvent s;
  s.set_zone_id(zone_id);
  s.set_zone_boot_epoch(boot_epoch);
  auto& m = *s.mutable_thread_info();
  m[1] = thread(1, 1, 0, "init", "/sbin/init", "");
  m[1].set_flags(0);
  pb::ZoneKernelThreadInfo sh = thread(100, 100, 1, "sh", "/bin/sh", std::string("-c\0sleep 1000\0", 14));
  sh.set_cwd("/home/app/");
  sh.set_uid(1000);
  sh.set_gid(1000);
  for (uint64_t fd : {0, 1, 2}) (*sh.mutable_fdlist())[fd] = file_fd(fd, "/dev/pts/0");
  m[100] = sh;
  pb::ZoneKernelThreadInfo worker = thread(101, 100, 1, "sh", "/bin/sh", std::string("-c\0sleep 1000\0", 14));
  worker.set_cwd("/home/app/");
  m[101] = worker;
  pb::ZoneKernelThreadInfo nginx = thread(200, 200, 100, "nginx", "/usr/sbin/nginx", std::string("-g\0daemon off;\0", 15));
  pb::ZoneKernelFdInfo srv;
  srv.set_fd(3);
  srv.set_fd_type(pb::ZONE_KERNEL_FD_TYPE_IPV4_SERVSOCK);
  srv.mutable_info()->mutable_ipv4_server_socket()->set_local_ip("0.0.0.0");
  srv.mutable_info()->mutable_ipv4_server_socket()->set_local_port(80);
  srv.mutable_info()->mutable_ipv4_server_socket()->set_protocol(pb::ZONE_KERNEL_IP_PROTOCOL_TCP);
  (*nginx.mutable_fdlist())[3] = srv;
  pb::ZoneKernelFdInfo conn;
  conn.set_fd(4);
  conn.set_fd_type(pb::ZONE_KERNEL_FD_TYPE_IPV4_SOCK);
  auto* c = conn.mutable_info()->mutable_ipv4_socket();
  c->set_source_ip("10.0.0.9");
  c->set_source_port(51000);
  c->set_dest_ip("10.0.0.2");
  c->set_dest_port(80);
  c->set_protocol(pb::ZONE_KERNEL_IP_PROTOCOL_TCP);
  (*nginx.mutable_fdlist())[4] = conn;
  m[200] = nginx;
  return s;
}

pb::MonitorZoneKernelEventReply small_tree_snapshot_reply(const std::string& zone_id) {
  return edera::snapshot_reply(small_tree_snapshot(zone_id));
}

pb::MonitorZoneKernelEventReply large_snapshot_reply(const std::string& zone_id, size_t min_bytes,
                                                     const std::string& comm) {
  pb::ZoneKernelThreadSnapshotEvent s = small_tree_snapshot(zone_id);
  auto& m = *s.mutable_thread_info();
  const std::string env(2000, 'e');
  size_t bytes = s.ByteSizeLong();
  for (uint64_t tid = 1000; bytes < min_bytes || (bytes = s.ByteSizeLong()) < min_bytes; ++tid) {
    pb::ZoneKernelThreadInfo t = thread(tid, tid, 1, comm, "/usr/bin/" + comm, std::string("--serve\0", 8));
    t.set_env(env);
    (*t.mutable_fdlist())[3] = file_fd(3, "/var/log/" + comm + "-" + std::to_string(tid) + ".log");
    bytes += t.ByteSizeLong() + 16;
    m[tid] = std::move(t);
  }
  return edera::snapshot_reply(std::move(s));
}

// --- syscall events ---

pb::MonitorZoneKernelEventReply event_reply(const std::string& zone_id, std::string_view name, uint64_t ts,
                                            int64_t tid, const Params& params, uint32_t cpu) {
  return from_record(zone_id, encode_event_by_code(event_code_for_builder(name), tid, ts, params), cpu);
}

pb::MonitorZoneKernelEventReply openat_reply(const std::string& zone_id, uint64_t ts, int64_t tid, int64_t fd,
                                             const std::string& path, uint32_t ppm_flags) {
  return event_reply(zone_id, "openat", ts, tid,
                     {{"fd", ParamValue(static_cast<long long>(fd))},
                      {"dirfd", ParamValue(-100)},
                      {"name", ParamValue(path)},
                      {"flags", ParamValue(ppm_flags)},
                      {"mode", ParamValue(0u)},
                      {"dev", ParamValue(0x803u)},
                      {"ino", ParamValue(1234ull)}});
}

pb::MonitorZoneKernelEventReply execve_reply(const std::string& zone_id, uint64_t ts, int64_t tid,
                                             const std::string& exe, const std::vector<std::string>& args,
                                             int64_t ptid, const std::string& cwd) {
  std::string comm = exe.substr(exe.rfind('/') + 1);
  return event_reply(zone_id, "execve", ts, tid,
                     {{"res", ParamValue(0)},
                      {"exe", ParamValue(exe)},
                      {"args", ParamValue::strings(args)},
                      {"tid", ParamValue(static_cast<long long>(tid))},
                      {"pid", ParamValue(static_cast<long long>(tid))},
                      {"ptid", ParamValue(static_cast<long long>(ptid))},
                      {"cwd", ParamValue(cwd)},
                      {"fdlimit", ParamValue(1024ull)},
                      {"comm", ParamValue(comm)},
                      {"cgroups", ParamValue::strings({"cpu=/zone"})},
                      {"env", ParamValue::strings({"PATH=/usr/bin:/bin"})},
                      {"vpgid", ParamValue(static_cast<long long>(tid))},
                      {"loginuid", ParamValue(UINT32_MAX)},
                      {"uid", ParamValue(0u)},
                      {"trusted_exepath", ParamValue(exe)},
                      {"pgid", ParamValue(static_cast<long long>(tid))},
                      {"gid", ParamValue(0u)},
                      {"filename", ParamValue(exe)}});
}

pb::MonitorZoneKernelEventReply cpu_hotplug_reply(const std::string& zone_id, uint64_t ts, uint32_t cpu) {
  return event_reply(zone_id, "cpu_hotplug>", ts, 0, {{"cpu", ParamValue(cpu)}, {"action", ParamValue(1u)}}, cpu);
}

pb::MonitorZoneKernelEventReply unknown_code_reply(const std::string& zone_id, uint64_t ts, int64_t tid,
                                                   uint32_t code) {
  pb::MonitorZoneKernelEventReply r = openat_reply(zone_id, ts, tid, 3, "/etc/unknown-code");
  r.mutable_syscall()->set_event_type(code);
  r.mutable_syscall()->set_event_name("");
  return r;
}

pb::MonitorZoneKernelEventReply bad_param_length_reply(const std::string& zone_id, uint64_t ts, int64_t tid) {
  pb::MonitorZoneKernelEventReply r = openat_reply(zone_id, ts, tid, 3, "/etc/bad-length");
  r.mutable_syscall()->mutable_event_params(0)->set_param_data(std::string("\x03\x00\x00", 3));
  return r;
}

pb::MonitorZoneKernelEventReply too_many_params_reply(const std::string& zone_id, uint64_t ts, int64_t tid) {
  pb::MonitorZoneKernelEventReply r = openat_reply(zone_id, ts, tid, 3, "/etc/too-many-params");
  auto* sc = r.mutable_syscall();
  while (sc->event_params_size() < 40) {
    auto* p = sc->add_event_params();
    p->set_name("extra");
    p->set_param_type(7);
    p->set_param_data(std::string(4, '\0'));
  }
  return r;
}

pb::MonitorZoneKernelEventReply empty_reply() { return {}; }

}  // namespace eg::fake
