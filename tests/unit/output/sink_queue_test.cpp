// Unit tests for queued sinks: ordering, drops when full, no hang at shutdown
// with a dead sink, file and program sinks.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "engine/output/output_dispatcher.h"
#include "engine/output/sink_queue.h"

namespace eg::output {
namespace {

using namespace std::chrono_literals;

struct Recorder : Sink {
  std::vector<std::string>* lines;
  std::chrono::milliseconds delay;
  bool fail = false;
  Recorder(std::vector<std::string>* l, std::chrono::milliseconds d) : lines(l), delay(d) {}
  std::string_view name() const override { return "recorder"; }
  bool deliver(const Alert& a, const std::atomic<bool>& stopping) override {
    auto until = std::chrono::steady_clock::now() + delay;
    while (!stopping && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(1ms);
    if (fail) return false;
    lines->push_back(a.line());
    return true;
  }
};

AlertPtr alert(const std::string& line) {
  auto a = std::make_shared<Alert>();
  a->escaped_text = line;
  return a;
}

TEST(SinkQueue, DeliversInOrder) {
  std::vector<std::string> got;
  SinkQueue q(std::make_unique<Recorder>(&got, 0ms), 100);
  for (int i = 0; i < 50; ++i) q.push(alert(std::to_string(i)));
  q.close(5000ms);
  ASSERT_EQ(got.size(), 50u);
  EXPECT_EQ(got.front(), "0");
  EXPECT_EQ(got.back(), "49");
  EXPECT_EQ(q.stats().delivered, 50u);
  EXPECT_EQ(q.stats().dropped(), 0u);
}

TEST(SinkQueue, FullQueueDropsWithoutBlocking) {
  std::vector<std::string> got;
  SinkQueue q(std::make_unique<Recorder>(&got, 50ms), 2);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) q.push(alert("x"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 40ms);  // push never waits for the sink
  q.close(5000ms);
  SinkStats s = q.stats();
  EXPECT_EQ(s.delivered + s.dropped(), 20u);
  EXPECT_GE(s.dropped_full, 17u);
}

TEST(SinkQueue, DeadSinkDoesNotHangShutdown) {
  std::vector<std::string> got;
  SinkQueue q(std::make_unique<Recorder>(&got, 10000ms), 100);
  for (int i = 0; i < 10; ++i) q.push(alert("x"));
  auto start = std::chrono::steady_clock::now();
  q.close(200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2000ms);
  EXPECT_GE(q.stats().dropped_shutdown, 9u);
}

TEST(SinkQueue, FailedDeliveriesAreCounted) {
  std::vector<std::string> got;
  auto r = std::make_unique<Recorder>(&got, 0ms);
  r->fail = true;
  SinkQueue q(std::move(r), 10);
  q.push(alert("a"));
  q.push(alert("b"));
  q.close(1000ms);
  EXPECT_EQ(q.stats().dropped_failed, 2u);
}

// A sink whose first delivery waits for the test's go-ahead, counting batches.
struct GatedBatchCounter : Sink {
  std::atomic<bool>* gate;
  std::vector<std::string> lines;
  int batches = 0;
  explicit GatedBatchCounter(std::atomic<bool>* g) : gate(g) {}
  std::string_view name() const override { return "gated"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    while (lines.empty() && !gate->load()) std::this_thread::sleep_for(1ms);
    lines.push_back(a.line());
    return true;
  }
  void end_batch() override { ++batches; }
};

TEST(SinkQueue, BurstIsDeliveredInBatches) {
  std::atomic<bool> gate{false};
  auto owned = std::make_unique<GatedBatchCounter>(&gate);
  GatedBatchCounter* sink = owned.get();
  SinkQueue q(std::move(owned), 100);
  for (int i = 0; i < 50; ++i) q.push(alert(std::to_string(i)));
  gate = true;
  q.close(5000ms);
  ASSERT_EQ(sink->lines.size(), 50u);
  EXPECT_EQ(sink->lines.back(), "49");
  // The alerts queued while the first delivery waited form one batch.
  EXPECT_LE(sink->batches, 2);
  EXPECT_GE(sink->batches, 1);
  EXPECT_EQ(q.stats().delivered, 50u);
}

TEST(SinkQueue, AlertsInDeliveryCountAgainstCapacity) {
  std::atomic<bool> gate{false};
  auto owned = std::make_unique<GatedBatchCounter>(&gate);
  SinkQueue q(std::move(owned), 4);
  for (int i = 0; i < 20; ++i) q.push(alert("x"));
  gate = true;
  q.close(5000ms);
  SinkStats s = q.stats();
  EXPECT_EQ(s.delivered + s.dropped(), 20u);
  EXPECT_LE(s.delivered, 4u);
}

// A sink that drops everything while `discarding` is set (as syslog without a logger).
struct Discarding : Recorder {
  std::atomic<bool>* discarding;
  Discarding(std::vector<std::string>* l, std::atomic<bool>* d) : Recorder(l, 0ms), discarding(d) {}
  bool discards_now() override { return discarding->load(); }
};

TEST(SinkQueue, WhatTheSinkDiscardsIsCountedWithoutQueueing) {
  std::vector<std::string> got;
  std::atomic<bool> discarding{true};
  SinkQueue q(std::make_unique<Discarding>(&got, &discarding), 2);
  for (int i = 0; i < 10; ++i) q.push(alert("gone"));  // more than the capacity: none is dropped as "full"
  discarding = false;
  q.push(alert("kept"));
  q.close(5000ms);
  EXPECT_EQ(got, std::vector<std::string>{"kept"});
  SinkStats s = q.stats();
  EXPECT_EQ(s.delivered, 11u);
  EXPECT_EQ(s.dropped(), 0u);
}

TEST(Dispatcher, SlowSinkDoesNotDelayOthers) {
  std::vector<std::string> fast, slow;
  std::vector<std::unique_ptr<Sink>> sinks;
  sinks.push_back(std::make_unique<Recorder>(&fast, 0ms));
  sinks.push_back(std::make_unique<Recorder>(&slow, 10000ms));
  OutputDispatcher d(std::move(sinks), 100);
  for (int i = 0; i < 5; ++i) d.dispatch(alert("x"));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(fast.size(), 5u);
  d.close(100ms);
  EXPECT_GE(d.total_dropped(), 4u);
}

TEST(Dispatcher, NoOutputConfigured) {
  OutputConfig c;
  c.stdout_output.enabled = false;
  c.syslog_output.enabled = false;
  std::string err;
  EXPECT_EQ(OutputDispatcher::create(c, &err), nullptr);
  EXPECT_EQ(err, "No output configured, please make sure at least one output is configured and enabled.");
}

TEST(LineSinks, FileAndProgram) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("eg_sinks_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  OutputConfig c;
  c.stdout_output.enabled = false;
  c.syslog_output.enabled = false;
  c.file_output = {true, (dir / "alerts.txt").string(), false};
  c.program_output = {true, "cat >> " + (dir / "program.txt").string(), true};
  std::string err;
  auto d = OutputDispatcher::create(c, &err);
  ASSERT_TRUE(d) << err;
  d->dispatch(alert("one"));
  d->dispatch(alert("two"));
  d->close();
  auto read = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  EXPECT_EQ(read(dir / "alerts.txt"), "one\ntwo\n");
  EXPECT_EQ(read(dir / "program.txt"), "one\ntwo\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace eg::output
