// Named access to an event's parameters for the parsers. Converted captures
// carry the enter event's params in the exit; live sources may deliver them
// only on the enter event, so a lookup falls back to the paired enter event.
// Decoding is bounds-checked by fields/param_decoder.h; a missing or malformed
// param simply yields nullptr / nullopt / empty. Each param is decoded at most
// once per event and kept in place (the parsers ask for the same params
// several times, and a DecodedParam is too big to copy around per lookup).
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
  EventParams(const EventParams&) = delete;
  EventParams& operator=(const EventParams&) = delete;

  // Decoded param `name` (exit first, then the enter event); nullptr if absent
  // or malformed. Valid as long as this object.
  const DecodedParam* get(std::string_view name) const;
  std::optional<int64_t> i64(std::string_view name) const;
  std::optional<uint64_t> u64(std::string_view name) const;
  std::optional<std::string_view> str(std::string_view name) const;
  std::vector<std::string> strings(std::string_view name) const;  // CHARBUFARRAY / NUL list
  // Return value: param 0 of an exit event (res / fd); nullopt if absent.
  std::optional<int64_t> result() const;

  const RawEvent& event() const { return ev_; }
  const RawEvent* enter() const { return enter_; }

 private:
  const DecodedParam* decoded(const RawEvent& ev, int which, std::string_view name) const;

  const RawEvent& ev_;
  const RawEvent* enter_;
  // Decoded params by [event (0 = this one, 1 = enter)][index]; a slot is
  // constructed when its bit in `ready_` is set (no initialisation up front).
  union Slot {
    Slot() {}
    DecodedParam param;
  };
  mutable Slot slots_[2][kMaxEventParams];
  mutable uint64_t ready_ = 0;
};

}  // namespace eg
