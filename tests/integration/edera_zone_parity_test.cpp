// Zone events that must not hurt, and zone events that must agree:
//  - malformed messages (bad param length, unknown event code 60000, too many
//    params, an oversized param) are counted and skipped with a log line,
//    never crash the process, and never disturb the zone's later events or
//    another zone;
//  - the same capture gives the same alerts read with -e and streamed as a
//    zone by the fake daemon (apart from the zone fields), on the shared
//    captures with the upstream rules files.
#include <filesystem>

#include "case_corpus.h"
#include "edera_zone_harness.h"
#include "tests/support/fake_daemon/capture_zone_replay.h"

namespace eg::itest {
namespace {

namespace fs = std::filesystem;
using fake::MonitorStep;

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

TEST_F(ZoneTest, MalformedMessagesAreCountedAndSkipped) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "bad"), fake::ready_zone(kZoneB, 8, "good")});
  uint64_t ts = 1'700'000'200'000'000'000ull;
  auto oversized = fake::openat_reply(kZoneA, ts + 4, 100, 3, "/etc/oversized");
  oversized.mutable_syscall()->mutable_event_params(2)->set_param_data(std::string(70000, 'x') + '\0');
  fake::MonitorScript a{MonitorStep::send(fake::small_tree_snapshot_reply(kZoneA)),
                        MonitorStep::send(fake::bad_param_length_reply(kZoneA, ts + 1, 100)),
                        MonitorStep::send(fake::unknown_code_reply(kZoneA, ts + 2, 100, 60000)),
                        MonitorStep::send(fake::too_many_params_reply(kZoneA, ts + 3, 100)),
                        MonitorStep::send(oversized)};
  for (auto& e : opens(kZoneA, 100, {"still-fine"}, ts + 10)) a.push_back(std::move(e));
  fake::MonitorScript b{MonitorStep::send(fake::small_tree_snapshot_reply(kZoneB))};
  for (auto& e : opens(kZoneB, 100, {"b-1", "b-2"}, ts)) b.push_back(std::move(e));
  daemon_->set_script(kZoneA, std::move(a));
  daemon_->set_script(kZoneB, std::move(b));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/still-fine"));
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/b-2"));
  std::string err = stop_guard();
  EXPECT_EQ(field(alerts_where("fd.name", "/etc/still-fine").at(0), "proc.name"), "sh");
  EXPECT_EQ(alerts_where("edera.zone.id", kZoneB).size(), 2u);
  for (const char* name : {"/etc/bad-length", "/etc/unknown-code", "/etc/too-many-params", "/etc/oversized"})
    EXPECT_TRUE(alerts_where("fd.name", name).empty()) << name;
  EXPECT_EQ(count(err, "Edera: zone " + kZoneA + ": malformed event skipped: "), 4u) << err;
  EXPECT_EQ(count(err, "Edera: zone " + kZoneB + ": malformed event skipped: "), 0u) << err;
  EXPECT_NE(err.find("Edera: zone " + kZoneA + ": 1 events, 0 dropped, 4 malformed"), std::string::npos) << err;
  EXPECT_NE(err.find("Edera: zone " + kZoneB + ": 2 events, 0 dropped, 0 malformed"), std::string::npos) << err;
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 1u) << "malformed events must not break the stream";
}

// The comparable part of an alert: everything but the zone fields, and the
// output without its zone suffix.
nlohmann::json comparable(nlohmann::json a) {
  if (a.contains("output_fields")) {
    a["output_fields"].erase("edera.zone.id");
    a["output_fields"].erase("edera.zone.name");
  }
  if (a.contains("output")) {
    std::string out = a["output"];
    size_t p = out.rfind(" zone_id=");
    if (p != std::string::npos) out.resize(p);
    a["output"] = out;
  }
  return a;
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  for (const auto& l : split_lines(text)) {
    if (l.empty() || l[0] != '{') continue;
    auto j = nlohmann::json::parse(l, nullptr, false);
    if (!j.is_discarded()) out.push_back(comparable(std::move(j)));
  }
  return out;
}

class CaptureParity : public ZoneTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(CaptureParity, SameAlertsFromTheFileAndAsAZone) {
  std::string trace = traces_dir() + "/" + GetParam();
  std::string rules_dir = shared_dir() + "/compat/rules";
  if (!fs::exists(trace) || !fs::exists(rules_dir + "/falco_rules.yaml"))
    GTEST_SKIP() << "shared captures/rules not found under " << shared_dir();
  std::vector<std::string> rules = {"-r", rules_dir + "/falco_rules.yaml", "-r",
                                    rules_dir + "/falco-incubating_rules.yaml", "-r",
                                    rules_dir + "/falco-sandbox_rules.yaml"};
  std::vector<std::string> common = {"-o", "json_output=true", "-o", "priority=debug", "-o",
                                     "json_include_output_fields_property=true", "-o", "json_include_tags_property=true"};
  RunRequest req;
  req.args = rules;
  req.args.insert(req.args.end(), common.begin(), common.end());
  req.args.insert(req.args.end(), {"-e", trace});
  req.env = {{"TZ", "UTC"}};
  RunResult file_run = run_binary(req);
  ASSERT_EQ(file_run.exit_code, 0) << file_run.err;
  auto expected = json_lines(file_run.out);

  fake::MonitorScript script;
  std::string error;
  ASSERT_TRUE(fake::capture_script(trace, kZoneA, script, error)) << error;
  size_t messages = script.size();
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "parity")});
  daemon_->set_script(kZoneA, std::move(script));
  std::vector<std::string> extra(rules.begin() + 2, rules.end());  // first -r given by start_guard
  extra.insert(extra.end(), common.begin(), common.end());
  start_guard(extra, rules[1]);
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] {
    auto c = daemon_->monitor_calls(kZoneA);
    return !c.empty() && c[0].replies_sent == messages;
  }, 60s)) << "the fake could not send the whole capture";
  wait_for_alerts([&](const std::vector<nlohmann::json>& as) { return as.size() >= expected.size(); }, 30s);
  stop_guard();
  std::vector<nlohmann::json> got;
  for (const auto& a : alerts()) {
    EXPECT_EQ(field(a, "edera.zone.id"), kZoneA);
    EXPECT_EQ(field(a, "edera.zone.name"), "parity");
    got.push_back(comparable(a));
  }
  ASSERT_EQ(got.size(), expected.size()) << GetParam();
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], expected[i]) << GetParam() << " alert " << i;
}

INSTANTIATE_TEST_SUITE_P(SharedTraces, CaptureParity,
                         ::testing::Values("curl_google.scap", "curl_google_comments.scap", "single_ipv6_conn.scap",
                                           "test_ipv6_client.scap"),
                         [](const auto& info) {
                           std::string n = info.param.substr(0, info.param.find('.'));
                           return n;
                         });

}  // namespace
}  // namespace eg::itest
