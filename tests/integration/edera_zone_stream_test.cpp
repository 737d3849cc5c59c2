// Zone monitor streams through the real binary (spec edera-control §5.3,
// scenarios 6-13): the first request's shape, enrichment from the snapshot,
// events before any snapshot, a second snapshot replacing the state, empty
// replies, two zones interleaved with the same tids, an 8 MiB snapshot, and
// the zone fields of every alert.
#include "edera_zone_harness.h"

namespace eg::itest {
namespace {

using fake::MonitorStep;

fake::MonitorScript with_snapshot(const std::string& zone, fake::MonitorScript events) {
  fake::MonitorScript s{MonitorStep::send(fake::small_tree_snapshot_reply(zone))};
  for (auto& e : events) s.push_back(std::move(e));
  return s;
}

TEST_F(ZoneTest, FirstRequestIsAnUpdateWithNoSyscallsAndNoHalfClose) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "web")});
  daemon_->set_script(kZoneA, with_snapshot(kZoneA, {}));
  start_guard();
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return !daemon_->monitor_calls(kZoneA)[0].requests.empty(); }, 10s));
  auto c = daemon_->monitor_calls(kZoneA)[0];
  EXPECT_EQ(c.requests[0].kind, fake::RecordedRequest::Kind::Update);
  EXPECT_EQ(c.requests[0].zone_id, kZoneA);
  EXPECT_TRUE(c.requests[0].enabled_syscalls.empty());
  EXPECT_FALSE(c.half_closed);
  EXPECT_TRUE(wait_for_stderr("Edera: zone " + kZoneA + ": monitoring"));
  std::string err = stop_guard();
  // Shutdown stops the stream politely: stop, then half-close, same zone id.
  auto calls = daemon_->monitor_calls(kZoneA);
  ASSERT_EQ(calls.size(), 1u);
  ASSERT_EQ(calls[0].requests.size(), 2u) << err;
  EXPECT_EQ(calls[0].requests[1].kind, fake::RecordedRequest::Kind::Stop);
  EXPECT_EQ(calls[0].requests[1].zone_id, kZoneA);
  EXPECT_TRUE(calls[0].half_closed);
}

TEST_F(ZoneTest, SnapshotEnrichesEventsAndAlertsCarryZoneFields) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "web")});
  auto events = opens(kZoneA, 100, {"shadow"});
  events.push_back(MonitorStep::send(fake::openat_reply(kZoneA, 1'700'000'002'000'000'000ull, 200, 9, "/etc/edera-source")));
  daemon_->set_script(kZoneA, with_snapshot(kZoneA, std::move(events)));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/shadow"));
  ASSERT_TRUE(wait_for_alert("evt.pluginname", "edera"));
  std::string err = stop_guard();
  auto a = alerts_where("fd.name", "/etc/shadow");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0]["rule"], "Zone etc open");
  EXPECT_EQ(a[0]["source"], "syscall");
  EXPECT_EQ(field(a[0], "proc.name"), "sh");
  EXPECT_EQ(field(a[0], "proc.pid"), "100");
  EXPECT_EQ(field(a[0], "proc.ppid"), "1");
  EXPECT_EQ(field(a[0], "proc.pname"), "init");
  EXPECT_EQ(field(a[0], "user.uid"), "1000");
  EXPECT_EQ(field(a[0], "fd.num"), "10");
  EXPECT_EQ(field(a[0], "edera.zone.id"), kZoneA);
  EXPECT_EQ(field(a[0], "edera.zone.name"), "web");
  std::string out = a[0]["output"];
  EXPECT_TRUE(out.ends_with(" zone_id=" + kZoneA + " zone_name=web")) << out;

  auto m = alerts_where("evt.pluginname", "edera");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["rule"], "Zone source marker");
  EXPECT_EQ(m[0]["source"], "edera_zone");
  EXPECT_EQ(field(m[0], "evt.source"), "edera_zone");
  EXPECT_EQ(field(m[0], "edera.zone.id"), kZoneA);
  EXPECT_NE(err.find("Edera: zone " + kZoneA + ": snapshot (4 threads, 5 fds)"), std::string::npos) << err;
  EXPECT_NE(err.find("Edera: zone " + kZoneA + ": "), std::string::npos);
}

TEST_F(ZoneTest, AppendZoneOutputCanBeTurnedOff) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "web")});
  daemon_->set_script(kZoneA, with_snapshot(kZoneA, opens(kZoneA, 100, {"passwd"})));
  start_guard({"-o", "edera.append_zone_output=false"});
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/passwd"));
  stop_guard();
  auto a = alerts_where("fd.name", "/etc/passwd");
  ASSERT_EQ(a.size(), 1u);
  std::string out = a[0]["output"];
  EXPECT_EQ(out.find("zone_id="), std::string::npos) << out;
  EXPECT_EQ(field(a[0], "edera.zone.id"), kZoneA);
}

