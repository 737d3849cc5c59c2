// From the Edera daemon's thread snapshot (the first reply of a zone's
// monitor stream, and again after every resubscribe) to the source-neutral
// ThreadSnapshot/FdSnapshot records a capture's process and fd lists give,
// so a zone's state is seeded exactly like a capture section's.
//
// Conversion rules (spec edera-control §2.3, §3.10, §6 #4/#14):
//   - the thread_info map key is the tid (it wins over ThreadInfo.tid; a
//     present, different tid is counted in key_mismatches); keys above
//     INT64_MAX cannot be tids and are skipped (skipped_threads);
//   - optional tid/pid/ptid/vtid/vpid: absent -> -1; other integers are cast
//     as the capture reader casts its u64 fields;
//   - args/env/cgroups: NUL-separated lists split as the capture reader splits
//     proc-list strings (split_nul_list). args excludes argv[0] on the wire and
//     in ThreadSnapshot (a capture's proc list stores it the same way);
//   - fds belong to the thread that lists them (FdSnapshot::tid = its key;
//     ZoneState puts them in its process's table); the fdlist key is the fd
//     number (a present, different `fd` is a key mismatch); entries whose `fd`
//     is unset are invalid and skipped (skipped_fds);
//   - fd_type -> FdKind as for capture fd lists (FILE and FILE_V2 -> File;
//     values beyond the enum -> Unknown, the entry is kept);
//   - fd info: IPv4/IPv6 text -> IpAddress (empty text = the zero address of
//     the socket's family; unparsable text counted in bad_addresses, left
//     empty); connected sockets: source = client side (cip/cport), dest =
//     server side (sip/sport), as in capture fd lists; server sockets fill
//     sip/sport; unix source/destination/name; regular_file name, open flags
//     (the fd-level open_flags when the file's are 0), device, mount id;
//     file_name -> name; pidfd -> no name (FdSnapshot has no pid);
//     state_flags are not carried (ZoneState derives roles/connection state);
//   - times (clone_ts, pidns_init_start_ts, exe_ino_*) are used as delivered,
//     epoch ns; zone_boot_epoch is kept in boot_epoch_ns;
//   - not carried (ThreadSnapshot has no place for them, and libsinsp's
//     capture path does not have them either): filtered_out, lastexec_ts,
//     reaper, exe_ino_ctime_duration_* (the extractors compute those from
//     clone_ts / pidns_init_start_ts and the exe inode times).
// Threads are sorted by tid and fds by (tid, fd) so that seeding, and every
// alert after it, does not depend on protobuf map order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/state/snapshot.h"

namespace protect::control::v1 {
class ZoneKernelThreadSnapshotEvent;
}
namespace eg::edera::wire {
class ZoneKernelThreadSnapshotEventView;  // edera_guard/zone_snapshot_view.proto
}

namespace eg {
class ZoneState;
}

namespace eg::edera {

struct ZoneSnapshot {
  std::vector<ThreadSnapshot> threads;
  std::vector<FdSnapshot> fds;
  uint64_t boot_epoch_ns = 0;
  size_t skipped_threads = 0;  // map keys that cannot be tids
  size_t skipped_fds = 0;      // fd entries without `fd` (invalid)
  size_t key_mismatches = 0;   // map key != ThreadInfo.tid / FdInfo.fd (the key wins)
  size_t bad_addresses = 0;    // socket address text that is not an IP address
};

ZoneSnapshot convert_thread_snapshot(const protect::control::v1::ZoneKernelThreadSnapshotEvent& m);
// The same from the wire-compatible view (bytes for every text field, enums
// as numbers): parse the daemon's encoded snapshot as this to keep a zone's
// state when one name in it is not UTF-8 (the schema's string parsing fails
// the whole message then). Same conversion rules, same result otherwise.
ZoneSnapshot convert_thread_snapshot(const wire::ZoneKernelThreadSnapshotEventView& m);

// Replaces the zone's state with the snapshot: clear, then threads, then fds
// (as a capture section is seeded, engine/cli/capture_seeding.cpp).
void apply_snapshot(ZoneState& zone, const ZoneSnapshot& s);

// Zone ids are UUIDs; the daemon and the plugin compare them as text, the
// spec recommends lowercase everywhere (§2.4, §6 #15). Returns the canonical
// lowercase hyphenated form (8-4-4-4-12 hex digits) of `id`, or "" when `id`
// is not such a UUID (any case accepted; braces, "urn:uuid:" and missing
// hyphens are not).
std::string normalise_zone_id(std::string_view id);

}  // namespace eg::edera
