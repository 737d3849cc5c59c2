// The clock and calendar renderings of event timestamps used by evt.time,
// evt.time.s, evt.time.iso8601, evt.datetime and evt.datetime.s (local time
// zone except ISO 8601, which Falco always prints in UTC with "+0000").
#pragma once

#include <cstdint>
#include <string>

namespace eg {

enum class TimeStyle {
  LocalClockNs,      // 16:17:57.881781397
  LocalClock,        // 16:17:57
  Iso8601Utc,        // 2016-08-04T16:17:57.881781397+0000
  LocalDateTimeNs,   // 2016-08-04 16:17:57.881781397
  LocalDateTime,     // 2016-08-04 16:17:57
};

std::string format_event_time(uint64_t ts_ns, TimeStyle style);
// The same text appended to `out` (extractors reuse one buffer per field).
void append_event_time(std::string& out, uint64_t ts_ns, TimeStyle style);

// Writes `v` as exactly `width` decimal digits (zero-padded, the high digits
// dropped if it has more) at `p`; returns the end. Time texts are built from
// these (nanoseconds here, the JSON alert time in engine/output/alert.cpp).
inline char* put_digits(char* p, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
  return p + width;
}

}  // namespace eg
