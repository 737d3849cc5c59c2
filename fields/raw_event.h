// RawEvent: a zero-copy view over one event record (libscap layout, see
// the scap format spec): the 26-byte header and the parameter offsets.
// Sources (capture files, the Edera daemon, eBPF) all produce this same view;
// decoding a parameter happens only when a field asks for it (param_decoder.h).
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace eg {

inline constexpr uint32_t kMaxEventParams = 32;

struct RawEvent {
  uint64_t ts = 0;       // nanoseconds since the epoch
  int64_t tid = -1;
  uint32_t len = 0;      // record length incl. header
  uint16_t type = 0;     // event code
  uint32_t nparams = 0;
  uint16_t cpu = 0;
  const uint8_t* record = nullptr;           // whole record (header first)
  uint32_t param_offset[kMaxEventParams]{};  // offset of param i from `record`
  uint32_t param_len[kMaxEventParams]{};

  // Bytes of param i; empty when absent or zero-length ("no value").
  std::span<const uint8_t> param(uint32_t i) const {
    if (i >= nparams || param_len[i] == 0) return {};
    return {record + param_offset[i], param_len[i]};
  }
  bool has_param(uint32_t i) const { return i < nparams && param_len[i] != 0; }
};

inline constexpr uint32_t kEventHeaderSize = 26;        // ts, tid, len, type, nparams
inline constexpr uint32_t kLegacyEventHeaderSize = 22;  // ts, tid, len, type (EV v1 blocks)

// Parses a 26-byte-header record in `bytes` into `out`. Returns false (and sets
// `error` to the reason) when the record is malformed; never reads out of bounds.
// The record ends at its `len` (bytes after it, e.g. block padding, are ignored).
// Length entries are 4 bytes wide for EF_LARGE_PAYLOAD types, else 2 bytes.
bool parse_raw_event(std::span<const uint8_t> bytes, RawEvent& out, const char** error);

// Parses a legacy 22-byte-header record (no nparams field; capture blocks EV v1 /
// EVF v1) and infers nparams from the lengths as libscap does (scap format spec
// section 2.1). `out.len` is the length as stored (22-byte header counted).
bool parse_legacy_raw_event(std::span<const uint8_t> bytes, RawEvent& out, const char** error);

}  // namespace eg
