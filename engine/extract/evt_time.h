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

}  // namespace eg