TEST_F(ZoneTest, EventsBeforeTheSnapshotHaveNoStateThenTheSnapshotEnriches) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "web")});
  fake::MonitorScript s = opens(kZoneA, 100, {"before"});
  s.push_back(MonitorStep::send(fake::small_tree_snapshot_reply(kZoneA)));
  for (auto& e : opens(kZoneA, 100, {"after"}, 1'700'000'005'000'000'000ull)) s.push_back(std::move(e));
  daemon_->set_script(kZoneA, std::move(s));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/after"));
  stop_guard();
  auto before = alerts_where("fd.name", "/etc/before");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_NE(field(before[0], "proc.name"), "sh");
  EXPECT_EQ(field(before[0], "edera.zone.id"), kZoneA);
  auto after = alerts_where("fd.name", "/etc/after");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(field(after[0], "proc.name"), "sh");
}

TEST_F(ZoneTest, SecondSnapshotReplacesTheWholeState) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "web")});
  auto snap2 = fake::small_tree_snapshot(kZoneA);
  (*snap2.mutable_thread_info())[100].set_comm("bash");
  snap2.mutable_thread_info()->erase(200);
  fake::MonitorScript s = with_snapshot(kZoneA, opens(kZoneA, 200, {"first"}));
  s.push_back(MonitorStep::send(edera_snapshot_reply(snap2)));
  for (auto& e : opens(kZoneA, 200, {"second-200"}, 1'700'000'006'000'000'000ull)) s.push_back(std::move(e));
  for (auto& e : opens(kZoneA, 100, {"second-100"}, 1'700'000'007'000'000'000ull)) s.push_back(std::move(e));
  daemon_->set_script(kZoneA, std::move(s));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/second-100"));
  stop_guard();
  auto first = alerts_where("fd.name", "/etc/first");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(field(first[0], "proc.name"), "nginx");
  auto gone = alerts_where("fd.name", "/etc/second-200");
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_NE(field(gone[0], "proc.name"), "nginx") << "thread 200 left the second snapshot";
  auto renamed = alerts_where("fd.name", "/etc/second-100");
  ASSERT_EQ(renamed.size(), 1u);
  EXPECT_EQ(field(renamed[0], "proc.name"), "bash");
}

TEST_F(ZoneTest, EmptyRepliesAreSkippedAndTheStreamContinues) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  fake::MonitorScript s = with_snapshot(kZoneA, {MonitorStep::send(fake::empty_reply())});
  for (auto& e : opens(kZoneA, 100, {"after-empty"})) s.push_back(std::move(e));
  daemon_->set_script(kZoneA, std::move(s));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/after-empty"));
  stop_guard();
  auto a = alerts_where("fd.name", "/etc/after-empty");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(field(a[0], "edera.zone.name"), "");
  std::string out = a[0]["output"];
  EXPECT_TRUE(out.ends_with(" zone_id=" + kZoneA + " zone_name=")) << out;
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 1u);
}

