// Ruleset: activation (enabled, selection steps, tags, priority, source), the
// event-type index, and first/all matching in rule order.
#include "engine/ruleset/ruleset.h"

#include <gtest/gtest.h>

namespace eg {
namespace {

// A filter with a fixed answer that counts its evaluations.
class FixedFilter : public Filter {
 public:
  explicit FixedFilter(bool answer, int* counter) : answer_(answer), counter_(counter) {}
  bool evaluate(const EventContext&) override {
    ++*counter_;
    return answer_;
  }

 private:
  bool answer_;
  int* counter_;
};

const EventContext& no_context() {
  alignas(64) static unsigned char storage[64];
  return *reinterpret_cast<const EventContext*>(storage);
}

struct RuleSpec {
  std::string name;
  bool matches;
  EventCodeSet codes;
  Priority priority = Priority::Warning;
  std::set<std::string> tags = {};
  bool enabled = true;
  std::string source = "syscall";
};

class RulesetTest : public ::testing::Test {
 protected:
  Ruleset make(const std::vector<RuleSpec>& specs) {
    Ruleset set;
    counters_.assign(specs.size(), 0);
    for (size_t i = 0; i < specs.size(); ++i) {
      RulesetRule r;
      r.name = specs[i].name;
      r.priority = specs[i].priority;
      r.tags = specs[i].tags;
      r.enabled = specs[i].enabled;
      r.source = specs[i].source;
      r.event_codes = specs[i].codes;
      r.filter = std::make_shared<FixedFilter>(specs[i].matches, &counters_[i]);
      r.load_index = i;
      set.add(std::move(r));
    }
    return set;
  }

  static std::vector<std::string> names(const std::vector<const RulesetRule*>& rules) {
    std::vector<std::string> out;
    for (auto* r : rules) out.push_back(r->name);
    return out;
  }

