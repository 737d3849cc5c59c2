// Zone lifecycle and failures through the real binary (spec edera-control
// §5.3, scenarios 20-28): zone exit (stop + half-close, state purged), exit
// states, CPU hotplug resubscribe with another zone unaffected, a daemon that
// ignores stop, rejected calls, streams breaking mid-way, watch streams
// ending, a daemon restart, and a socket that appears late.
#include "edera_zone_harness.h"

namespace eg::itest {
namespace {

using fake::MonitorStep;
using fake::RecordedRequest;

fake::MonitorScript snap_then(const std::string& zone, fake::MonitorScript events) {
  fake::MonitorScript s{MonitorStep::send(fake::small_tree_snapshot_reply(zone))};
  for (auto& e : events) s.push_back(std::move(e));
  return s;
}

// The call ended the polite way: [update, stop], half-closed, same zone id.
void expect_stopped_politely(const fake::MonitorCallRecord& c, const std::string& zone) {
  ASSERT_EQ(c.requests.size(), 2u);
  EXPECT_EQ(c.requests[0].kind, RecordedRequest::Kind::Update);
  EXPECT_EQ(c.requests[1].kind, RecordedRequest::Kind::Stop);
  for (const auto& r : c.requests) EXPECT_EQ(r.zone_id, zone);
  EXPECT_TRUE(c.half_closed);
}

class ZoneExit : public ZoneTest, public ::testing::WithParamInterface<std::string> {};

pb::Zone exit_variant(const std::string& how) {
  if (how == "exit_status") return fake::exited_zone(kZoneA, 7, 0, "web");
  if (how == "DESTROYING") return fake::zone_in_state(kZoneA, pb::ZONE_STATE_DESTROYING, 7, "web");
  if (how == "DESTROYED") return fake::zone_in_state(kZoneA, pb::ZONE_STATE_DESTROYED, 7, "web");
  if (how == "FAILED") return fake::zone_in_state(kZoneA, pb::ZONE_STATE_FAILED, 7, "web");
  return fake::zone_in_state(kZoneA, static_cast<pb::ZoneState>(4), 7, "web");  // legacy EXITED
}

TEST_P(ZoneExit, StopsTheStreamAndPurgesTheState) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "web"), fake::ready_zone(kZoneB, 8, "other")});
  // Second call of A (after it comes back): events but no snapshot.
  daemon_->set_call_scripts(kZoneA, {snap_then(kZoneA, opens(kZoneA, 100, {"before-exit"})),
                                     opens(kZoneA, 100, {"after-return"}, 1'700'000'050'000'000'000ull)});
  daemon_->set_script(kZoneB, snap_then(kZoneB, {}));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/before-exit"));
  ASSERT_TRUE(wait_for_calls(kZoneB, 1));
  daemon_->put_zone(exit_variant(GetParam()), true);
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->live_monitor_calls(kZoneA) == 0; }, 20s));
  ASSERT_TRUE(wait_for_stderr("Edera: zone " + kZoneA + ": exited, state purged"));
  expect_stopped_politely(daemon_->monitor_calls(kZoneA)[0], kZoneA);
  EXPECT_EQ(daemon_->live_monitor_calls(kZoneB), 1u) << "zone B must be unaffected";

  // The zone is listed in its exit state for a while, then returns READY:
  // a fresh call whose events find no state.
  size_t lists = daemon_->list_zones_calls();
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->list_zones_calls() >= lists + 2; }, 20s));
  daemon_->put_zone(fake::ready_zone(kZoneA, 9, "web"), true);
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/after-return"))
      << daemon_->monitor_calls(kZoneA).size() << " call(s) of the zone; alerts: " << alerts().size();
  stop_guard();
  auto before = alerts_where("fd.name", "/etc/before-exit");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(field(before[0], "proc.name"), "sh");
  auto after = alerts_where("fd.name", "/etc/after-return");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(field(after[0], "proc.name"), "sh") << "the state of the exited zone must be purged";
  EXPECT_EQ(field(after[0], "edera.zone.id"), kZoneA);
}

