// Upgrades old event records to the current layouts, as modern libscap does
// when it reads a capture (scap format spec section 3.1, table in
// fields/data/converter.json): enter events are stored per thread and folded
// into their exit events, old codes climb to their newest version. Falco only
// ever sees the converted stream, so edera-guard feeds its rules the same.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "fields/raw_event.h"

namespace eg {

class EventConverter {
 public:
  enum class Outcome { Deliver, Drop, Error };

  // Converts `in`. On Deliver, `out` is `in` itself or a view over this
  // converter's buffer (valid until the next call). On Error, `error` says why.
  Outcome convert(const RawEvent& in, RawEvent& out, std::string& error);
  // The same on `ev` itself: an event in today's layout (nearly all of them)
  // is left untouched, without copying the record description.
  Outcome convert_in_place(RawEvent& ev, std::string& error);

  // True when a record of `type` with `nparams` params is in today's layout
  // and passes as it is (the general rules of test_convertibility, tabled per
  // code: the check convert_in_place makes on every event).
  static bool is_current(uint16_t type, uint32_t nparams) {
    static const std::vector<uint8_t> table = current_nparams_table();
    if (type >= table.size()) return false;
    const uint8_t want = table[type];
    return want == kAnyCount || want == nparams;
  }
  // The general answer to the same question (for tests of the table).
  bool is_current_by_schema(const RawEvent& ev) const {
    std::string error;
    return test_convertibility(ev, error) == Step::Complete;
  }

  // Forgets the pending enter events (a new capture section starts).
  void reset() { pending_.clear(); }

  // Number of threads with a pending enter event (for tests).
  size_t pending_count() const { return pending_.size(); }

 private:
  enum class Step { Complete, Continue, Drop, Error };
  // Per code: the one param count that is current, kAnyCount when any count
  // is, kNotCurrent when none is (index = code).
  static constexpr uint8_t kAnyCount = 0xFF, kNotCurrent = 0xFE;
  static std::vector<uint8_t> current_nparams_table();
  Step test_convertibility(const RawEvent& ev, std::string& error) const;
  Step convert_once(const RawEvent& ev, RawEvent& out, std::string& error);
  void store_pending(const RawEvent& ev);

  std::unordered_map<int64_t, std::vector<uint8_t>> pending_;  // tid -> enter record
  std::vector<uint8_t> buffers_[2];  // ping-pong storage for multi-step conversions
  int next_buffer_ = 0;
};

}  // namespace eg
