// Unit tests for the configuration's rule selection and minimum priority as
// applied through the ruleset (engine/cli/rule_selection.h).
#include "engine/cli/rule_selection.h"

#include <gtest/gtest.h>

#include "engine/loader/rule_loader.h"
#include "engine/ruleset/ruleset.h"

namespace eg::cli {
namespace {

struct AlwaysTrue : Filter {
  bool evaluate(const EventContext&) override { return true; }
};

std::vector<CompiledRule> sample_rules() {
  std::vector<CompiledRule> rules(4);
  const char* names[] = {"Read sensitive file", "Outbound connection", "Disabled by file", "Debug rule"};
  const Priority prios[] = {Priority::Warning, Priority::Notice, Priority::Critical, Priority::Debug};
  for (size_t i = 0; i < rules.size(); ++i) {
    rules[i].name = names[i];
    rules[i].priority = prios[i];
    rules[i].filter = std::make_shared<AlwaysTrue>();
    rules[i].event_codes = {1};
  }
  rules[0].tags = {"filesystem"};
  rules[1].tags = {"network", "noisy"};
  rules[2].enabled = false;
  rules[2].tags = {"network"};
  return rules;
}

cli::RuleSelection step(bool enable, std::optional<std::string> rule, std::optional<std::string> tag) {
  cli::RuleSelection s;
  s.enable = enable;
  s.rule = std::move(rule);
  s.tag = std::move(tag);
  return s;
}

std::vector<bool> active(const AppConfig& c) {
  auto rules = sample_rules();
  Ruleset set = Ruleset::from_compiled(rules);
  set.select(ruleset_selection(c));
  std::vector<bool> out;
  for (size_t i = 0; i < rules.size(); ++i) out.push_back(set.is_active(i));
  return out;
}

TEST(RuleSelection, DefaultsToFileEnabled) {
  EXPECT_EQ(active(AppConfig{}), (std::vector<bool>{true, true, false, true}));
}

TEST(RuleSelection, StepsApplyInOrderAndOverrideFiles) {
  AppConfig c;
  c.rule_selection = {step(false, "*", std::nullopt), step(true, std::nullopt, "network")};
  EXPECT_EQ(active(c), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(selection_log_lines(c),
            (std::vector<std::string>{"Disabling rules with name: *", "Enabling rules with tag: network"}));
  c.rule_selection = {step(false, std::nullopt, "noisy"), step(false, "Read*", std::nullopt)};
  EXPECT_EQ(active(c), (std::vector<bool>{false, false, false, true}));
}

TEST(RuleSelection, MinimumPriority) {
  AppConfig c;
  c.min_priority = static_cast<int>(Priority::Warning);
  c.rule_selection = {step(true, "*", std::nullopt)};
  EXPECT_EQ(active(c), (std::vector<bool>{true, false, true, false}));
}

}  // namespace
}  // namespace eg::cli