  std::vector<int> counters_;
};

using Names = std::vector<std::string>;

TEST_F(RulesetTest, OnlyRulesIndexedForTheCodeAreEvaluated) {
  auto set = make({{"open rule", true, {2, 3, 402}}, {"exec rule", true, {6, 7, 402}}});
  std::vector<const RulesetRule*> out;
  EXPECT_EQ(set.evaluate(no_context(), 6, RuleMatching::All, out), 1u);
  EXPECT_EQ(names(out), (Names{"exec rule"}));
  EXPECT_EQ(counters_, (std::vector<int>{0, 1}));
  out.clear();
  EXPECT_EQ(set.evaluate(no_context(), 100, RuleMatching::All, out), 0u);
  EXPECT_EQ(set.evaluate(no_context(), 60000, RuleMatching::All, out), 0u);
  EXPECT_EQ(counters_, (std::vector<int>{0, 1}));
}

TEST_F(RulesetTest, FirstStopsAtTheFirstMatchInRuleOrder) {
  auto set = make({{"a", false, {2}}, {"b", true, {2}}, {"c", true, {2}}});
  std::vector<const RulesetRule*> out;
  EXPECT_EQ(set.evaluate(no_context(), 2, RuleMatching::First, out), 1u);
  EXPECT_EQ(names(out), (Names{"b"}));
  EXPECT_EQ(counters_, (std::vector<int>{1, 1, 0}));
  const RulesetRule* first = set.first_match(no_context(), 2);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->name, "b");
}

TEST_F(RulesetTest, AllReturnsEveryMatchInRuleOrder) {
  auto set = make({{"a", true, {2}}, {"b", false, {2}}, {"c", true, {2, 3}}});
  std::vector<const RulesetRule*> out;
  EXPECT_EQ(set.evaluate(no_context(), 2, RuleMatching::All, out), 2u);
  EXPECT_EQ(names(out), (Names{"a", "c"}));
}

TEST_F(RulesetTest, DisabledRulesAndOtherSourcesAreInactive) {
  auto set = make({{"off", true, {2}, Priority::Warning, {}, false},
                   {"k8s", true, {2}, Priority::Warning, {}, true, "k8s_audit"},
                   {"on", true, {2}}});
  std::vector<const RulesetRule*> out;
  set.evaluate(no_context(), 2, RuleMatching::All, out);
  EXPECT_EQ(names(out), (Names{"on"}));
  EXPECT_EQ(set.active_count(), 1u);
}

TEST_F(RulesetTest, MinimumPriorityDeactivatesLessSevereRules) {
  auto set = make({{"crit", true, {2}, Priority::Critical},
                   {"warn", true, {2}, Priority::Warning},
                   {"notice", true, {2}, Priority::Notice},
                   {"debug", true, {2}, Priority::Debug}});
  RuleSelection sel;
  sel.minimum_priority = Priority::Warning;
  sel.steps.push_back({true, std::string("*"), std::nullopt});  // cannot re-enable them
  set.select(sel);
  std::vector<const RulesetRule*> out;
  set.evaluate(no_context(), 2, RuleMatching::All, out);
  EXPECT_EQ(names(out), (Names{"crit", "warn"}));
}

TEST_F(RulesetTest, SelectionStepsApplyInOrder) {
  auto set = make({{"Read sensitive file", true, {2}, Priority::Warning, {"filesystem"}},
                   {"Outbound connection", true, {2}, Priority::Warning, {"network"}},
                   {"Shell in container", true, {2}, Priority::Warning, {"shell"}, false}});
  RuleSelection sel;
  sel.steps.push_back({false, std::string("*"), std::nullopt});
  sel.steps.push_back({true, std::nullopt, std::string("network")});
  sel.steps.push_back({true, std::string("Shell*"), std::nullopt});
  set.select(sel);
  std::vector<const RulesetRule*> out;
  set.evaluate(no_context(), 2, RuleMatching::All, out);
  EXPECT_EQ(names(out), (Names{"Outbound connection", "Shell in container"}));
}

TEST_F(RulesetTest, LegacyTagFlags) {
  auto specs = std::vector<RuleSpec>{{"a", true, {2}, Priority::Warning, {"x", "y"}},
                                     {"b", true, {2}, Priority::Warning, {"y"}},
                                     {"c", true, {2}, Priority::Warning, {}}};
  {
    auto set = make(specs);
    RuleSelection sel;
    sel.disable_tag("x");  // -T x
    set.select(sel);
    std::vector<const RulesetRule*> out;
    set.evaluate(no_context(), 2, RuleMatching::All, out);
    EXPECT_EQ(names(out), (Names{"b", "c"}));
  }
  {
    auto set = make(specs);
    RuleSelection sel;
    sel.only_tags({"y"});  // -t y
    set.select(sel);
    std::vector<const RulesetRule*> out;
    set.evaluate(no_context(), 2, RuleMatching::All, out);
    EXPECT_EQ(names(out), (Names{"a", "b"}));
  }
  {
    auto set = make(specs);
    RuleSelection sel;
    sel.disable_rules_matching("b");  // -D b (substring)
    set.select(sel);
    EXPECT_FALSE(set.is_active(1));
    EXPECT_TRUE(set.is_active(0));
  }
}

TEST_F(RulesetTest, SetActiveOverridesSelection) {
  auto set = make({{"a", true, {2}}, {"b", true, {2}}});
  set.set_active({false, true});
  std::vector<const RulesetRule*> out;
  set.evaluate(no_context(), 2, RuleMatching::All, out);
  EXPECT_EQ(names(out), (Names{"b"}));
}

TEST_F(RulesetTest, BucketsKeepRuleOrder) {
  auto set = make({{"a", true, {5, 9}}, {"b", true, {9}}, {"c", true, {5}}});
  auto b9 = set.bucket(9);
  EXPECT_EQ(std::vector<uint32_t>(b9.begin(), b9.end()), (std::vector<uint32_t>{0, 1}));
  auto b5 = set.bucket(5);
  EXPECT_EQ(std::vector<uint32_t>(b5.begin(), b5.end()), (std::vector<uint32_t>{0, 2}));
}

TEST(RuleNameWildcard, FalcoSemantics) {
  EXPECT_TRUE(rule_name_matches("*", ""));
  EXPECT_TRUE(rule_name_matches("*", "anything"));
  EXPECT_TRUE(rule_name_matches("Read sensitive file*", "Read sensitive file untrusted"));
  EXPECT_TRUE(rule_name_matches("exact", "exact"));
  EXPECT_FALSE(rule_name_matches("exact", "exactly"));
  EXPECT_TRUE(rule_name_matches("*b", "ab"));
  EXPECT_FALSE(rule_name_matches("*b", "abcb"));  // first occurrence, no backtracking
  EXPECT_TRUE(rule_name_matches("a*c*e", "abcde"));
  EXPECT_FALSE(rule_name_matches("a*c", "abd"));
  EXPECT_TRUE(rule_name_matches("**", "x"));
  EXPECT_FALSE(rule_name_matches("Shell*", "A Shell"));
}

}  // namespace
}  // namespace eg
