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

  // Forgets the pending enter events (a new capture section starts).
  void reset() { pending_.clear(); }

  // Number of threads with a pending enter event (for tests).
  size_t pending_count() const { return pending_.size(); }

 private:
  enum class Step { Complete, Continue, Drop, Error };
  Step test_convertibility(const RawEvent& ev, std::string& error) const;
  Step convert_once(const RawEvent& ev, RawEvent& out, std::string& error);
  void store_pending(const RawEvent& ev);

  std::unordered_map<int64_t, std::vector<uint8_t>> pending_;  // tid -> enter record
  std::vector<uint8_t> buffers_[2];  // ping-pong storage for multi-step conversions
  int next_buffer_ = 0;
};

}  // namespace eg
