// Event time rendering (see evt_time.h): strftime for the calendar part
// (remembered per thread for the last second rendered), the nanoseconds
// written as nine digits, the whole text appended at once.
#include "engine/extract/evt_time.h"

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>

namespace eg {

namespace {

// The calendar part ("%H:%M:%S", "%Y-%m-%d %H:%M:%S", ...) of one second in
// one style. Alerts and `-p` listings render many events of the same second,
// and localtime_r + strftime cost far more than the rest of the text.
//
// The time zone the text was made in is told by what tzset() sets (zone
// names, offset, DST flag): localtime_r reads TZ only once, so a program that
// changes TZ gets other local times only after tzset(), and then new texts
// here. (Reading TZ itself with getenv cost more than the rest of a cached
// text.)
struct ZoneKey {
  const char* std_name = nullptr;
  const char* dst_name = nullptr;
  long offset = 0;
  int dst = 0;
  bool operator==(const ZoneKey&) const = default;
};

ZoneKey current_zone() { return {tzname[0], tzname[1], timezone, daylight}; }

struct CalendarCache {
  ZoneKey zone;
  time_t secs = -1;
  TimeStyle style = TimeStyle::LocalClockNs;
  char text[64] = {};
  size_t size = 0;
};

std::string_view calendar_text(time_t secs, TimeStyle style) {
  thread_local CalendarCache cache;
  if (cache.secs == secs && cache.style == style && (style == TimeStyle::Iso8601Utc || cache.zone == current_zone()))
    return {cache.text, cache.size};
  struct tm tm {};
  if (style == TimeStyle::Iso8601Utc) {
    gmtime_r(&secs, &tm);
  } else {
    localtime_r(&secs, &tm);
  }
  const char* pattern = "%H:%M:%S";
  switch (style) {
    case TimeStyle::LocalClockNs: case TimeStyle::LocalClock: break;
    case TimeStyle::Iso8601Utc: pattern = "%Y-%m-%dT%H:%M:%S"; break;
    case TimeStyle::LocalDateTimeNs: case TimeStyle::LocalDateTime: pattern = "%Y-%m-%d %H:%M:%S"; break;
  }
  cache.size = strftime(cache.text, sizeof cache.text, pattern, &tm);
  cache.secs = secs;
  cache.style = style;
  cache.zone = current_zone();  // after localtime_r, which sets the zone up on its first call
  return {cache.text, cache.size};
}

}  // namespace

void append_event_time(std::string& out, uint64_t ts_ns, TimeStyle style) {
  time_t secs = static_cast<time_t>(ts_ns / 1000000000ull);
  uint64_t ns = ts_ns % 1000000000ull;
  bool with_ns = style != TimeStyle::LocalClock && style != TimeStyle::LocalDateTime;
  char buf[96];
  std::string_view calendar = calendar_text(secs, style);
  std::memcpy(buf, calendar.data(), calendar.size());
  char* p = buf + calendar.size();
  if (with_ns) {
    *p++ = '.';
    p = put_digits(p, ns, 9);
  }
  if (style == TimeStyle::Iso8601Utc) {
    std::memcpy(p, "+0000", 5);
    p += 5;
  }
  out.append(buf, p);
}

std::string format_event_time(uint64_t ts_ns, TimeStyle style) {
  std::string out;
  append_event_time(out, ts_ns, style);
  return out;
}

}  // namespace eg