INSTANTIATE_TEST_SUITE_P(Ways, ZoneExit,
                         ::testing::Values("exit_status", "DESTROYING", "DESTROYED", "FAILED", "legacy4"));

TEST_F(ZoneTest, ZoneLeavingTheListIsStoppedAndPurged) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  daemon_->set_script(kZoneA, snap_then(kZoneA, opens(kZoneA, 100, {"listed"})));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/listed"));
  daemon_->remove_zone(kZoneA);
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->live_monitor_calls(kZoneA) == 0; }, 20s));
  // Logged as an exit or as "no longer running"; either way the state goes.
  ASSERT_TRUE(wait_for_stderr("state purged"));
  EXPECT_NE(guard_->err().find("Edera: zone " + kZoneA + ": "), std::string::npos);
  stop_guard();
  expect_stopped_politely(daemon_->monitor_calls(kZoneA)[0], kZoneA);
}

TEST_F(ZoneTest, CpuHotplugResubscribesOnlyThatZone) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "a"), fake::ready_zone(kZoneB, 8, "b")});
  auto snap2 = fake::small_tree_snapshot(kZoneA);
  (*snap2.mutable_thread_info())[100].set_comm("dash");
  fake::MonitorScript first = snap_then(kZoneA, opens(kZoneA, 100, {"pre-hotplug"}));
  first.push_back(MonitorStep::send(fake::cpu_hotplug_reply(kZoneA, 1'700'000'060'000'000'000ull, 1)));
  first.push_back(MonitorStep::send(fake::cpu_hotplug_reply(kZoneA, 1'700'000'060'000'000'001ull, 2)));
  fake::MonitorScript second{MonitorStep::send(edera_snapshot_reply(snap2))};
  for (auto& e : opens(kZoneA, 100, {"post-hotplug"}, 1'700'000'061'000'000'000ull)) second.push_back(std::move(e));
  daemon_->set_call_scripts(kZoneA, {first, second});
  daemon_->set_script(kZoneB, snap_then(kZoneB, {}));
  start_guard();
  ASSERT_TRUE(wait_for_calls(kZoneA, 2));
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/post-hotplug"));
  ASSERT_TRUE(wait_for_calls(kZoneB, 1));
  // Zone B keeps flowing on its first call.
  ASSERT_TRUE(daemon_->push(kZoneB, opens(kZoneB, 100, {"b-during"})));
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/b-during"));
  std::string err = stop_guard();
  auto a_calls = daemon_->monitor_calls(kZoneA);
  ASSERT_EQ(a_calls.size(), 2u) << "two back-to-back hotplug events resubscribe once";
  expect_stopped_politely(a_calls[0], kZoneA);
  EXPECT_EQ(a_calls[1].requests[0].kind, RecordedRequest::Kind::Update);
  EXPECT_LE(a_calls[0].half_closed_at, a_calls[1].started);
  EXPECT_EQ(daemon_->monitor_calls(kZoneB).size(), 1u);
  EXPECT_NE(err.find("Edera: zone " + kZoneA + ": CPU hotplug, resubscribing"), std::string::npos) << err;
  auto pre = alerts_where("fd.name", "/etc/pre-hotplug");
  ASSERT_EQ(pre.size(), 1u);
  EXPECT_EQ(field(pre[0], "proc.name"), "sh");
  auto post = alerts_where("fd.name", "/etc/post-hotplug");
  ASSERT_EQ(post.size(), 1u);
  EXPECT_EQ(field(post[0], "proc.name"), "dash") << "the new snapshot replaces the state";
  auto b = alerts_where("fd.name", "/etc/b-during");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(field(b[0], "proc.name"), "sh");
}