TEST_F(ZoneTest, TwoZonesWithTheSameTidsKeepTheirOwnState) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "alpha"), fake::ready_zone(kZoneB, 8, "beta")});
  auto snapB = fake::small_tree_snapshot(kZoneB);
  (*snapB.mutable_thread_info())[100].set_comm("ash");
  (*snapB.mutable_thread_info())[100].set_uid(2000);
  fake::MonitorScript a = with_snapshot(kZoneA, {});
  fake::MonitorScript b{MonitorStep::send(edera_snapshot_reply(snapB))};
  // Interleaved in time: A and B alternate, same tids, distinct file names.
  for (int i = 0; i < 20; ++i) {
    uint64_t ts = 1'700'000'010'000'000'000ull + 2 * i;
    a.push_back(MonitorStep::send(fake::openat_reply(kZoneA, ts, 100, 10 + i, "/etc/a-" + std::to_string(i))));
    b.push_back(MonitorStep::send(fake::openat_reply(kZoneB, ts + 1, 100, 10 + i, "/etc/b-" + std::to_string(i))));
  }
  // Zone B execs in tid 100: zone A's tid 100 must stay "sh".
  b.push_back(MonitorStep::send(fake::execve_reply(kZoneB, 1'700'000'011'000'000'000ull, 100, "/usr/bin/top", {"-b"}, 1)));
  b.push_back(MonitorStep::send(fake::openat_reply(kZoneB, 1'700'000'011'100'000'000ull, 100, 40, "/etc/b-after-exec")));
  a.push_back(MonitorStep::send(fake::openat_reply(kZoneA, 1'700'000'011'200'000'000ull, 100, 40, "/etc/a-after-exec")));
  daemon_->set_script(kZoneA, std::move(a));
  start_guard();
  ASSERT_TRUE(wait_for_calls(kZoneA, 1));
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/a-after-exec"));
  // B's events flow after A's have been evaluated (B's call is open, empty).
  ASSERT_TRUE(wait_for_calls(kZoneB, 1));
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon_->push(kZoneB, b); }, 10s));
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/b-after-exec"));
  stop_guard();
  std::vector<std::string> order_a, order_b;
  for (const auto& al : alerts()) {
    std::string fd = field(al, "fd.name"), zone = field(al, "edera.zone.id");
    if (fd.starts_with("/etc/a-")) {
      EXPECT_EQ(zone, kZoneA) << fd;
      EXPECT_EQ(field(al, "proc.name"), "sh") << fd;
      EXPECT_EQ(field(al, "user.uid"), "1000") << fd;
      EXPECT_EQ(field(al, "edera.zone.name"), "alpha");
      order_a.push_back(fd);
    } else if (fd.starts_with("/etc/b-")) {
      EXPECT_EQ(zone, kZoneB) << fd;
      EXPECT_EQ(field(al, "proc.name"), fd == "/etc/b-after-exec" ? "top" : "ash") << fd;
      EXPECT_EQ(field(al, "edera.zone.name"), "beta");
      order_b.push_back(fd);
    }
  }
  ASSERT_EQ(order_a.size(), 21u);
  ASSERT_EQ(order_b.size(), 21u);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(order_a[i], "/etc/a-" + std::to_string(i));
    EXPECT_EQ(order_b[i], "/etc/b-" + std::to_string(i));
  }
  auto exec = alerts_where("proc.exepath", "/usr/bin/top");
  ASSERT_EQ(exec.size(), 1u);
  EXPECT_EQ(field(exec[0], "edera.zone.id"), kZoneB);
}

TEST_F(ZoneTest, TwoZonesStreamingConcurrentlyStayApart) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7, "alpha"), fake::ready_zone(kZoneB, 8, "beta")});
  fake::MonitorScript a = with_snapshot(kZoneA, {});
  auto snapB = fake::small_tree_snapshot(kZoneB);
  (*snapB.mutable_thread_info())[100].set_comm("ash");
  fake::MonitorScript b{MonitorStep::send(edera_snapshot_reply(snapB))};
  for (int i = 0; i < 200; ++i) {
    a.push_back(MonitorStep::send(fake::openat_reply(kZoneA, 1'700'000'020'000'000'000ull + i, 100, 10, "/etc/ca")));
    b.push_back(MonitorStep::send(fake::openat_reply(kZoneB, 1'700'000'020'000'000'000ull + i, 100, 10, "/etc/cb")));
  }
  daemon_->set_script(kZoneA, std::move(a));
  daemon_->set_script(kZoneB, std::move(b));
  start_guard();
  ASSERT_TRUE(wait_for_alerts([](const std::vector<nlohmann::json>& as) { return as.size() >= 400; }));
  stop_guard();
  for (const auto& al : alerts()) {
    if (field(al, "fd.name") == "/etc/ca") {
      EXPECT_EQ(field(al, "proc.name") + field(al, "edera.zone.id"), "sh" + kZoneA);
    }
    if (field(al, "fd.name") == "/etc/cb") {
      EXPECT_EQ(field(al, "proc.name") + field(al, "edera.zone.id"), "ash" + kZoneB);
    }
  }
}

TEST_F(ZoneTest, EightMebibyteSnapshotIsAccepted) {
  daemon_->set_zones({fake::ready_zone(kZoneA, 7)});
  auto big = fake::large_snapshot_reply(kZoneA, 8u << 20, "bulk");
  ASSERT_GE(big.ByteSizeLong(), 8u << 20);
  fake::MonitorScript s{MonitorStep::send(big)};
  for (auto& e : opens(kZoneA, 1500, {"big-snapshot"})) s.push_back(std::move(e));
  daemon_->set_script(kZoneA, std::move(s));
  start_guard();
  ASSERT_TRUE(wait_for_alert("fd.name", "/etc/big-snapshot", 60s));
  stop_guard();
  auto a = alerts_where("fd.name", "/etc/big-snapshot");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(field(a[0], "proc.name"), "bulk");
  EXPECT_EQ(daemon_->monitor_calls(kZoneA).size(), 1u) << "the snapshot must not break the stream";
}

}  // namespace
}  // namespace eg::itest
