// State engine benchmarks: memory per tracked thread and per tracked fd
// (heap bytes counted by a replaced global operator new, reported as
// counters), and event throughput for the fd and process lifecycles.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <deque>
#include <new>
#include <string>
#include <vector>

#include "engine/sources/capture_builder.h"
#include "engine/state/zone_state.h"
#include "fields/param_decoder.h"

namespace {

std::atomic<int64_t> g_live_bytes{0};

}  // namespace

// Counting allocator: each block carries its size in a header.
void* operator new(std::size_t n) {
  auto* p = static_cast<std::size_t*>(std::malloc(n + sizeof(std::max_align_t)));
  if (p == nullptr) throw std::bad_alloc();
  *p = n;
  g_live_bytes += static_cast<int64_t>(n);
  return reinterpret_cast<char*>(p) + sizeof(std::max_align_t);
}
// g++ sees free() inside an operator delete and warns of a new/free mismatch;
// here free() releases the malloc() block operator new above made.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* q) noexcept {
  if (q == nullptr) return;
  auto* p = reinterpret_cast<std::size_t*>(static_cast<char*>(q) - sizeof(std::max_align_t));
  g_live_bytes -= static_cast<int64_t>(*p);
  std::free(p);
}
#pragma GCC diagnostic pop
void operator delete(void* q, std::size_t) noexcept { operator delete(q); }

namespace eg {
namespace {

// A typical process: a service with a few args, a modest environment and
// cgroup v1 paths.
ThreadSnapshot typical_thread(int64_t tid) {
  ThreadSnapshot t;
  t.tid = t.pid = t.vtid = t.vpid = tid;
  t.ptid = 1;
  t.comm = "nginx";
  t.exe = "nginx: worker process";
  t.exepath = "/usr/sbin/nginx";
  t.args = {"-g", "daemon off;", "-c", "/etc/nginx/nginx.conf"};
  for (int i = 0; i < 12; ++i) t.env.push_back("VARIABLE_" + std::to_string(i) + "=some-typical-value");
  for (const char* s : {"cpu", "memory", "pids", "blkio", "devices"}) {
    t.cgroups.push_back(std::string(s) + "=/system.slice/nginx.service");
  }
  t.cwd = "/var/www";
  return t;
}

void BM_BytesPerThread(benchmark::State& state) {
  const int64_t n = state.range(0);
  double per_thread = 0;
  for (auto _ : state) {
    ZoneState z;
    int64_t before = g_live_bytes.load();
    for (int64_t i = 0; i < n; ++i) z.seed_thread(typical_thread(1000 + i));
    per_thread = static_cast<double>(g_live_bytes.load() - before) / static_cast<double>(n);
    benchmark::DoNotOptimize(z);
  }
  state.counters["bytes_per_thread"] = per_thread;
  state.counters["sizeof_ThreadInfo"] = sizeof(ThreadInfo);
}
BENCHMARK(BM_BytesPerThread)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_BytesPerFd(benchmark::State& state) {
  const int64_t n = state.range(0);
  double per_fd = 0;
  for (auto _ : state) {
    ZoneState z(std::string("host"), std::string("host"), StateLimits{.max_threads = 16, .max_fds_per_process = 1u << 20});
    z.seed_thread(typical_thread(1000));
    int64_t before = g_live_bytes.load();
    for (int64_t fd = 0; fd < n; ++fd) {
      FdSnapshot f;
      f.tid = 1000;
      f.fd = fd;
      f.kind = FdKind::File;
      f.name = "/var/log/nginx/access-" + std::to_string(fd) + ".log";
      z.seed_fd(f);
    }
    per_fd = static_cast<double>(g_live_bytes.load() - before) / static_cast<double>(n);
    benchmark::DoNotOptimize(z);
  }
  state.counters["bytes_per_fd"] = per_fd;
  state.counters["sizeof_FdInfo"] = sizeof(FdInfo);
}
BENCHMARK(BM_BytesPerFd)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond);

struct EventStream {
  std::deque<std::vector<uint8_t>> records;
  std::vector<RawEvent> events;
  void add(std::vector<uint8_t> rec) {
    records.push_back(std::move(rec));
    RawEvent ev;
    const char* err = nullptr;
    if (parse_raw_event(records.back(), ev, &err)) events.push_back(ev);
  }
};

void BM_OpenReadClose(benchmark::State& state) {
  EventStream s;
  uint64_t ts = 1;
  for (int i = 0; i < 1000; ++i) {
    s.add(encode_event_by_name("openat", 1000, ts++, {{"fd", 3}, {"dirfd", kAtFdCwd}, {"name", "/etc/hosts"}, {"flags", 1}}));
    s.add(encode_event_by_name("read", 1000, ts++, {{"res", 10}, {"data", ParamValue::bytes("0123456789")}, {"fd", 3}, {"size", 10}}));
    s.add(encode_event_by_name("close", 1000, ts++, {{"res", 0}, {"fd", 3}}));
  }
  ZoneState z;
  z.seed_thread(typical_thread(1000));
  uint64_t num = 0;
  for (auto _ : state) {
    for (const RawEvent& ev : s.events) benchmark::DoNotOptimize(z.on_event(ev, ++num));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.events.size()));
}
BENCHMARK(BM_OpenReadClose);

void BM_ForkExecExit(benchmark::State& state) {
  EventStream s;
  uint64_t ts = 1;
  for (int64_t child = 2000; child < 2200; ++child) {
    s.add(encode_event_by_name("clone", 1000, ts++, {{"res", child}, {"exe", "nginx"}, {"tid", 1000}, {"pid", 1000},
                                                     {"ptid", 1}, {"comm", "nginx"}, {"flags", 0}, {"vtid", 1000}, {"vpid", 1000}}));
    s.add(encode_event_by_name("execve", child, ts++, {{"res", 0}, {"exe", "sh"}, {"args", ParamValue::strings({"-c", "true"})},
                                                      {"tid", child}, {"pid", child}, {"ptid", 1000}, {"comm", "sh"},
                                                      {"trusted_exepath", "/bin/sh"}}));
    s.add(encode_event_by_name("procexit>", child, ts++, {{"status", 0}}));
  }
  ZoneState z;
  z.seed_thread(typical_thread(1000));
  uint64_t num = 0;
  for (auto _ : state) {
    for (const RawEvent& ev : s.events) benchmark::DoNotOptimize(z.on_event(ev, ++num));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.events.size()));
}
BENCHMARK(BM_ForkExecExit);

}  // namespace
}  // namespace eg

BENCHMARK_MAIN();
