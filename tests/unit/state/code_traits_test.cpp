// The state driver's per-code tables against the general rules they stand
// for: the traits table (parser and memory-counter kind of every event code)
// and the thread table's remembered last hit, which must never outlive an
// erase, a clear or an eviction.
#include <gtest/gtest.h>

#include "engine/state/parsers.h"
#include "engine/state/thread_table.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

TEST(CodeTraits, EveryCodeMatchesTheGeneralRules) {
  const CodeTraits* table = code_traits_table();
  size_t with_parser = 0, with_memory = 0;
  for (const EventInfo& info : all_events()) {
    const CodeTraits& t = table[info.code];
    EXPECT_EQ(t.parser, parser_for(info.code)) << info.id;
    EXPECT_EQ(t.memory, memory_update_of(info)) << info.id;
    with_parser += t.parser != nullptr;
    with_memory += t.memory != MemoryUpdate::None;
  }
  EXPECT_GT(with_parser, 50u);
  EXPECT_GT(with_memory, 4u);
}

TEST(CodeTraits, MemoryKinds) {
  auto kind = [](const char* name, char dir) {
    return memory_update_of(*event_info(*current_event_code(name, dir)));
  };
  EXPECT_EQ(kind("brk", '<'), MemoryUpdate::VmExit);
  EXPECT_EQ(kind("munmap", '<'), MemoryUpdate::VmExit);
  EXPECT_EQ(kind("brk", '>'), MemoryUpdate::None);
  EXPECT_EQ(kind("switch", '>'), MemoryUpdate::Switch);
  EXPECT_EQ(kind("open", '<'), MemoryUpdate::None);
}

ThreadInfo thread(int64_t tid, uint64_t ts = 0) {
  ThreadInfo t;
  t.tid = tid;
  t.pid = tid;
  t.last_event_ts = ts;
  return t;
}

TEST(ThreadTableLastHit, ForgottenOnEraseClearAndEviction) {
  ThreadTable table(2);
  table.add(thread(1, 10));
  ASSERT_NE(table.find(1), nullptr);
  EXPECT_EQ(table.find(1), table.find(1));
  table.erase(1);
  EXPECT_EQ(table.find(1), nullptr);

  table.add(thread(2, 20));
  ASSERT_NE(table.find(2), nullptr);
  table.clear();
  EXPECT_EQ(table.find(2), nullptr);

  table.add(thread(3, 1));
  table.add(thread(4, 50));
  ASSERT_NE(table.find(3), nullptr);  // remembered, then evicted as the oldest
  table.add(thread(5, 60));
  EXPECT_EQ(table.find(3), nullptr);
  EXPECT_NE(table.find(4), nullptr);
  EXPECT_NE(table.find(5), nullptr);
}

TEST(ThreadTableLastHit, ReplacingKeepsTheSameThreadAndACopyHasItsOwn) {
  ThreadTable table;
  ThreadInfo* t = table.add(thread(7));
  ASSERT_EQ(table.find(7), t);
  ThreadInfo replaced = thread(7);
  replaced.comm = "new";
  table.add(replaced);
  ASSERT_EQ(table.find(7), t);
  EXPECT_EQ(table.find(7)->comm, "new");
  ThreadTable copy = table;
  ASSERT_NE(copy.find(7), nullptr);
  EXPECT_NE(copy.find(7), t);
  EXPECT_EQ(table.find(7), t);
  EXPECT_EQ(table.find(8), nullptr);
  EXPECT_EQ(table.find(7), t);
}

}  // namespace
}  // namespace eg
