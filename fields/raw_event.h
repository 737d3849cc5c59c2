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

// Parses a 26-byte-header record in `bytes` into `out`. Returns false (and sets
// `error` to the reason) when the record is malformed; never reads out of bounds.
bool parse_raw_event(std::span<const uint8_t> bytes, RawEvent& out, const char** error);

}  // namespace eg
