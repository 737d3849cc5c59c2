// Attack scenarios through the real binary: each capture of
// attack_captures.cpp replayed with the shipped rules and with the upstream
// Falco rules, the JSON alerts compared with the hand-derived files of
// tests/data/attack_scenarios/ (README.md there explains every value), and
// the benign capture raising nothing. Default (reference) output options.
#include <gtest/gtest.h>

#include <fstream>

#include "attack_captures.h"
#include "attack_run.h"

namespace eg::itest {
namespace {

void expect_scenario(const std::string& scenario, const std::string& rules_tag, const AttackRunOptions& opts) {
  SCOPED_TRACE(scenario + " with " + rules_tag + " rules");
  AttackRun run = run_attack(scenario, opts);
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  expect_json_alerts(run.alerts, scenario + "." + rules_tag + ".expected.jsonl");
}

TEST(AttackScenarios, ShippedRulesOnEachScenario) {
  for (const auto& s : attack_scenario_names()) expect_scenario(s, "edera", {});
}

TEST(AttackScenarios, ShippedRulesOnAllScenariosWithSummary) {
  expect_scenario("all", "edera", {});
  AttackRun run = run_attack("all");
  std::vector<std::string> want = {
      "Events detected: 6",
      "Rule counts by severity:",
      "   CRITICAL: 1",
      "   ERROR: 1",
      "   WARNING: 3",
      "   NOTICE: 1",
      "Triggered rules by rule name:",
      "   Shell spawned by web server: 1",
      "   Read sensitive file: 1",
      "   Write below binary directory: 1",
      "   Outbound connection from shell: 2",
      "   Shell spawned: 1",
  };
  EXPECT_EQ(run.summary, want);
}

TEST(AttackScenarios, BenignActivityRaisesNothing) {
  AttackRun run = run_attack("benign");
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_TRUE(run.alerts.empty()) << run.result.out;
  std::vector<std::string> want = {"Events detected: 0", "Rule counts by severity:", "Triggered rules by rule name:"};
  EXPECT_EQ(run.summary, want);
}

// The benign events do reach the rules (so "no alert" above means something):
// a rule matching every open, exec and connect sees each of them, the failed
// ones with their errno, and the failed execve leaves the worker's name as is.
TEST(AttackScenarios, BenignEventsReachTheRules) {
  std::string dir = attack_work_dir();
  std::ofstream(dir + "/every.yaml") << "- rule: every\n  desc: d\n"
                                        "  condition: evt.type in (openat, execve, connect)\n"
                                        "  output: \"%evt.type %evt.res %proc.name %proc.pid\"\n  priority: DEBUG\n";
  AttackRunOptions opts;
  opts.rules_files = {dir + "/every.yaml"};
  opts.text = true;
  opts.extra_args = {"-o", "json_output=false"};
  opts.config_yaml = oracle_config_yaml();
  const std::string suggested = "append_output:\n  - suggested_output: true\n";
  size_t at = opts.config_yaml.find(suggested);
  ASSERT_NE(at, std::string::npos);
  opts.config_yaml.replace(at, suggested.size(), "append_output: []\n");
  AttackRun run = run_attack("benign", opts);
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  std::vector<std::string> want = {
      "08:00:06.100000000: Debug openat SUCCESS nginx 101",
      "08:00:06.200000000: Debug openat SUCCESS sshd 250",
      "08:00:06.300000000: Debug openat SUCCESS apt-get 500",
      "08:00:06.400000000: Debug connect SUCCESS curl 510",
      "08:00:06.500000000: Debug execve SUCCESS ls 304",
      "08:00:06.600000000: Debug openat EACCES nginx 101",
      "08:00:06.700000000: Debug execve ENOENT nginx 201",
  };
  EXPECT_EQ(run.alerts, want) << run.result.out;
}

TEST(AttackScenarios, UpstreamRulesOnEachScenario) {
  std::string dir = upstream_rules_dir();
  if (dir.empty()) GTEST_SKIP() << "upstream rules not found below " << EG_SHARED_DIR;
  AttackRunOptions opts;
  opts.rules_files = {dir + "/falco_rules.yaml"};
  for (const auto& s : attack_scenario_names()) expect_scenario(s, "falco", opts);
  expect_scenario("all", "falco", opts);
}

// "Write below binary dir" lives in the sandbox file, which builds on falco_rules.yaml.
TEST(AttackScenarios, UpstreamSandboxRulesOnTheBinaryDrop) {
  std::string dir = upstream_rules_dir();
  if (dir.empty()) GTEST_SKIP() << "upstream rules not found below " << EG_SHARED_DIR;
  AttackRunOptions opts;
  opts.rules_files = {dir + "/falco_rules.yaml", dir + "/falco-sandbox_rules.yaml"};
  expect_scenario("bin_write", "falco_sandbox", opts);
}

}  // namespace
}  // namespace eg::itest
