// Zone discovery through the real binary (spec edera-control §5.3, scenarios
// 1-5): zones found by polling and by watch events, zones that must be
// skipped, CREATING -> READY, ListZones split with duplicates (the later copy
// wins), ListZones failing, and at most one live call per zone.
#include "edera_zone_harness.h"

namespace eg::itest {
namespace {

using fake::MonitorStep;

fake::MonitorScript snap_only(const std::string& zone) {
  return {MonitorStep::send(fake::small_tree_snapshot_reply(zone))};
}

TEST_F(ZoneTest, ZoneAddedLaterIsFoundByPollingWithoutWatchEvents) {
  start_guard();
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->list_zones_calls() >= 2; }, 20s));
  daemon_->set_script(kZoneA, snap_only(kZoneA));
  daemon_->put_zone(fake::ready_zone(kZoneA, 7), /*notify=*/false);
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  ASSERT_TRUE(wait_for_stderr("Edera: zone " + kZoneA + ": snapshot (4 threads, 5 fds)"));
  stop_guard();
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 1u);
}

TEST_F(ZoneTest, ZoneAddedLaterIsFoundPromptlyWithAWatchEvent) {
  // Polling is off in practice (1 minute), so only the watch event can find it.
  start_guard({"-o", "edera.discovery_interval_ms=60000"});
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->watch_subscribers() >= 1; }, 20s));
  daemon_->set_script(kZoneA, snap_only(kZoneA));
  daemon_->put_zone(fake::ready_zone(kZoneA, 7), /*notify=*/true);
  ASSERT_TRUE(wait_for_calls(kZoneA, 1, 20s));
  stop_guard();
}

TEST_F(ZoneTest, SkippedZonesAreNeverMonitoredAndCreatingBecomesReadyOnce) {
  std::vector<pb::Zone> zones;
  for (const auto& s : fake::skipped_zones()) zones.push_back(s.zone);
  zones.push_back(fake::zone_in_state(kZoneC, pb::ZONE_STATE_CREATING, 21));
  zones.push_back(fake::ready_zone(kZoneA, 7));
  daemon_->set_zones(zones);
  daemon_->set_script(kZoneA, snap_only(kZoneA));
  daemon_->set_script(kZoneC, snap_only(kZoneC));
  start_guard();
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  size_t lists = daemon_->list_zones_calls();
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->list_zones_calls() >= lists + 3; }, 20s));
  daemon_->put_zone(fake::ready_zone(kZoneC, 21), true);
  ASSERT_TRUE(wait_for_calls(kZoneC, 1));
  lists = daemon_->list_zones_calls();
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->list_zones_calls() >= lists + 3; }, 20s));
  stop_guard();
  for (const auto& c : daemon_->monitor_calls()) {
    EXPECT_TRUE(c.zone_id == kZoneA || c.zone_id == kZoneC) << "monitored a skipped zone: " << c.zone_id;
  }
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 1u);
  EXPECT_EQ(daemon_->monitor_calls(kZoneC).size(), 1u);
}

TEST_F(ZoneTest, UppercaseZoneIdIsMonitoredUnderItsLowercaseForm) {
  std::string upper = kZoneA;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  daemon_->set_zones({fake::ready_zone(upper, 7, "upper")});
  daemon_->set_script(kZoneA, {MonitorStep::send(fake::small_tree_snapshot_reply(kZoneA)),
                               MonitorStep::send(fake::openat_reply(kZoneA, 1'700'000'100'000'000'000ull, 100, 5, "/etc/upper"))});
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/upper"));
  stop_guard();
  auto calls = daemon_->monitor_calls(kZoneA);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].requests[0].zone_id, kZoneA);
  EXPECT_EQ(field(alerts_where("fd.name", "/etc/upper").at(0), "edera.zone.id"), kZoneA);
}

TEST_F(ZoneTest, SplitListingWithDuplicatesLaterCopyWins) {
  pb::ListZonesReply r1, r2, r3;
  *r1.add_zones() = fake::zone_in_state(kZoneA, pb::ZONE_STATE_CREATING, 7);
  *r1.add_zones() = fake::ready_zone(kZoneB, 8);
  *r2.add_zones() = fake::ready_zone(kZoneA, 7);
  *r3.add_zones() = fake::zone_in_state(kZoneB, pb::ZONE_STATE_CREATING, 8);
  daemon_->set_zones({fake::ready_zone(kZoneA, 7), fake::zone_in_state(kZoneB, pb::ZONE_STATE_CREATING, 8)});
  daemon_->set_list_replies(std::vector<pb::ListZonesReply>{r1, r2, r3});
  daemon_->set_script(kZoneA, snap_only(kZoneA));
  daemon_->set_script(kZoneB, snap_only(kZoneB));
  start_guard();
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  size_t lists = daemon_->list_zones_calls();
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->list_zones_calls() >= lists + 3; }, 20s));
  stop_guard();
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 1u);
  EXPECT_TRUE(daemon_->monitor_calls(kZoneB).empty()) << "the later (CREATING) copy of B wins";
}

TEST_F(ZoneTest, ListZonesFailingIsRetried) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  daemon_->set_script(kZoneA, snap_only(kZoneA));
  daemon_->fail_list_zones(grpc::Status(grpc::StatusCode::UNAVAILABLE, "daemon busy"), 2);
  start_guard();
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  stop_guard();
  EXPECT_GE(daemon_->list_zones_calls(), 3u);
}

TEST_F(ZoneTest, ZeroReplyListingMonitorsNothing) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  daemon_->set_list_split(0);
  start_guard();
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->list_zones_calls() >= 3; }, 20s));
  EXPECT_TRUE(daemon_->monitor_calls().empty());
  daemon_->set_list_split(1);
  daemon_->set_script(kZoneA, snap_only(kZoneA));
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  stop_guard();
}

TEST_F(ZoneTest, RepeatedZoneChangedEventsKeepOneLiveCallPerZone) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  daemon_->set_script(kZoneA, snap_only(kZoneA));
  start_guard();
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  for (int i = 0; i < 10; ++i) daemon_->emit_zone_changed(fake::ready_zone(kZoneA, 7));
  daemon_->emit_workload_changed("w-1");
  daemon_->emit_empty_watch_reply();
  size_t lists = daemon_->list_zones_calls();
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->list_zones_calls() >= lists + 3; }, 20s));
  EXPECT_EQ(daemon_->live_monitor_calls(kZoneA), 1u);
  stop_guard();
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 1u);
  EXPECT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->watch_subscribers() == 0; }, 10s))
      << "watch streams are closed at exit";
}

}  // namespace
}  // namespace eg::itest
