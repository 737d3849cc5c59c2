// Unit tests for alert building: escaping, JSON time, appended outputs, the
// JSON document's keys and order, and the end-of-run summary.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/output/alert.h"
#include "engine/output/alert_formatter.h"
#include "engine/output/run_summary.h"
#include "engine/state/event_context.h"

namespace eg::output {
namespace {

TEST(Alert, EscapeTextLine) {
  EXPECT_EQ(escape_text_line("q=\"x\" bs=\\ tab=\t nl=\n uni=\xC3\xBC \x01"), "q=\\\"x\\\" bs=\\\\ tab=\\t nl=\\n uni=\xC3\xBC \\u0001");
  EXPECT_EQ(escape_text_line("bad \xFF end"), "bad \xEF\xBF\xBD end");
  EXPECT_EQ(escape_text_line("a/b"), "a/b");
}

TEST(Alert, JsonTime) {
  EXPECT_EQ(json_time(1534527348514632619ULL), "2018-08-17T17:35:48.514632619Z");
  EXPECT_EQ(json_time(5), "1970-01-01T00:00:00.000000005Z");
}

// The date and clock part is remembered for the last second: stamps of one
// second, of the next and of an earlier one each get their own text.
TEST(Alert, JsonTimeWithinAndAcrossSeconds) {
  EXPECT_EQ(json_time(1534527348514632619ULL), "2018-08-17T17:35:48.514632619Z");
  EXPECT_EQ(json_time(1534527348000000001ULL), "2018-08-17T17:35:48.000000001Z");
  EXPECT_EQ(json_time(1534527349000000000ULL), "2018-08-17T17:35:49.000000000Z");
  EXPECT_EQ(json_time(1534527348999999999ULL), "2018-08-17T17:35:48.999999999Z");
  std::string appended = "t=";
  append_json_time(appended, 5);
  EXPECT_EQ(appended, "t=1970-01-01T00:00:00.000000005Z");
}

// The event time as a decimal integer (evt.time in output_fields): the
// seconds' digits are remembered, so stamps within, across and before the
// remembered second, and those below one second, must all print as to_string.
TEST(Alert, TimeInteger) {
  const uint64_t stamps[] = {1534527348514632619ULL, 1534527348000000001ULL, 1534527349000000000ULL,
                             1534527348999999999ULL, 999999999ULL, 5, 0, 1000000000ULL, 1000000001ULL,
                             10000000000ULL, UINT64_MAX, UINT64_MAX - 999999999ULL, 1534527348514632619ULL};
  for (uint64_t ts : stamps) {
    char buf[kTimeIntegerSize];
    EXPECT_EQ(std::string(buf, write_time_integer(buf, ts)), std::to_string(ts));
  }
}

// json_time computes the civil date itself; it must agree with gmtime_r on
// leap days, century years and the whole uint64 nanosecond range.
TEST(Alert, JsonTimeAgreesWithGmtime) {
  std::vector<uint64_t> stamps = {0, 951782400ULL * 1000000000ULL, 951868799ULL * 1000000000ULL + 999999999ULL,
                                  4107542400ULL * 1000000000ULL, UINT64_MAX};
  uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < 2000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    stamps.push_back(x);
  }
  for (uint64_t ts : stamps) {
    time_t secs = static_cast<time_t>(ts / 1000000000ULL);
    struct tm tm {};
    gmtime_r(&secs, &tm);
    char want[64];
    std::snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.%09lluZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<unsigned long long>(ts % 1000000000ULL));
    EXPECT_EQ(json_time(ts), want) << ts;
  }
}

