// From the Edera daemon's ZoneKernelSyscallEvent to the native libscap event
// record that capture files carry, so zone events take the capture path:
// parse_raw_event -> EventConverter -> ZoneState::on_event -> rules, with
// libsinsp field semantics (the same capture gives the same alerts read from
// a file or streamed as a zone).
//
// The message splits the record header into fields and lists the params; the
// record is rebuilt from `timestamp`, `thread_id`, `event_type` and each
// param's `param_data` only. Everything else the message carries is derived
// from the event table by the zone and is not trusted:
//   - `event_length` is recomputed (never read);
//   - the length-array width follows OUR table's EF_LARGE_PAYLOAD for the
//     code, not the message's `event_flags`;
//   - param types are OUR table's; `param_type` is informative only;
//   - `event_name` disagreeing with the table name for `event_type`: the code
//     wins, the message is still encoded, the mismatch is reported to the
//     caller (EncodeNotes) so that it can be counted.
//
// Validation (each failure has its own EncodeFailure and reason text):
//   unknown event code (beyond our table, or an EF_UNUSED placeholder entry
//   named "NA"), more params than the table entry
//   has or than kMaxEventParams, a param longer than 65535 bytes with 2-byte
//   lengths, a fixed-width param (PT_FD 8, PT_UINT32 4, PT_ERRNO 8, ...) whose
//   length is neither 0 nor the width of its type, a record over
//   kMaxZoneEventRecord bytes.
// Accepted on purpose: FEWER params than the table entry (old layouts are
// shorter; EventConverter upgrades the ones libscap knows, ZoneEventDecoder
// reports the rest), and zero-length params of any type (libscap's "empty
// param", which drivers emit and parsers read as "no value").
//
// ZoneEventDecoder is the per-zone pipeline a zone pump holds: encode, parse,
// convert (an EventConverter per zone, as a capture reader has one per
// section: enter events are kept and folded into their exits, old codes are
// upgraded), set RawEvent::cpu from `cpuid` and decide visibility exactly as
// the capture reader does (event_visibility.h). Typical pump loop:
//   ZoneEventDecoder decoder;           // one per zone stream
//   on a snapshot:  decoder.reset(); apply_snapshot(state, convert_thread_snapshot(m));
//   on an event:    switch (decoder.decode(m, ev, error)) {
//                     case Result::Event: state.on_event(ev.raw, ++num);
//                                         if (ev.visible) evaluate(...); break;
//                     case Result::Dropped: break;
//                     case Result::Rejected: count + log `error`; }
// ev.raw.cpu already holds the message's cpuid (event_cpu()).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sources/event_converter.h"
#include "fields/raw_event.h"

namespace protect::control::v1 {
class ZoneKernelSyscallEvent;
}
namespace eg::edera::wire {
class ZoneKernelSyscallEventView;  // edera_guard/zone_stream_view.proto: the same wire format, bytes fields
}

namespace eg::edera {

class SyscallEventRef;  // zone_reply_reader.h: the message read in place (the zone pump's)

// Largest record accepted from a zone (a real one is at most a few hundred kB).
inline constexpr size_t kMaxZoneEventRecord = 16u << 20;

enum class EncodeFailure : uint8_t {
  None,
  UnknownEventCode,  // event_type beyond the event table
  TooManyParams,     // more than the table entry has, or than kMaxEventParams
  ParamTooLong,      // > 65535 bytes in an event with 2-byte lengths
  BadParamSize,      // fixed-width param whose length is not its type's width
  RecordTooLarge,    // record over kMaxZoneEventRecord
  Count,
};
inline constexpr size_t kEncodeFailureCount = static_cast<size_t>(EncodeFailure::Count);

// Short stable name of a failure ("unknown_event_code", ...) for counters/logs.
std::string_view encode_failure_name(EncodeFailure f);

struct EncodeNotes {
  EncodeFailure failure = EncodeFailure::None;
  bool name_mismatch = false;  // event_name differs from the table name of event_type
};

// Replaces `record` with the native record of `m`. Returns false (record
// unspecified, `error` = a reason naming the event code and param index) when
// the message fails validation. `notes`, when given, gets the failure kind and
// whether event_name disagreed with event_type.
bool encode_syscall_event(const protect::control::v1::ZoneKernelSyscallEvent& m,
                          std::vector<uint8_t>& record, std::string& error,
                          EncodeNotes* notes = nullptr);
bool encode_syscall_event(const wire::ZoneKernelSyscallEventView& m, std::vector<uint8_t>& record,
                          std::string& error, EncodeNotes* notes = nullptr);
bool encode_syscall_event(const SyscallEventRef& m, std::vector<uint8_t>& record, std::string& error,
                          EncodeNotes* notes = nullptr);

// RawEvent::cpu is 16 bits; the message's cpuid is 32. Larger ids saturate at
// 0xFFFF (ZoneEventDecoder counts them).
uint16_t event_cpu(uint32_t cpuid);

// One event as the rules pipeline takes it.
struct ZoneEvent {
  RawEvent raw;          // valid until the next decode() / reset()
  bool visible = true;   // false: state only (syscall enter events), as in captures
};

class ZoneEventDecoder {
 public:
  enum class Result {
    Event,     // `out` holds the event: feed ZoneState::on_event, then rules if visible
    Dropped,   // consumed by the converter (an enter event kept for its exit, an old
               // enter layout libscap discards); not an error, counted in stats().dropped
    Rejected,  // invalid message or conversion failure; `error` says why (counted in stats)
  };

  struct Stats {
    uint64_t messages = 0;
    uint64_t events = 0;
    uint64_t dropped = 0;
    uint64_t rejected = 0;
    std::array<uint64_t, kEncodeFailureCount> rejected_by_failure{};  // index = EncodeFailure
    uint64_t unparsable = 0;         // encoded record refused by parse_raw_event (should not happen)
    uint64_t conversion_errors = 0;  // EventConverter::Outcome::Error
    uint64_t name_mismatches = 0;    // event_name != table name (event still decoded)
    uint64_t cpu_saturated = 0;      // cpuid > 0xFFFF
    // IPv4 socket params whose param_pretty shows the address bytes reversed
    // (spec §3.11/§6 #3: the zone may send native-endian addresses where
    // libscap sends network order). Decoding stays network order; a non-zero
    // count on a real zone means its tuples need the other order.
    uint64_t address_order_suspects = 0;
  };

  Result decode(const protect::control::v1::ZoneKernelSyscallEvent& m, ZoneEvent& out,
                std::string& error);
  Result decode(const wire::ZoneKernelSyscallEventView& m, ZoneEvent& out, std::string& error);
  Result decode(const SyscallEventRef& m, ZoneEvent& out, std::string& error);

  // Forget pending enter events (a new snapshot or a new stream for the zone).
  void reset() { converter_.reset(); }

  const Stats& stats() const { return stats_; }

 private:
  template <typename Msg>
  Result decode_message(const Msg& m, ZoneEvent& out, std::string& error);

  std::vector<uint8_t> record_;
  EventConverter converter_;
  Stats stats_;
};

}  // namespace eg::edera