TEST_F(ZoneTest, DaemonIgnoringStopIsCancelledAfterTheTimeout) {
  daemon_->set_stop_behaviour(fake::StopBehaviour::Ignore);
  daemon_->set_zones({fake::ready_zone(kZoneA, 7), fake::ready_zone(kZoneB, 8)});
  daemon_->set_script(kZoneA, snap_then(kZoneA, opens(kZoneA, 100, {"ignore-a"})));
  daemon_->set_script(kZoneB, snap_then(kZoneB, {}));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/ignore-a"));
  ASSERT_TRUE(wait_for_calls(kZoneB, 1));
  daemon_->put_zone(fake::exited_zone(kZoneA, 7), true);
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] {
    auto c = daemon_->monitor_calls(kZoneA);
    return !c.empty() && c[0].done;
  }, 20s)) << "the client must cancel a call whose daemon ignores stop";
  auto c = daemon_->monitor_calls(kZoneA)[0];
  EXPECT_TRUE(c.cancelled);
  ASSERT_TRUE(daemon_->push(kZoneB, opens(kZoneB, 100, {"ignore-b"})));
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/ignore-b"));
  stop_guard();
}

TEST_F(ZoneTest, RejectedCallIsRetriedWhileTheZoneIsReady) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  daemon_->reject_calls(kZoneA, grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "zone not ready"), 2);
  daemon_->set_script(kZoneA, snap_then(kZoneA, opens(kZoneA, 100, {"after-reject"})));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/after-reject"));
  std::string err = stop_guard();
  auto calls = daemon_->monitor_calls(kZoneA);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].finish_code, grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(err.find("Edera: zone " + kZoneA + ": stream ended ("), std::string::npos) << err;
  EXPECT_NE(err.find("reconnecting in "), std::string::npos) << err;
}

class StreamBreak : public ZoneTest, public ::testing::WithParamInterface<grpc::StatusCode> {};

TEST_P(StreamBreak, ReconnectsAndTheNewSnapshotResetsTheState) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  auto snap2 = fake::small_tree_snapshot(kZoneA);
  (*snap2.mutable_thread_info())[100].set_comm("zsh");
  fake::MonitorScript first = snap_then(kZoneA, opens(kZoneA, 100, {"pre-break"}));
  first.push_back(MonitorStep::end(grpc::Status(GetParam(), GetParam() == grpc::StatusCode::OK ? "" : "link lost")));
  fake::MonitorScript second{MonitorStep::send(edera_snapshot_reply(snap2))};
  for (auto& e : opens(kZoneA, 100, {"post-break"}, 1'700'000'070'000'000'000ull)) second.push_back(std::move(e));
  daemon_->set_call_scripts(kZoneA, {first, second});
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/post-break"));
  std::string err = stop_guard();
  ASSERT_EQ(daemon_->monitor_calls(kZoneA).size(), 2u);
  EXPECT_EQ(field(alerts_where("fd.name", "/etc/pre-break").at(0), "proc.name"), "sh");
  EXPECT_EQ(field(alerts_where("fd.name", "/etc/post-break").at(0), "proc.name"), "zsh");
  EXPECT_NE(err.find("Edera: zone " + kZoneA + ": stream ended ("), std::string::npos) << err;
}

INSTANTIATE_TEST_SUITE_P(Statuses, StreamBreak,
                         ::testing::Values(grpc::StatusCode::OK, grpc::StatusCode::UNAVAILABLE,
                                           grpc::StatusCode::INTERNAL));

