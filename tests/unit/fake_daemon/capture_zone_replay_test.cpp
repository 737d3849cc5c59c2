// Capture-as-zone replay: the snapshot of the section's threads and fds comes
// first, then one syscall message per event the capture reader yields, in
// order, with the event's cpu; and the zone fixtures' hand-made events carry
// the table's names and the malformations they promise.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/sources/capture_builder.h"
#include "tests/support/fake_daemon/capture_zone_replay.h"
#include "tests/support/fake_daemon/zone_fixtures.h"

namespace eg::fake {
namespace {
namespace fs = std::filesystem;

const std::string kZone = "0a0b0c0d-0000-4000-8000-000000000001";

TEST(CaptureZoneReplay, SnapshotFirstThenEveryEventInOrder) {
  CaptureBuilder b;
  ThreadSnapshot cat;
  cat.tid = cat.pid = 100;
  cat.ptid = 1;
  cat.comm = cat.exe = "cat";
  cat.exepath = "/usr/bin/cat";
  cat.cwd = "/root";
  b.add_thread(cat);
  FdSnapshot fd;
  fd.tid = 100;
  fd.fd = 3;
  fd.kind = FdKind::File;
  fd.name = "/etc/hosts";
  b.add_fd(fd);
  b.add("openat", 100, 1'000, {{"fd", 4}, {"dirfd", -100}, {"name", "/etc/shadow"}, {"flags", 1}, {"mode", 0}});
  b.add("close", 100, 3'000, {{"res", 0}});
  std::string path = (fs::temp_directory_path() / ("eg_czr_" + std::to_string(::getpid()) + ".scap")).string();
  std::string err;
  ASSERT_TRUE(b.write_file(path, err)) << err;

  MonitorScript script;
  ASSERT_TRUE(capture_script(path, kZone, script, err)) << err;
  fs::remove(path);
  ASSERT_GE(script.size(), 3u);
  ASSERT_TRUE(script[0].reply && script[0].reply->has_threadsnap());
  const auto& snap = script[0].reply->threadsnap();
  EXPECT_EQ(snap.zone_id(), kZone);
  ASSERT_EQ(snap.thread_info().count(100), 1u);
  EXPECT_EQ(snap.thread_info().at(100).comm(), "cat");
  ASSERT_EQ(snap.thread_info().at(100).fdlist().count(3), 1u);
  std::vector<std::string> names;
  uint64_t last_ts = 0;
  for (size_t i = 1; i < script.size(); ++i) {
    ASSERT_TRUE(script[i].reply && script[i].reply->has_syscall()) << i;
    const auto& sc = script[i].reply->syscall();
    EXPECT_EQ(sc.zone_id(), kZone);
    EXPECT_EQ(sc.thread_id(), 100u);
    EXPECT_GE(sc.timestamp(), last_ts);
    last_ts = sc.timestamp();
    names.push_back(sc.event_name());
  }
  EXPECT_EQ(names.front(), "openat");
  EXPECT_EQ(names.back(), "close");
  EXPECT_EQ(script[1].reply->syscall().event_params(2).param_pretty(), "/etc/shadow");
}

TEST(CaptureZoneReplay, MissingFileIsAnError) {
  MonitorScript script;
  std::string err;
  EXPECT_FALSE(capture_script("/nonexistent/capture.scap", kZone, script, err));
  EXPECT_FALSE(err.empty());
}

TEST(ZoneFixtures, EventsAndMalformationsAreWhatTheyClaim) {
  auto open = openat_reply(kZone, 5, 100, 3, "/etc/shadow");
  ASSERT_TRUE(open.has_syscall());
  EXPECT_EQ(open.syscall().event_type(), 307u);
  EXPECT_EQ(open.syscall().event_name(), "openat");
  EXPECT_EQ(open.syscall().event_params_size(), 7);
  EXPECT_EQ(open.syscall().event_params(0).param_data().size(), 8u);
  EXPECT_EQ(bad_param_length_reply(kZone, 5, 100).syscall().event_params(0).param_data().size(), 3u);
  EXPECT_EQ(unknown_code_reply(kZone, 5, 100).syscall().event_type(), 60000u);
  EXPECT_EQ(too_many_params_reply(kZone, 5, 100).syscall().event_params_size(), 40);
  EXPECT_EQ(cpu_hotplug_reply(kZone, 5, 1).syscall().event_type(), 244u);
  EXPECT_EQ(execve_reply(kZone, 5, 100, "/bin/ls", {"-l"}, 1).syscall().event_name(), "execve");
  EXPECT_EQ(empty_reply().reply_case(), pb::MonitorZoneKernelEventReply::REPLY_NOT_SET);
  auto snap = small_tree_snapshot(kZone);
  EXPECT_EQ(snap.thread_info().size(), 4);
  EXPECT_EQ(snap.thread_info().at(200).fdlist().size(), 2);
  EXPECT_EQ(snap.thread_info().at(100).args(), std::string("-c\0sleep 1000\0", 14));
  for (const auto& s : skipped_zones()) EXPECT_FALSE(s.why.empty());
}

}  // namespace
}  // namespace eg::fake
