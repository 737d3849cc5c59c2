// Macro results shared between rules (engine/compiler/shared_results.h): the
// rules of one load that use the same macro evaluate it once per event, and
// the verdicts are those of evaluating every rule on its own.
#include <gtest/gtest.h>

#include <map>

#include "engine/compiler/filter.h"
#include "engine/compiler/shared_results.h"
#include "engine/loader/rule_loader.h"
#include "engine/ruleset/ruleset.h"
#include "engine/sources/capture_builder.h"
#include "engine/state/zone_state.h"
#include "parser/condition/condition_parser.h"
#include "tests/unit/capture_replay.h"
#include "tests/unit/state/state_test_util.h"

namespace eg {
namespace {

constexpr const char* kRules = R"(
- macro: open_read
  condition: (evt.type = openat and evt.is_open_read = true and fd.typechar = 'f')
- macro: etc_file
  condition: fd.name startswith /etc/
- rule: read etc by cat
  desc: d
  condition: open_read and etc_file and proc.name = cat
  output: o
  priority: WARNING
- rule: read etc by anyone
  desc: d
  condition: open_read and etc_file
  output: o
  priority: WARNING
- rule: read outside etc
  desc: d
  condition: open_read and not etc_file
  output: o
  priority: WARNING
)";

struct Fixture {
  RuleLoader loader;
  Ruleset set;
  explicit Fixture(const char* rules = kRules) {
    loader.load({"shared.yaml", rules});
    EXPECT_TRUE(loader.ok());
    set = Ruleset::from_compiled(loader.rules());
  }
};

// Names of the rules matching each visible event of a capture where `cat`
// opens /etc/hostname and then /tmp/x for reading.
std::vector<std::vector<std::string>> matches_per_event(Ruleset& set) {
  CaptureBuilder b;
  b.add_thread(testing::make_thread(10, 10, 1, "cat", "/usr/bin/cat"));
  b.add("openat", 10, 1'000'000'000ull, {{"fd", 3}, {"dirfd", -100}, {"name", "/etc/hostname"}, {"flags", 1}});
  b.add("openat", 10, 1'000'000'100ull, {{"fd", 4}, {"dirfd", -100}, {"name", "/tmp/x"}, {"flags", 1}});
  std::vector<std::vector<std::string>> out;
  ZoneState zone;
  testing::replay_visible_events(b.bytes(), zone, [&](const EventContext& ctx, const CaptureEvent& ev) {
    std::vector<const RulesetRule*> got;
    set.evaluate(ctx, ev.raw.type, RuleMatching::All, got);
    std::vector<std::string> names;
    for (const auto* r : got) names.push_back(r->name);
    out.push_back(names);
  });
  return out;
}

TEST(SharedMacros, VerdictsAreThoseOfSeparateEvaluation) {
  Fixture f;
  auto got = matches_per_event(f.set);
  std::vector<std::vector<std::string>> want = {{"read etc by cat", "read etc by anyone"}, {"read outside etc"}};
  // Exit events are the ones that match; enter events (if visible) match nothing.
  std::vector<std::vector<std::string>> nonempty;
  for (auto& g : got)
    if (!g.empty()) nonempty.push_back(g);
  EXPECT_EQ(nonempty, want);
}

TEST(SharedMacros, EachMacroIsEvaluatedOncePerEvent) {
  Fixture f;
  ASSERT_FALSE(f.loader.rules().empty());
  auto table = f.loader.rules().front().shared_results;
  ASSERT_NE(table, nullptr);
  for (const auto& r : f.loader.rules()) EXPECT_EQ(r.shared_results, table) << r.name;
  // open_read and etc_file, plus the checks that are not decided by the
  // event code alone (check_key.h): evt.is_open_read, fd.typechar, fd.name
  // and proc.name.
  EXPECT_EQ(table->slot_count(), 6u);
  matches_per_event(f.set);
  // Per openat exit: open_read is computed by the first rule and read by the
  // other two; etc_file likewise.
  EXPECT_GE(table->counters().hits, 4u);
  EXPECT_GT(table->counters().misses, 0u);
}

// Later files: the loader reuses the filters of rules whose inputs did not
// change (engine/loader/compile_cache.h). A file that gives etc_file another
// body rebuilds the rules that use it; all rules of the last compile share one
// table and give the verdicts of a loader that compiles everything afresh.
constexpr const char* kLaterFile = R"(
- macro: etc_file
  condition: fd.name startswith /tmp/
- rule: cat opens
  desc: d
  condition: open_read and proc.name = cat
  output: o
  priority: WARNING
)";

std::vector<std::vector<std::string>> nonempty_matches(const RuleLoader& loader) {
  Ruleset set = Ruleset::from_compiled(loader.rules());
  std::vector<std::vector<std::string>> out;
  for (auto& g : matches_per_event(set))
    if (!g.empty()) out.push_back(g);
  return out;
}

TEST(SharedMacros, LaterFilesReuseFiltersAndShareOneTable) {
  RuleLoader reusing;
  LoaderOptions fresh_options;
  fresh_options.reuse_compile_results = false;
  RuleLoader fresh(fresh_options);
  reusing.load({"shared.yaml", kRules});
  fresh.load({"shared.yaml", kRules});
  std::map<std::string, std::shared_ptr<Filter>> first;  // kept alive: addresses stay distinct
  for (const auto& r : reusing.rules()) first[r.name] = r.filter;
  reusing.load({"later.yaml", kLaterFile});
  fresh.load({"later.yaml", kLaterFile});
  ASSERT_TRUE(reusing.ok());
  ASSERT_EQ(reusing.rules().size(), 4u);
  auto table = reusing.rules().front().shared_results;
  for (const auto& r : reusing.rules()) {
    EXPECT_EQ(r.shared_results, table) << r.name;
    // Every rule of kRules uses etc_file, whose body changed.
    if (first.count(r.name)) {
      EXPECT_NE(r.filter, first[r.name]) << r.name;
    }
  }
  std::vector<std::vector<std::string>> want = {{"read outside etc", "cat opens"},
                                                {"read etc by cat", "read etc by anyone", "cat opens"}};
  EXPECT_EQ(nonempty_matches(reusing), want);
  EXPECT_EQ(nonempty_matches(fresh), want);

  // A file that changes nothing they use keeps their filters.
  std::map<std::string, std::shared_ptr<Filter>> second;
  for (const auto& r : reusing.rules()) second[r.name] = r.filter;
  reusing.load({"unrelated.yaml", "- list: unrelated\n  items: [a]\n"});
  for (const auto& r : reusing.rules()) EXPECT_EQ(r.filter, second[r.name]) << r.name;
  EXPECT_EQ(nonempty_matches(reusing), want);
}

// Checks repeated outside macros share one result too (check_key.h).
constexpr const char* kRepeatedChecks = R"(
- rule: cat reads etc
  desc: d
  condition: evt.type = openat and proc.name = cat and fd.name startswith /etc/
  output: o
  priority: WARNING
- rule: cat opens
  desc: d
  condition: evt.type = openat and proc.name = cat
  output: o
  priority: WARNING
- rule: someone else opens etc
  desc: d
  condition: evt.type = openat and not proc.name = cat and fd.name startswith /etc/
  output: o
  priority: WARNING
)";

TEST(SharedChecks, RepeatedChecksAreEvaluatedOncePerEvent) {
  Fixture f(kRepeatedChecks);
  auto table = f.loader.rules().front().shared_results;
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->slot_count(), 2u);  // proc.name = cat, fd.name startswith /etc/
  auto got = matches_per_event(f.set);
  std::vector<std::vector<std::string>> nonempty;
  for (auto& g : got)
    if (!g.empty()) nonempty.push_back(g);
  std::vector<std::vector<std::string>> want = {{"cat reads etc", "cat opens"}, {"cat opens"}};
  EXPECT_EQ(nonempty, want);
  // Per openat exit proc.name = cat is computed once and read twice; the
  // fd.name test is reached by the first rule only (the third rule's `not`
  // fails first), so at least the proc.name reads hit.
  EXPECT_GE(table->counters().hits, 4u);
}