TEST_F(ZoneTest, WatchStreamEndingIsResubscribedWithoutABusyLoop) {
  daemon_->set_zones({});
  start_guard({"-o", "edera.discovery_interval_ms=60000"});
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->watch_subscribers() >= 1; }, 20s));
  size_t calls_before = daemon_->watch_calls();
  daemon_->end_watch_streams(grpc::Status::OK);
  ASSERT_TRUE(fake::FakeDaemon::wait_until(
      [&] { return daemon_->watch_calls() > calls_before && daemon_->watch_subscribers() >= 1; }, 20s));
  daemon_->end_watch_streams(grpc::Status(grpc::StatusCode::INTERNAL, "watch broke"));
  ASSERT_TRUE(fake::FakeDaemon::wait_until(
      [&] { return daemon_->watch_calls() > calls_before + 1 && daemon_->watch_subscribers() >= 1; }, 20s));
  // The re-subscribed watch still drives discovery.
  daemon_->set_script(kZoneA, snap_then(kZoneA, opens(kZoneA, 100, {"via-new-watch"})));
  daemon_->put_zone(fake::ready_zone(kZoneA, 7), true);
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/via-new-watch"));
  stop_guard();
  EXPECT_LT(daemon_->watch_calls(), calls_before + 20) << "re-subscribing must not spin";
}

TEST_F(ZoneTest, DaemonRestartRecoversEveryZone) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7), fake::ready_zone(kZoneB, 8)});
  auto snapA2 = fake::small_tree_snapshot(kZoneA);
  (*snapA2.mutable_thread_info())[100].set_comm("ksh");
  fake::MonitorScript a2{MonitorStep::send(edera_snapshot_reply(snapA2))};
  for (auto& e : opens(kZoneA, 100, {"a-after-restart"}, 1'700'000'080'000'000'000ull)) a2.push_back(std::move(e));
  daemon_->set_call_scripts(kZoneA, {snap_then(kZoneA, opens(kZoneA, 100, {"a-before-restart"})), a2});
  daemon_->set_call_scripts(kZoneB, {snap_then(kZoneB, {}),
                                     snap_then(kZoneB, opens(kZoneB, 100, {"b-after-restart"}, 1'700'000'081'000'000'000ull))});
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/a-before-restart"));
  ASSERT_TRUE(wait_for_calls(kZoneB, 1));
  daemon_->shutdown();
  std::this_thread::sleep_for(500ms);  // the daemon is away for a while (not a timing assertion)
  ASSERT_TRUE(daemon_->start());
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/a-after-restart", 30s));
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/b-after-restart", 30s));
  EXPECT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->watch_subscribers() >= 1; }, 20s))
      << "the watch stream must be re-opened on the new daemon";
  stop_guard();
  EXPECT_EQ(field(alerts_where("fd.name", "/etc/a-after-restart").at(0), "proc.name"), "ksh");
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 2u);
  EXPECT_EQ(daemon_->monitor_calls(kZoneB).size(), 2u);
}

TEST_F(ZoneTest, SocketAbsentAtStartIsRetried) {
  daemon_->shutdown();
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  daemon_->set_script(kZoneA, snap_then(kZoneA, opens(kZoneA, 100, {"late-socket"})));
  start_guard();
  ASSERT_TRUE(wait_for_stderr("Edera: daemon unreachable ("));
  ASSERT_TRUE(guard_->running()) << guard_->err();
  ASSERT_TRUE(daemon_->start());
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/late-socket", 40s));
  std::string err = stop_guard();
  EXPECT_NE(err.find("retrying in "), std::string::npos) << err;
}

TEST_F(ZoneTest, MaxSecondsEndsTheRunWithASummary) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  daemon_->set_script(kZoneA, snap_then(kZoneA, opens(kZoneA, 100, {"one", "two", "three"})));
  start_guard({"-M", "2", "-o", "stdout_output.enabled=true"});
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return !guard_->running(); }, 30s));
  EXPECT_EQ(guard_->stop(), 0);
  EXPECT_EQ(alerts_where("edera.zone.id", kZoneA).size(), 3u);
  std::string err = guard_->err();
  EXPECT_NE(err.find("Edera: zone " + kZoneA + ": 3 events, 0 dropped, 0 malformed"), std::string::npos) << err;
  EXPECT_NE(guard_->out().find("Events detected: 3"), std::string::npos) << guard_->out();
}

}  // namespace
}  // namespace eg::itest
