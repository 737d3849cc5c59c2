// Unit tests for rule selection and the minimum priority (engine/cli/rule_selection.h).
#include "engine/cli/rule_selection.h"

#include <gtest/gtest.h>

namespace eg::cli {
namespace {

std::vector<CompiledRule> sample_rules() {
  std::vector<CompiledRule> rules(4);
  rules[0].name = "Read sensitive file";
  rules[0].tags = {"filesystem"};
  rules[0].priority = Priority::Warning;
  rules[1].name = "Outbound connection";
  rules[1].tags = {"network", "noisy"};
  rules[1].priority = Priority::Notice;
  rules[2].name = "Disabled by file";
  rules[2].enabled = false;
  rules[2].tags = {"network"};
  rules[2].priority = Priority::Critical;
  rules[3].name = "Debug rule";
  rules[3].priority = Priority::Debug;
  return rules;
}

RuleSelection step(bool enable, std::optional<std::string> rule, std::optional<std::string> tag) {
  RuleSelection s;
  s.enable = enable;
  s.rule = std::move(rule);
  s.tag = std::move(tag);
  return s;
}

TEST(RuleSelection, DefaultsToFileEnabled) {
  AppConfig c;
  EXPECT_EQ(active_rules(sample_rules(), c, nullptr), (std::vector<bool>{true, true, false, true}));
}

TEST(RuleSelection, StepsApplyInOrderAndOverrideFiles) {
  AppConfig c;
  c.rule_selection = {step(false, "*", std::nullopt), step(true, std::nullopt, "network")};
  std::vector<std::string> log;
  EXPECT_EQ(active_rules(sample_rules(), c, &log), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(log, (std::vector<std::string>{"Disabling rules with name: *", "Enabling rules with tag: network"}));
  c.rule_selection = {step(false, std::nullopt, "noisy"), step(false, "Read*", std::nullopt)};
  EXPECT_EQ(active_rules(sample_rules(), c, nullptr), (std::vector<bool>{false, false, false, true}));
  c.rule_selection = {step(false, "Read*", "network")};  // both must match
  EXPECT_EQ(active_rules(sample_rules(), c, nullptr), (std::vector<bool>{true, true, false, true}));
}

TEST(RuleSelection, MinimumPriority) {
  AppConfig c;
  c.min_priority = static_cast<int>(Priority::Warning);
  c.rule_selection = {step(true, "*", std::nullopt)};
  EXPECT_EQ(active_rules(sample_rules(), c, nullptr), (std::vector<bool>{true, false, true, false}));
}

}  // namespace
}  // namespace eg::cli
