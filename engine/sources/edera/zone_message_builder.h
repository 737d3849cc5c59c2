// The reverse of zone_event_encoder.h / zone_snapshot.h: daemon messages made
// from native events and capture sections, as an Edera zone would send them.
// Used by the fake daemon, tests, tools and benchmarks to stream any capture
// "as a zone". Every convenience field the zone derives from the libscap
// event table is filled from OUR table: event_name, event_category (the
// table's category text with " | " separators, e.g. "EC_FILE | EC_SYSCALL"),
// event_flags, per-param name, param_type, param_type_pretty ("PT_FD"), and
// param_pretty (what evt.arg.NAME renders for the param with no state: the
// resolved text when there is one, else the value, fields/param_render.h).
// event_length is the length of the record in the current 26-byte layout.
//
// Round trips (pinned by tests/unit/edera):
//   capture event -> syscall_message -> encode_syscall_event = the same bytes;
//   capture section -> snapshot_message -> convert_thread_snapshot = the same
//   ThreadSnapshot/FdSnapshot values (sorted by tid, (tid, fd)).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/state/snapshot.h"
#include "fields/raw_event.h"
#include "protect/control/v1/control.pb.h"

namespace eg::edera {

// ev.type must be a code of the event table (unknown codes get an empty name,
// category and flags, and params typed PT_NONE).
protect::control::v1::ZoneKernelSyscallEvent syscall_message(const RawEvent& ev,
                                                             std::string_view zone_id,
                                                             uint32_t cpuid);

// Lists are written NUL-terminated per element ("a\0b\0"), which the splitter
// reads back unchanged, empty elements included. Fds whose tid is not one of
// `threads` cannot be represented (fds live in their thread's entry) and are
// left out; negative fds too. Thread optional ids < 0 are left unset.
protect::control::v1::ZoneKernelThreadSnapshotEvent snapshot_message(
    std::span<const ThreadSnapshot> threads, std::span<const FdSnapshot> fds,
    std::string_view zone_id, uint64_t boot_epoch);

// Wraps for the stream: MonitorZoneKernelEventReply{syscall} / {threadsnap}.
protect::control::v1::MonitorZoneKernelEventReply syscall_reply(
    protect::control::v1::ZoneKernelSyscallEvent m);
protect::control::v1::MonitorZoneKernelEventReply snapshot_reply(
    protect::control::v1::ZoneKernelThreadSnapshotEvent m);

// "EC_FILE|EC_SYSCALL" -> "EC_FILE | EC_SYSCALL" (the form zones send).
std::string category_text(std::string_view table_category_name);
// "PT_FD" for FieldType::FD, ...; "PT_NONE" for unknown.
std::string_view param_type_name(uint32_t ppm_param_type);

}  // namespace eg::edera
