// Event time rendering (see evt_time.h): strftime for the calendar part, the
// nanoseconds appended as nine digits.
#include "engine/extract/evt_time.h"

#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace eg {

std::string format_event_time(uint64_t ts_ns, TimeStyle style) {
  time_t secs = static_cast<time_t>(ts_ns / 1000000000ull);
  uint64_t ns = ts_ns % 1000000000ull;
  struct tm tm {};
  if (style == TimeStyle::Iso8601Utc) {
    gmtime_r(&secs, &tm);
  } else {
    localtime_r(&secs, &tm);
  }
  const char* pattern = "%H:%M:%S";
  bool with_ns = true;
  switch (style) {
    case TimeStyle::LocalClockNs: break;
    case TimeStyle::LocalClock: with_ns = false; break;
    case TimeStyle::Iso8601Utc: pattern = "%Y-%m-%dT%H:%M:%S"; break;
    case TimeStyle::LocalDateTimeNs: pattern = "%Y-%m-%d %H:%M:%S"; break;
    case TimeStyle::LocalDateTime: pattern = "%Y-%m-%d %H:%M:%S"; with_ns = false; break;
  }
  char buf[64];
  size_t n = strftime(buf, sizeof buf, pattern, &tm);
  std::string out(buf, n);
  if (with_ns) {
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%09" PRIu64, ns);
    out += frac;
  }
  if (style == TimeStyle::Iso8601Utc) out += "+0000";
  return out;
}

}  // namespace eg
