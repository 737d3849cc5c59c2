// Unit tests for the event time texts (evt_time.h): every style against
// strftime on the same second, the nine nanosecond digits, the per-second
// calendar memory (within one second, across seconds and styles, and after
// TZ changes), and appending to a non-empty buffer.
#include "engine/extract/evt_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

namespace eg {
namespace {

std::string strftime_text(uint64_t ts, const char* pattern, bool utc) {
  time_t secs = static_cast<time_t>(ts / 1000000000ULL);
  struct tm tm {};
  if (utc) gmtime_r(&secs, &tm);
  else localtime_r(&secs, &tm);
  char buf[64];
  return std::string(buf, strftime(buf, sizeof buf, pattern, &tm));
}

std::string nanos(uint64_t ts) {
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%09llu", static_cast<unsigned long long>(ts % 1000000000ULL));
  return buf;
}

void expect_all_styles(uint64_t ts) {
  EXPECT_EQ(format_event_time(ts, TimeStyle::LocalClockNs), strftime_text(ts, "%H:%M:%S", false) + nanos(ts));
  EXPECT_EQ(format_event_time(ts, TimeStyle::LocalClock), strftime_text(ts, "%H:%M:%S", false));
  EXPECT_EQ(format_event_time(ts, TimeStyle::Iso8601Utc),
            strftime_text(ts, "%Y-%m-%dT%H:%M:%S", true) + nanos(ts) + "+0000");
  EXPECT_EQ(format_event_time(ts, TimeStyle::LocalDateTimeNs),
            strftime_text(ts, "%Y-%m-%d %H:%M:%S", false) + nanos(ts));
  EXPECT_EQ(format_event_time(ts, TimeStyle::LocalDateTime), strftime_text(ts, "%Y-%m-%d %H:%M:%S", false));
}

TEST(EvtTime, StylesMatchStrftime) {
  setenv("TZ", "UTC", 1);
  tzset();
  EXPECT_EQ(format_event_time(1470327477881781397ULL, TimeStyle::LocalClockNs), "16:17:57.881781397");
  EXPECT_EQ(format_event_time(1470327477881781397ULL, TimeStyle::Iso8601Utc), "2016-08-04T16:17:57.881781397+0000");
  EXPECT_EQ(format_event_time(1470327477000000005ULL, TimeStyle::LocalDateTimeNs), "2016-08-04 16:17:57.000000005");
  for (uint64_t ts : std::initializer_list<uint64_t>{0, 999999999, 1470327477881781397ULL, 1470327477000000000ULL,
                      1470327478000000001ULL, 1470327477999999999ULL})
    expect_all_styles(ts);
}

TEST(EvtTime, FollowsTimeZoneChanges) {
  const uint64_t ts = 1470327477881781397ULL;
  setenv("TZ", "UTC", 1);
  tzset();
  EXPECT_EQ(format_event_time(ts, TimeStyle::LocalClock), "16:17:57");
  setenv("TZ", "UTC-2", 1);  // POSIX offsets are west of Greenwich: two hours ahead
  tzset();
  EXPECT_EQ(format_event_time(ts, TimeStyle::LocalClock), "18:17:57");
  EXPECT_EQ(format_event_time(ts, TimeStyle::Iso8601Utc), "2016-08-04T16:17:57.881781397+0000");
  setenv("TZ", "UTC", 1);
  tzset();
}

TEST(EvtTime, AppendsToTheBuffer) {
  setenv("TZ", "UTC", 1);
  tzset();
  std::string out = "t=";
  append_event_time(out, 1470327477881781397ULL, TimeStyle::LocalClockNs);
  append_event_time(out, 1470327477881781397ULL, TimeStyle::LocalClock);
  EXPECT_EQ(out, "t=16:17:57.88178139716:17:57");
}

}  // namespace
}  // namespace eg