TEST(AlertFormatter, EffectiveOutputAppendsInConfigOrder) {
  OutputConfig c;
  AppendOutputEntry extra;
  extra.extra_output = "pid=%proc.pid";
  c.append_output.push_back(extra);
  AppendOutputEntry tagged;
  tagged.match_tags = {"net", "fs"};
  tagged.extra_output = "tagged";
  c.append_output.push_back(tagged);
  AppendOutputEntry other_rule;
  other_rule.match_rule = "other";
  other_rule.extra_output = "nope";
  c.append_output.push_back(other_rule);
  RuleOutputInfo r{"exec", "%proc.name", Priority::Warning, "syscall", {"net"}};
  EXPECT_EQ(effective_output(r, c), std::string("%proc.name ") + kSuggestedOutputSuffix + " pid=%proc.pid");
  r.tags = {"fs", "net", "x"};
  EXPECT_EQ(effective_output(r, c), std::string("%proc.name ") + kSuggestedOutputSuffix + " pid=%proc.pid tagged");
  r.output = "   ";
  c.append_output = {};
  EXPECT_EQ(effective_output(r, c), "   ");
}

// JSON alerts for `hostname` in UTC, without the default appended output.
OutputConfig utc_json_config(const char* hostname) {
  setenv("TZ", "UTC", 1);
  tzset();
  OutputConfig c;
  c.json_output = true;
  c.hostname = hostname;
  c.append_output = {};
  return c;
}

// An event at 2018-08-17T17:35:48.514632619Z (the context points at the record).
struct FixedTimeEvent {
  RawEvent raw;
  EventContext ctx;
  FixedTimeEvent() {
    raw.ts = 1534527348514632619ULL;
    ctx.event = &raw;
  }
  FixedTimeEvent(const FixedTimeEvent&) = delete;
  FixedTimeEvent& operator=(const FixedTimeEvent&) = delete;
};

// What the recycling tests format: rule r1's "num=%evt.num" as a Warning, in
// UTC JSON for host "h", on a fixed-time event.
struct NumAlerts {
  OutputConfig config = utc_json_config("h");
  RuleOutputInfo rule{"r1", "num=%evt.num", Priority::Warning, "syscall", {}};
  FixedTimeEvent event;
  std::optional<RuleFormatter> compile() const {
    std::string err;
    auto f = RuleFormatter::compile(rule, config, &err);
    EXPECT_TRUE(f) << err;
    return f;
  }
};

TEST(AlertFormatter, JsonDocumentShape) {
  OutputConfig c = utc_json_config("golden");
  AppendOutputEntry e;
  e.extra_fields = {{"num_text", "n=%evt.num", false}, {"evt.num", "", true}};
  c.append_output.push_back(e);
  RuleOutputInfo r{"r1", "num=%evt.num", Priority::Informational, "syscall", {"b", "a"}};
  std::string err;
  auto f = RuleFormatter::compile(r, c, &err);
  ASSERT_TRUE(f) << err;
  FixedTimeEvent event;
  EventContext& ctx = event.ctx;
  ctx.evt_num = 7;
  AlertPtr a = f->format(ctx);
  EXPECT_EQ(a->json,
            R"({"hostname":"golden","output":"17:35:48.514632619: Informational num=7","output_fields":{"evt.num":7,"evt.time":1534527348514632619,"num_text":"n=7"},"priority":"Informational","rule":"r1","source":"syscall","tags":["a","b"],"time":"2018-08-17T17:35:48.514632619Z"})");
  EXPECT_EQ(a->line(), a->json);
  c.json_include_output_property = false;
  c.json_include_tags_property = false;
  c.json_include_message_property = true;
  c.time_format_iso_8601 = true;
  auto g = RuleFormatter::compile(r, c, &err);
  ASSERT_TRUE(g) << err;
  EXPECT_EQ(g->format(ctx)->json,
            R"({"hostname":"golden","message":"num=7","output_fields":{"evt.num":7,"evt.time.iso8601":1534527348514632619,"num_text":"n=7"},"priority":"Informational","rule":"r1","source":"syscall","time":"2018-08-17T17:35:48.514632619Z"})");
  c.json_output = false;
  auto h = RuleFormatter::compile(r, c, &err);
  ASSERT_TRUE(h) << err;
  EXPECT_EQ(h->format(ctx)->line(), "2018-08-17T17:35:48.514632619+0000: Informational num=7");
}

