// The output and format options on the capture of every attack scenario
// ("all") with the shipped rules: text vs JSON, each json_include_* switch,
// time_format_iso_8601, append_output (suffix, extra fields, matching by
// rule, tag and source), -p, the priority threshold, -T/-t/-D and their
// rules[] spellings, rule_matching, buffered_outputs/-U and -A. Every run is compared
// with its hand-derived file in tests/data/attack_scenarios/options/.
#include <gtest/gtest.h>

#include "attack_run.h"
#include "binary_runner.h"

namespace eg::itest {
namespace {

AttackRun run_all(std::vector<std::string> extra, bool text = false, std::string config = "") {
  AttackRunOptions opts;
  opts.extra_args = std::move(extra);
  opts.text = text;
  opts.config_yaml = std::move(config);
  AttackRun run = run_attack("all", opts);
  EXPECT_EQ(run.result.exit_code, 0) << run.result.err;
  return run;
}

TEST(AttackOutputs, TextFormat) {
  AttackRun run = run_all({"-o", "json_output=false"}, true);
  expect_text_alerts(run.alerts, "options/text.expected.txt");
  EXPECT_EQ(run.summary.size(), 12u) << run.result.out;  // the summary follows the alerts
}

TEST(AttackOutputs, TextFormatIso8601) {
  AttackRun run = run_all({"-o", "json_output=false", "-o", "time_format_iso_8601=true"}, true);
  expect_text_alerts(run.alerts, "options/text_iso8601.expected.txt");
}

TEST(AttackOutputs, JsonIso8601) {
  AttackRun run = run_all({"-o", "time_format_iso_8601=true"});
  expect_json_alerts(run.alerts, "options/iso8601.expected.jsonl");
}

TEST(AttackOutputs, JsonWithoutOutputProperty) {
  AttackRun run = run_all({"-o", "json_include_output_property=false"});
  expect_json_alerts(run.alerts, "options/no_output_property.expected.jsonl");
}

TEST(AttackOutputs, JsonWithoutTagsProperty) {
  AttackRun run = run_all({"-o", "json_include_tags_property=false"});
  expect_json_alerts(run.alerts, "options/no_tags_property.expected.jsonl");
}

TEST(AttackOutputs, JsonWithMessageProperty) {
  AttackRun run = run_all({"-o", "json_include_message_property=true"});
  expect_json_alerts(run.alerts, "options/message_property.expected.jsonl");
}

TEST(AttackOutputs, JsonWithoutOutputFieldsProperty) {
  AttackRun run = run_all({"-o", "json_include_output_fields_property=false"});
  expect_json_alerts(run.alerts, "options/no_output_fields_property.expected.jsonl");
}

// The reference configuration with its append_output list replaced.
std::string append_output_config() {
  std::string cfg = oracle_config_yaml();
  const std::string original = "append_output:\n  - suggested_output: true\n";
  size_t at = cfg.find(original);
  EXPECT_NE(at, std::string::npos);
  cfg.replace(at, original.size(),
              "append_output:\n"
              "  - suggested_output: true\n"
              "  - match: {rule: \"Read sensitive file\"}\n"
              "    extra_output: \"flags=%evt.arg.flags\"\n"
              "  - match: {tags: [network]}\n"
              "    extra_output: \"sport=%fd.sport\"\n"
              "    extra_fields:\n"
              "      - dest: \"%fd.sip:%fd.sport\"\n"
              "      - fd.sport\n"
              "  - match: {source: syscall}\n"
              "    extra_fields:\n"
              "      - proc.ppid\n"
              "  - match: {source: k8s_audit}\n"
              "    extra_output: \"never=%proc.pid\"\n"
              "  - match: {rule: \"Shell spawned\", tags: [network]}\n"
              "    extra_output: \"never2=%proc.pid\"\n");
  return cfg;
}

TEST(AttackOutputs, AppendOutputJson) {
  AttackRun run = run_all({}, false, append_output_config());
  expect_json_alerts(run.alerts, "options/append_output.expected.jsonl");
}

TEST(AttackOutputs, AppendOutputText) {
  AttackRun run = run_all({"-o", "json_output=false"}, true, append_output_config());
  expect_text_alerts(run.alerts, "options/append_output.expected.txt");
}

TEST(AttackOutputs, PriorityThreshold) {
  expect_json_alerts(run_all({"-o", "priority=warning"}).alerts, "options/priority_warning.expected.jsonl");
  expect_json_alerts(run_all({"-o", "priority=ERROR"}).alerts, "options/priority_error.expected.jsonl");
  expect_json_alerts(run_all({"-o", "priority=debug"}).alerts, "all.edera.expected.jsonl");
}

TEST(AttackOutputs, RuleMatchingAllVersusFirst) {
  expect_json_alerts(run_all({"-o", "rule_matching=all"}).alerts, "options/rule_matching_all.expected.jsonl");
  expect_json_alerts(run_all({"-o", "rule_matching=first"}).alerts, "all.edera.expected.jsonl");
}

TEST(AttackOutputs, DisableTag) {
  const std::string want = "options/disable_tag_filesystem.expected.jsonl";
  expect_json_alerts(run_all({"-T", "filesystem"}).alerts, want);
  expect_json_alerts(run_all({"-o", "rules[].disable.tag=filesystem"}).alerts, want);
}

TEST(AttackOutputs, EnableOnlyTags) {
  const std::string want = "options/enable_tags_network_persistence.expected.jsonl";
  expect_json_alerts(run_all({"-t", "network", "-t", "mitre_persistence"}).alerts, want);
  expect_json_alerts(run_all({"-o", "rules[].disable.rule=*", "-o", "rules[].enable.tag=network", "-o",
                              "rules[].enable.tag=mitre_persistence"})
                         .alerts,
                     want);
}

// The deprecated -p and its append_output spelling on the command line: one
// more format after the suggested fields, for every rule.
TEST(AttackOutputs, ExtraFormatForEveryRule) {
  const std::string want = "options/extra_uid.expected.jsonl";
  expect_json_alerts(run_all({"-p", "uid=%user.uid"}).alerts, want);
  expect_json_alerts(run_all({"-o", "append_output[].extra_output=uid=%user.uid"}).alerts, want);
  expect_json_alerts(run_all({"-pc", "-pk"}).alerts, "all.edera.expected.jsonl");  // accepted, no effect
}

TEST(AttackOutputs, DisableRulesByName) {
  const std::string want = "options/disable_rule_substring.expected.jsonl";
  expect_json_alerts(run_all({"-D", "Shell spawned"}).alerts, want);
  expect_json_alerts(run_all({"-o", "rules[].disable.rule=Shell spawned*"}).alerts, want);
}

// Flushing and -A change when and what is read, not the alerts of a capture.
TEST(AttackOutputs, BufferingAndAllSyscallsKeepTheAlerts) {
  for (const auto& extra : std::vector<std::vector<std::string>>{
           {"-o", "buffered_outputs=true"}, {"-o", "buffered_outputs=true", "-U"}, {"-U"}, {"-A"}}) {
    SCOPED_TRACE(extra.back());
    expect_json_alerts(run_all(extra).alerts, "all.edera.expected.jsonl");
  }
}

}  // namespace
}  // namespace eg::itest
