// Named access to an event's parameters for the parsers. Converted captures
// carry the enter event's params in the exit; live sources may deliver them
// only on the enter event, so a lookup falls back to the paired enter event.
// Decoding is bounds-checked by fields/param_decoder.h; a missing or malformed
// param simply yields nullopt / empty.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fields/param_decoder.h"
#include "fields/raw_event.h"

namespace eg {

class EventParams {
 public:
  EventParams(const RawEvent& ev, const RawEvent* enter) : ev_(ev), enter_(enter) {}

  // Decoded param `name` (exit first, then the enter event); nullopt if absent.
  std::optional<DecodedParam> get(std::string_view name) const;
  std::optional<int64_t> i64(std::string_view name) const;
  std::optional<uint64_t> u64(std::string_view name) const;
  std::optional<std::string_view> str(std::string_view name) const;
  std::vector<std::string> strings(std::string_view name) const;  // CHARBUFARRAY / NUL list
  // Return value: param 0 of an exit event (res / fd); nullopt if absent.
  std::optional<int64_t> result() const;

  const RawEvent& event() const { return ev_; }
  const RawEvent* enter() const { return enter_; }

 private:
  const RawEvent& ev_;
  const RawEvent* enter_;
};

}  // namespace eg
