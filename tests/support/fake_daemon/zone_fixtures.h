// Fixture builders for the fake Edera daemon (spec edera-control.md §5.2):
// zones in every state the client must monitor or skip, the small process
// tree snapshot the scenarios enrich events with, a large snapshot for the
// message-size limit, and hand-made syscall messages (well formed, and
// malformed on purpose: bad param lengths, unknown codes, too many params).
//
// Events are built from the native libscap layout with CaptureBuilder's
// encode_event_by_name and converted with the production zone_message_builder,
// so a fixture event is exactly what a zone sends for that record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/sources/capture_builder.h"
#include "protect/control/v1/control.pb.h"

namespace eg::fake {

namespace pb = ::protect::control::v1;

// --- zones ---
pb::Zone zone_in_state(const std::string& id, pb::ZoneState state, uint32_t domid,
                       const std::string& name = "");
pb::Zone ready_zone(const std::string& id, uint32_t domid, const std::string& name = "");
// READY with exit_status present (the exit signal the plugin reacts to).
pb::Zone exited_zone(const std::string& id, uint32_t domid, int32_t code = 0, const std::string& name = "");

// Zones the client must never monitor, each with the reason.
struct SkippedZone {
  std::string why;
  pb::Zone zone;
};
std::vector<SkippedZone> skipped_zones();

// --- snapshots ---
// tid 1 init (pid 1, ptid 0); tid 100 sh (pid 100, ptid 1, sid 100, cwd
// /home/app/, fds 0,1,2 = /dev/pts/0); tid 101 (pid 100, a non-leader thread);
// tid 200 nginx (pid 200, ptid 100, fds 3: 0.0.0.0:80 tcp server socket,
// 4: 10.0.0.9:51000 -> 10.0.0.2:80 tcp). args/env/cgroups NUL-separated.
pb::ZoneKernelThreadSnapshotEvent small_tree_snapshot(const std::string& zone_id, uint64_t boot_epoch = 0);
pb::MonitorZoneKernelEventReply small_tree_snapshot_reply(const std::string& zone_id);
// A snapshot of `comm` threads (tid 1000 + i) whose encoded size is >= min_bytes.
pb::MonitorZoneKernelEventReply large_snapshot_reply(const std::string& zone_id, size_t min_bytes,
                                                     const std::string& comm = "bulk");

// --- syscall events ---
// Native event by builder name ("openat" = newest exit, "openat>" = enter;
// see engine/sources/capture_builder.h) with named params, as a zone message.
using Params = std::vector<std::pair<std::string_view, ParamValue>>;
pb::MonitorZoneKernelEventReply event_reply(const std::string& zone_id, std::string_view name, uint64_t ts,
                                            int64_t tid, const Params& params, uint32_t cpu = 0);

// openat exit (fd, dirfd -100, name, flags, mode 0, dev, ino) by `tid`.
pb::MonitorZoneKernelEventReply openat_reply(const std::string& zone_id, uint64_t ts, int64_t tid, int64_t fd,
                                             const std::string& path, uint32_t ppm_flags = 1 /*PPM_O_RDONLY*/);
// execve exit of `tid` (pid = tid) becoming `exe` with `args` (all execve params filled).
pb::MonitorZoneKernelEventReply execve_reply(const std::string& zone_id, uint64_t ts, int64_t tid,
                                             const std::string& exe, const std::vector<std::string>& args,
                                             int64_t ptid, const std::string& cwd = "/");
// cpu_hotplug enter (event 244).
pb::MonitorZoneKernelEventReply cpu_hotplug_reply(const std::string& zone_id, uint64_t ts, uint32_t cpu);

// Malformed on purpose (must be counted and skipped by the client):
pb::MonitorZoneKernelEventReply unknown_code_reply(const std::string& zone_id, uint64_t ts, int64_t tid,
                                                   uint32_t code = 60000);
// openat exit whose fd param is 3 bytes long (PT_FD is 8).
pb::MonitorZoneKernelEventReply bad_param_length_reply(const std::string& zone_id, uint64_t ts, int64_t tid);
// openat exit with 40 params (more than the table entry and kMaxEventParams).
pb::MonitorZoneKernelEventReply too_many_params_reply(const std::string& zone_id, uint64_t ts, int64_t tid);
// A reply with neither syscall nor threadsnap set.
pb::MonitorZoneKernelEventReply empty_reply();

}  // namespace eg::fake