// Rules guarded by a shared macro (Filter::guard): once the first rule finds
// `open_write` false, the others that start with it (or have it as the first
// shared part of their `and`) are skipped; the verdicts, their order and the
// first match are those of evaluating every rule.
constexpr const char* kGuardedRules = R"(
- macro: open_write
  condition: (evt.type = openat and evt.is_open_write = true and fd.typechar = 'f')
- macro: open_read
  condition: (evt.type = openat and evt.is_open_read = true and fd.typechar = 'f')
- rule: write anything
  desc: d
  condition: open_write and proc.name = cat
  output: o
  priority: WARNING
- rule: write etc
  desc: d
  condition: open_write and fd.name startswith /etc/
  output: o
  priority: WARNING
- rule: read by cat
  desc: d
  condition: open_read and proc.name = cat
  output: o
  priority: WARNING
- rule: openat then write
  desc: d
  condition: evt.type = openat and open_write
  output: o
  priority: WARNING
- rule: not writing
  desc: d
  condition: not open_write and proc.name = cat
  output: o
  priority: WARNING
- rule: write or read
  desc: d
  condition: (open_write or open_read) and evt.type = openat and fd.name startswith /tmp
  output: o
  priority: WARNING
)";

TEST(GuardedRules, FiltersReportTheirFirstSharedPart) {
  Fixture f(kGuardedRules);
  std::map<std::string, bool> guarded;
  for (const auto& r : f.loader.rules()) guarded[r.name] = r.filter->guard().table != nullptr;
  EXPECT_TRUE(guarded["write anything"]);
  EXPECT_TRUE(guarded["openat then write"]);  // the evt.type check is not shared
  EXPECT_TRUE(guarded["not writing"]);        // proc.name = cat is a shared check
  // An `or` guarantees neither side; the fd.name check (shared too) is the guard.
  EXPECT_TRUE(guarded["write or read"]);
  auto parsed = parse_condition("(evt.is_open_write = true or fd.typechar = 'f') and evt.type = openat");
  ASSERT_TRUE(parsed.ok());
  auto unguarded = compile_filter(*parsed.expr, std::make_shared<SharedResults>());
  ASSERT_TRUE(unguarded.ok()) << unguarded.error;
  EXPECT_EQ(unguarded.filter->guard().table, nullptr);
  const auto& rules = f.loader.rules();
  EXPECT_EQ(rules[0].filter->guard().entry, rules[1].filter->guard().entry);
}

