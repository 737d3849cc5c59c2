// The daemon client's control loop (engine/sources/edera/zone_supervisor.h)
// against the in-process fake daemon, at library level: which zones get a
// stream, what reaches each zone's inbox, hotplug resubscribe, exit, and the
// Xen domain check through a fake DomainInspector. The binary-level
// scenarios are in tests/integration/edera_zone_*.
#include <gtest/gtest.h>

#include <unistd.h>

#include <map>
#include <mutex>
#include <thread>

#include "engine/sources/edera/zone_supervisor.h"
#include "tests/support/fake_daemon/fake_daemon.h"
#include "tests/support/fake_daemon/zone_fixtures.h"

namespace eg::edera {
namespace {

using namespace std::chrono_literals;
namespace pb = protect::control::v1;

constexpr const char* kZoneA = "11111111-2222-4333-8444-555555555555";
constexpr const char* kZoneB = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

class RecordingProvider : public ZoneInboxProvider {
 public:
  explicit RecordingProvider(size_t capacity = 1000) : capacity(capacity) {}
  std::shared_ptr<ZoneInbox> inbox_for(const ZoneRecord& zone) override {
    std::lock_guard<std::mutex> lock(mu);
    auto inbox = std::make_shared<ZoneInbox>(zone.id, zone.name, capacity, 1 << 20);
    inboxes[zone.id].push_back(inbox);
    return inbox;
  }
  std::shared_ptr<ZoneInbox> last(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = inboxes.find(id);
    return it == inboxes.end() || it->second.empty() ? nullptr : it->second.back();
  }
  size_t capacity;
  std::mutex mu;
  std::map<std::string, std::vector<std::shared_ptr<ZoneInbox>>> inboxes;
};

class FakeDomains : public DomainInspector {
 public:
  std::optional<DomainInfo> inspect(uint32_t domid) override {
    if (domid == 6) return DomainInfo{false, 1};
    return DomainInfo{true, 2};
  }
};

fake::MonitorStep snapshot_step(const char* zone) {
  return fake::MonitorStep::send(fake::small_tree_snapshot_reply(zone));
}
fake::MonitorStep openat_step(const char* zone) {
  return fake::MonitorStep::send(fake::openat_reply(zone, 1'000'000'000, 100, 3, "/etc/shadow"));
}
fake::MonitorStep hotplug_step(const char* zone) {
  return fake::MonitorStep::send(fake::cpu_hotplug_reply(zone, 1'000'000'001, 1));
}

std::string temp_socket() {
  char dir[] = "/tmp/eg-supervisor-XXXXXX";
  EXPECT_NE(::mkdtemp(dir), nullptr);
  return std::string(dir) + "/daemon.sock";
}

EderaOptions fast_options(const std::string& socket) {
  EderaOptions o;
  o.socket = socket;
  o.discovery_interval = 100ms;
  o.reconnect_min = 50ms;
  o.reconnect_max = 200ms;
  o.stop_timeout = 500ms;
  return o;
}

// Collects what reached an inbox so far.
struct Seen {
  size_t events = 0, snapshots = 0, purges = 0;
};
Seen drain(ZoneInbox& inbox, Seen& total) {
  ZoneInbox::Batch b;
  while (inbox.take(b))
    for (const auto& item : b.items) {
      if (item.kind == ZoneInbox::Kind::Event) ++total.events;
      if (item.kind == ZoneInbox::Kind::Snapshot) ++total.snapshots;
      if (item.kind == ZoneInbox::Kind::Purge) ++total.purges;
    }
  return total;
}

TEST(ZoneSupervisor, StreamsReadyZonesAndSkipsDeadDomains) {
  fake::FakeDaemon daemon(temp_socket());
  ASSERT_TRUE(daemon.start());
  daemon.set_zones({fake::ready_zone(kZoneA, 5, "web"), fake::ready_zone(kZoneB, 6, "dead")});
  daemon.set_script(kZoneA, {snapshot_step(kZoneA), openat_step(kZoneA)});
  RecordingProvider provider;
  ZoneSupervisor supervisor(fast_options(daemon.socket_path()), provider, std::make_unique<FakeDomains>());
  supervisor.start();
  ASSERT_TRUE(daemon.wait_for_calls(kZoneA, 1, 10s));
  Seen seen;
  ASSERT_TRUE(fake::FakeDaemon::wait_until(
      [&] {
        auto inbox = provider.last(kZoneA);
        return inbox && drain(*inbox, seen).events >= 1;
      },
      10s));
  EXPECT_EQ(seen.snapshots, 1u);
  std::this_thread::sleep_for(500ms);  // several discovery rounds
  EXPECT_TRUE(daemon.monitor_calls(kZoneB).empty()) << "zone whose Xen domain is not alive was streamed";
  auto calls = daemon.monitor_calls(kZoneA);
  ASSERT_EQ(calls.size(), 1u);
  ASSERT_FALSE(calls[0].requests.empty());
  EXPECT_EQ(calls[0].requests[0].kind, fake::RecordedRequest::Kind::Update);
  EXPECT_EQ(calls[0].requests[0].zone_id, kZoneA);
  EXPECT_TRUE(calls[0].requests[0].enabled_syscalls.empty());
  supervisor.stop();
  calls = daemon.monitor_calls(kZoneA);
  ASSERT_GE(calls[0].requests.size(), 2u);
  EXPECT_EQ(calls[0].requests.back().kind, fake::RecordedRequest::Kind::Stop);
  EXPECT_TRUE(calls[0].half_closed);
}

TEST(ZoneSupervisor, HotplugPurgesAndResubscribesOnce) {
  fake::FakeDaemon daemon(temp_socket());
  ASSERT_TRUE(daemon.start());
  daemon.set_zones({fake::ready_zone(kZoneA, 5, "web")});
  daemon.set_call_scripts(kZoneA, {{snapshot_step(kZoneA), hotplug_step(kZoneA),
                                    hotplug_step(kZoneA)},
                                   {snapshot_step(kZoneA)}});
  RecordingProvider provider;
  ZoneSupervisor supervisor(fast_options(daemon.socket_path()), provider);
  supervisor.start();
  ASSERT_TRUE(daemon.wait_for_calls(kZoneA, 2, 10s));
  Seen seen;
  ASSERT_TRUE(fake::FakeDaemon::wait_until(
      [&] { return drain(*provider.last(kZoneA), seen).snapshots >= 2; }, 10s));
  EXPECT_EQ(seen.purges, 1u);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(daemon.monitor_calls(kZoneA).size(), 2u) << "two hotplug events must give one resubscribe";
  auto first = daemon.monitor_calls(kZoneA)[0];
  EXPECT_TRUE(first.half_closed);
  supervisor.stop();
}

TEST(ZoneSupervisor, ExitEventRetiresTheZone) {
  fake::FakeDaemon daemon(temp_socket());
  ASSERT_TRUE(daemon.start());
  daemon.set_zones({fake::ready_zone(kZoneA, 5, "web")});
  daemon.set_script(kZoneA, {snapshot_step(kZoneA)});
  RecordingProvider provider;
  EderaOptions o = fast_options(daemon.socket_path());
  o.discovery_interval = 60s;  // only the watch event can retire it
  ZoneSupervisor supervisor(o, provider);
  supervisor.start();
  ASSERT_TRUE(daemon.wait_for_calls(kZoneA, 1, 10s));
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return daemon.watch_subscribers() >= 1; }, 10s));
  daemon.emit_zone_changed(fake::exited_zone(kZoneA, 5, 0, "web"));
  ASSERT_TRUE(fake::FakeDaemon::wait_until([&] { return provider.last(kZoneA)->closed(); }, 10s));
  Seen seen;
  drain(*provider.last(kZoneA), seen);
  EXPECT_EQ(seen.purges, 1u);
  EXPECT_EQ(supervisor.monitored_zones(), 0u);
  auto calls = daemon.monitor_calls(kZoneA);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_TRUE(calls[0].half_closed);
  supervisor.stop();
}

TEST(ZoneSupervisor, TextThatIsNotUtf8DoesNotBreakTheStream) {
  fake::FakeDaemon daemon(temp_socket());
  ASSERT_TRUE(daemon.start());
  daemon.set_zones({fake::ready_zone(kZoneA, 5, "web")});
  auto odd = fake::openat_reply(kZoneA, 1'000'000'000, 100, 3, "/tmp/\xff\xfe-name");
  odd.mutable_syscall()->mutable_event_params(2)->set_param_pretty("/tmp/\xff\xfe-name");
  odd.mutable_syscall()->set_event_name("open\xff" "at");
  // What the daemon's own schema type would do with it: refuse the message
  // (and gRPC would fail the stream).
  pb::MonitorZoneKernelEventReply strict;
  EXPECT_FALSE(strict.ParseFromString(odd.SerializeAsString()));
  daemon.set_script(kZoneA, {snapshot_step(kZoneA), fake::MonitorStep::send(odd), openat_step(kZoneA)});
  RecordingProvider provider;
  ZoneSupervisor supervisor(fast_options(daemon.socket_path()), provider);
  supervisor.start();
  Seen seen;
  ASSERT_TRUE(fake::FakeDaemon::wait_until(
      [&] {
        auto inbox = provider.last(kZoneA);
        return inbox && drain(*inbox, seen).events >= 2;
      },
      10s));
  EXPECT_EQ(daemon.monitor_calls(kZoneA).size(), 1u) << "the stream must not fail and reconnect";
  EXPECT_EQ(provider.last(kZoneA)->malformed(), 0u);
  supervisor.stop();
}

// Spec scenario 12: one stream feeds one zone's state; an event tagged with
// another zone's id is counted as malformed and not delivered.
TEST(ZoneSupervisor, EventOfAnotherZoneOnAStreamIsSkipped) {
  fake::FakeDaemon daemon(temp_socket());
  ASSERT_TRUE(daemon.start());
  daemon.set_zones({fake::ready_zone(kZoneA, 5, "web")});
  daemon.set_script(kZoneA, {snapshot_step(kZoneA), openat_step(kZoneB), openat_step(kZoneA)});
  RecordingProvider provider;
  ZoneSupervisor supervisor(fast_options(daemon.socket_path()), provider);
  supervisor.start();
  Seen seen;
  ASSERT_TRUE(fake::FakeDaemon::wait_until(
      [&] {
        auto inbox = provider.last(kZoneA);
        return inbox && drain(*inbox, seen).events >= 1;
      },
      10s));
  std::this_thread::sleep_for(200ms);
  drain(*provider.last(kZoneA), seen);
  EXPECT_EQ(seen.events, 1u);
  EXPECT_EQ(provider.last(kZoneA)->malformed(), 1u);
  supervisor.stop();
}

// Spec scenario 29: a consumer slower than the stream. The inbox stays
// bounded; what does not fit is dropped and counted for that zone, and the
// snapshot (a control item) is never dropped.
TEST(ZoneSupervisor, SlowConsumerDropsAreCountedPerZone) {
  fake::FakeDaemon daemon(temp_socket());
  ASSERT_TRUE(daemon.start());
  daemon.set_zones({fake::ready_zone(kZoneA, 5, "web")});
  fake::MonitorScript script{snapshot_step(kZoneA)};
  for (int i = 0; i < 50; ++i) script.push_back(openat_step(kZoneA));
  daemon.set_script(kZoneA, script);
  RecordingProvider provider(10);  // nobody drains until the stream is done
  ZoneSupervisor supervisor(fast_options(daemon.socket_path()), provider);
  supervisor.start();
  ASSERT_TRUE(fake::FakeDaemon::wait_until(
      [&] {
        auto inbox = provider.last(kZoneA);
        if (!inbox) return false;
        auto st = inbox->stats();
        return st.events + st.dropped >= 50;
      },
      10s));
  auto st = provider.last(kZoneA)->stats();
  EXPECT_EQ(st.events, 10u);
  EXPECT_EQ(st.dropped, 40u);
  EXPECT_EQ(st.snapshots, 1u);
  supervisor.stop();
}

}  // namespace
}  // namespace eg::edera
