// The per-zone inbox (engine/sources/edera/zone_inbox.h): bounded for
// events, never dropping control items, order kept, drops counted, the
// worker woken when the inbox goes from empty to non-empty.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "engine/sources/edera/backoff.h"
#include "engine/sources/edera/zone_inbox.h"

namespace eg::edera {
namespace {

std::vector<uint8_t> record(uint8_t fill, size_t n = 30) { return std::vector<uint8_t>(n, fill); }

TEST(ZoneInbox, KeepsItemsInOrderAndHandsThemOverAtOnce) {
  ZoneInbox inbox("z", "n", 10, 1 << 20);
  auto a = record(1), b = record(2);
  ASSERT_TRUE(inbox.push_event(a, 3, true));
  inbox.push_snapshot(nullptr);
  ASSERT_TRUE(inbox.push_event(b, 4, false));
  inbox.push_purge();
  ZoneInbox::Batch batch;
  ASSERT_TRUE(inbox.take(batch));
  ASSERT_EQ(batch.items.size(), 4u);
  EXPECT_EQ(batch.items[0].kind, ZoneInbox::Kind::Event);
  EXPECT_EQ(batch.items[0].cpu, 3);
  EXPECT_EQ(batch.bytes[batch.items[0].offset], 1);
  EXPECT_EQ(batch.items[1].kind, ZoneInbox::Kind::Snapshot);
  EXPECT_EQ(batch.items[2].kind, ZoneInbox::Kind::Event);
  EXPECT_FALSE(batch.items[2].visible);
  EXPECT_EQ(batch.bytes[batch.items[2].offset], 2);
  EXPECT_EQ(batch.items[3].kind, ZoneInbox::Kind::Purge);
  EXPECT_FALSE(inbox.take(batch));
  EXPECT_TRUE(batch.items.empty());
}

TEST(ZoneInbox, FullInboxDropsEventsButNeverControlItems) {
  ZoneInbox inbox("z", "n", 2, 1 << 20);
  auto r = record(7);
  EXPECT_TRUE(inbox.push_event(r, 0, true));
  EXPECT_TRUE(inbox.push_event(r, 0, true));
  EXPECT_FALSE(inbox.push_event(r, 0, true));
  inbox.push_snapshot(nullptr);
  inbox.push_purge();
  ZoneInboxStats s = inbox.stats();
  EXPECT_EQ(s.events, 2u);
  EXPECT_EQ(s.dropped, 1u);
  EXPECT_EQ(s.snapshots, 1u);
  ZoneInbox::Batch batch;
  ASSERT_TRUE(inbox.take(batch));
  EXPECT_EQ(batch.items.size(), 4u);
  EXPECT_TRUE(inbox.push_event(r, 0, true));  // room again after the worker took the batch
}

TEST(ZoneInbox, ByteBudgetBoundsMemory) {
  ZoneInbox inbox("z", "n", 1000, 100);
  auto big = record(1, 60);
  EXPECT_TRUE(inbox.push_event(big, 0, true));
  EXPECT_FALSE(inbox.push_event(big, 0, true));
  EXPECT_EQ(inbox.stats().dropped, 1u);
}

TEST(ZoneInbox, MalformedCountIsReported) {
  ZoneInbox inbox("z", "n", 10, 1000);
  inbox.count_malformed();
  inbox.count_malformed();
  EXPECT_EQ(inbox.stats().malformed, 2u);
}

TEST(ZoneInbox, WakesItsWorkerAndReportsClosing) {
  ZoneInbox inbox("z", "n", 10, 1000);
  WakeSignal wake;
  inbox.set_wake(&wake);
  auto r = record(1);
  auto start = std::chrono::steady_clock::now();
  wake.announce_deep_sleep();  // an idle worker: the first item wakes it
  inbox.push_event(r, 0, true);
  wake.wait(std::chrono::seconds(30), true);  // returns at once: the push notified
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_FALSE(inbox.closed());
  inbox.close();
  EXPECT_TRUE(inbox.closed());
  EXPECT_FALSE(inbox.empty());
}

TEST(Backoff, DoublesUpToTheCapAndResets) {
  Backoff b(std::chrono::milliseconds(100), std::chrono::milliseconds(350));
  EXPECT_EQ(b.next().count(), 100);
  EXPECT_EQ(b.next().count(), 200);
  EXPECT_EQ(b.next().count(), 350);
  EXPECT_EQ(b.next().count(), 350);
  b.reset();
  EXPECT_EQ(b.next().count(), 100);
}

}  // namespace
}  // namespace eg::edera