TEST(GuardedRules, SkippedRulesKeepVerdictsAndOrder) {
  Fixture f(kGuardedRules);
  auto got = matches_per_event(f.set);
  std::vector<std::vector<std::string>> nonempty;
  for (auto& g : got)
    if (!g.empty()) nonempty.push_back(g);
  // Both opens are reads by cat; the second is of /tmp/x.
  std::vector<std::vector<std::string>> want = {{"read by cat", "not writing"},
                                                {"read by cat", "not writing", "write or read"}};
  EXPECT_EQ(nonempty, want);
}

TEST(GuardedRules, FirstMatchSkipsOnlyFalseRules) {
  Fixture f(kGuardedRules);
  CaptureBuilder b;
  b.add_thread(testing::make_thread(10, 10, 1, "cat", "/usr/bin/cat"));
  b.add("openat", 10, 1'000'000'000ull, {{"fd", 3}, {"dirfd", -100}, {"name", "/tmp/x"}, {"flags", 1}});
  int exits = 0;
  ZoneState zone;
  testing::replay_visible_events(b.bytes(), zone, [&](const EventContext& ctx, const CaptureEvent& ev) {
    const RulesetRule* first = f.set.first_match(ctx, ev.raw.type);
    std::vector<const RulesetRule*> one;
    f.set.evaluate(ctx, ev.raw.type, RuleMatching::First, one);
    if (first == nullptr) {
      EXPECT_TRUE(one.empty());
      return;
    }
    ++exits;
    EXPECT_EQ(first->name, "read by cat");
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0]->name, "read by cat");
  });
  EXPECT_EQ(exits, 1);
}

TEST(SharedResultsTable, BeginEventForgetsResults) {
  SharedResults t;
  uint32_t a = t.slot_for("a");
  EXPECT_EQ(t.slot_for("a"), a);
  EXPECT_NE(t.slot_for("b"), a);
  bool v = false;
  EXPECT_FALSE(t.lookup(a, &v));
  t.store(a, true);
  ASSERT_TRUE(t.lookup(a, &v));
  EXPECT_TRUE(v);
  t.begin_event();
  EXPECT_FALSE(t.lookup(a, &v));
  t.store(a, false);
  ASSERT_TRUE(t.lookup(a, &v));
  EXPECT_FALSE(v);
}

// Filter nodes keep a slot's entry from compile time on, while later rules
// still add slots.
TEST(SharedResultsTable, EntriesStayPutWhileSlotsAreAdded) {
  SharedResults t;
  uint32_t first = t.slot_for("first");
  uint32_t* entry = t.entry(first);
  for (int i = 0; i < 10000; ++i) t.slot_for("slot" + std::to_string(i));
  EXPECT_EQ(t.entry(first), entry);
  t.write(*entry, true);
  bool v = false;
  ASSERT_TRUE(t.lookup(first, &v));
  EXPECT_TRUE(v);
  ASSERT_TRUE(t.read(*entry, &v));
  EXPECT_TRUE(v);
  t.begin_event();
  EXPECT_FALSE(t.read(*entry, &v));
}

}  // namespace
}  // namespace eg
