// Attack scenarios through the real binary: each capture of
// attack_captures.cpp replayed with the shipped rules and with the upstream
// Falco rules, the JSON alerts compared with the hand-derived files of
// tests/data/attack_scenarios/ (README.md there explains every value), and
// the benign capture raising nothing. Default (reference) output options.
#include <gtest/gtest.h>

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