// Alerts no sink holds any more are refilled in place; one still held is
// never touched, and every alert reads as if it were new.
TEST(AlertFormatter, RecyclesOnlyReleasedAlerts) {
  NumAlerts t;
  auto f = t.compile();
  ASSERT_TRUE(f);
  EventContext& ctx = t.event.ctx;
  auto json_of = [](uint64_t num) {
    return R"({"hostname":"h","output":"17:35:48.514632619: Warning num=)" + std::to_string(num) +
           R"(","output_fields":{"evt.num":)" + std::to_string(num) + R"(,"evt.time":1534527348514632619},)" +
           R"("priority":"Warning","rule":"r1","source":"syscall","tags":[],"time":"2018-08-17T17:35:48.514632619Z"})";
  };
  ctx.evt_num = 1000000;
  AlertPtr held = f->format(ctx);
  std::vector<const Alert*> seen;
  for (uint64_t n = 1; n <= 100; ++n) {
    ctx.evt_num = n;
    AlertPtr a = f->format(ctx);
    ASSERT_EQ(a->json, json_of(n));
    ASSERT_EQ(a->line(), a->json);
    ASSERT_NE(a.get(), held.get());
    seen.push_back(a.get());
  }
  EXPECT_EQ(held->json, json_of(1000000));
  EXPECT_EQ(held->rule, "r1");
  // released alerts were refilled: far fewer distinct alerts than formats
  std::sort(seen.begin(), seen.end());
  EXPECT_LT(std::unique(seen.begin(), seen.end()) - seen.begin(), 20);
  t.config.json_output = false;  // text lines: refilled alerts carry no JSON
  auto g = t.compile();
  ASSERT_TRUE(g);
  for (uint64_t n = 1; n <= 40; ++n) {
    ctx.evt_num = n;
    AlertPtr a = g->format(ctx);
    ASSERT_TRUE(a->json.empty());
    ASSERT_EQ(a->line(), "17:35:48.514632619: Warning num=" + std::to_string(n));
  }
}

// A sink that lags (holds many alerts, then releases them in order) makes the
// ring grow instead of allocating every alert anew: after the release, as
// many further alerts reuse the held ones, oldest first, with their contents
// replaced.
TEST(AlertFormatter, RecycleRingGrowsWhileSinksLag) {
  NumAlerts t;
  auto f = t.compile();
  ASSERT_TRUE(f);
  EventContext& ctx = t.event.ctx;
  std::vector<AlertPtr> lagging;
  for (uint64_t n = 1; n <= 200; ++n) {
    ctx.evt_num = n;
    lagging.push_back(f->format(ctx));
  }
  std::vector<const Alert*> order;  // oldest first
  for (const AlertPtr& a : lagging) order.push_back(a.get());
  std::vector<const Alert*> held = order;
  std::sort(held.begin(), held.end());
  ASSERT_EQ(std::unique(held.begin(), held.end()) - held.begin(), 200);
  for (uint64_t n = 1; n <= 200; ++n) ASSERT_NE(lagging[n - 1]->json.find("num=" + std::to_string(n) + "\""), std::string::npos);
  lagging.clear();
  for (uint64_t n = 1; n <= 200; ++n) {
    ctx.evt_num = 1000 + n;
    AlertPtr a = f->format(ctx);
    ASSERT_EQ(a.get(), order[n - 1]) << n;  // the oldest released one
    ASSERT_NE(a->json.find("num=" + std::to_string(1000 + n) + "\""), std::string::npos);
  }
}

TEST(RunSummary, FalcoLayout) {
  RunSummary s({"Write below etc", "Read sensitive file untrusted", "Terminal shell in container", "never"});
  s.count(0, Priority::Warning);
  s.count(2, Priority::Informational);
  s.count(0, Priority::Warning);
  s.count(1, Priority::Warning);
  s.count(0, Priority::Warning);
  EXPECT_EQ(s.render(),
            "Events detected: 5\nRule counts by severity:\n   WARNING: 4\n   INFO: 1\n"
            "Triggered rules by rule name:\n   Write below etc: 3\n   Read sensitive file untrusted: 1\n"
            "   Terminal shell in container: 1\n");
  EXPECT_EQ(RunSummary({"a"}).render(), "Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n");
}

}  // namespace
}  // namespace eg::output
