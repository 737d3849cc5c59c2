// Unit tests for EvaluatedCodes (engine/cli/evaluated_codes.h): the event
// codes with active rules, and what the run loops ask of the state for the
// others.
#include "engine/cli/evaluated_codes.h"

#include <gtest/gtest.h>

#include "engine/loader/rule_loader.h"
#include "engine/ruleset/rule_selection.h"
#include "fields/event_schema.h"

namespace eg::cli {
namespace {

struct AlwaysTrue : Filter {
  bool evaluate(const EventContext&) override { return true; }
};

CompiledRule rule_on(std::string name, std::vector<uint16_t> codes) {
  CompiledRule r;
  r.name = std::move(name);
  r.priority = Priority::Warning;
  r.filter = std::make_shared<AlwaysTrue>();
  r.event_codes = std::move(codes);
  return r;
}

TEST(EvaluatedCodes, CodesOfActiveRulesOnly) {
  std::vector<CompiledRule> rules = {rule_on("opens", {10, 11}), rule_on("connects", {20})};
  rules[1].enabled = false;
  Ruleset set = Ruleset::from_compiled(rules);
  EvaluatedCodes codes(set);
  EXPECT_TRUE(codes.has_rules(10));
  EXPECT_TRUE(codes.has_rules(11));
  EXPECT_FALSE(codes.has_rules(20));  // its only rule is disabled
  EXPECT_FALSE(codes.has_rules(12));
  EXPECT_EQ(codes.context_use(10), ZoneState::ContextUse::Rules);
  EXPECT_EQ(codes.context_use(20), ZoneState::ContextUse::StateOnly);
}

TEST(EvaluatedCodes, FollowsTheRuleSelection) {
  std::vector<CompiledRule> rules = {rule_on("opens", {10}), rule_on("connects", {20})};
  Ruleset set = Ruleset::from_compiled(rules);
  eg::RuleSelection without_opens;
  without_opens.disable_rules_matching("opens");
  set.select(without_opens);
  EvaluatedCodes codes(set);
  EXPECT_FALSE(codes.has_rules(10));
  EXPECT_TRUE(codes.has_rules(20));
}

TEST(EvaluatedCodes, CodesOutsideTheTableHaveNoRules) {
  Ruleset set = Ruleset::from_compiled({rule_on("opens", {10})});
  EvaluatedCodes codes(set);
  EXPECT_FALSE(codes.has_rules(static_cast<uint16_t>(all_events().size())));
  EXPECT_FALSE(codes.has_rules(UINT16_MAX));
}

}  // namespace
}  // namespace eg::cli
