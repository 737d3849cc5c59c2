// Macro results shared between rules (engine/compiler/shared_results.h): the
// rules of one load that use the same macro evaluate it once per event, and
// the verdicts are those of evaluating every rule on its own.
#include <gtest/gtest.h>

#include "engine/cli/capture_seeding.h"
#include "engine/compiler/shared_results.h"
#include "engine/loader/rule_loader.h"
#include "engine/ruleset/ruleset.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

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
  ThreadSnapshot t;
  t.tid = t.pid = 10;
  t.ptid = 1;
  t.comm = t.exe = "cat";
  b.add_thread(t);
  b.add("openat", 10, 1'000'000'000ull, {{"fd", 3}, {"dirfd", -100}, {"name", "/etc/hostname"}, {"flags", 1}});
  b.add("openat", 10, 1'000'000'100ull, {{"fd", 4}, {"dirfd", -100}, {"name", "/tmp/x"}, {"flags", 1}});
  std::string error;
  const std::vector<uint8_t> bytes = b.bytes();  // must outlive the reader
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  EXPECT_TRUE(reader) << error;
  std::vector<std::vector<std::string>> out;
  if (!reader) return out;
  ZoneState zone;
  cli::seed_zone_from_capture(zone, reader->section());
  CaptureEvent ev;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (!ev.visible) continue;
    std::vector<const RulesetRule*> got;
    set.evaluate(ctx, ev.raw.type, RuleMatching::All, got);
    std::vector<std::string> names;
    for (const auto* r : got) names.push_back(r->name);
    out.push_back(names);
  }
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
