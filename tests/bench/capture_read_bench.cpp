// Throughput of the capture path: reading (framing + conversion + numbering),
// decoding every param, and rendering evt.args, over a synthetic capture of
// mixed syscalls built in memory, and over a shared old-format trace (which
// exercises the converter on every enter/exit pair).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "fields/param_decoder.h"
#include "fields/param_render.h"

namespace {

using namespace eg;

// `n` events of a shell-ish workload: opens, reads, closes, connects, execs, generics.
std::vector<uint8_t> mixed_capture(size_t n) {
  CaptureBuilder b("bench");
  for (int64_t tid = 100; tid < 110; ++tid) {
    ThreadSnapshot t;
    t.tid = t.pid = tid;
    t.ptid = 1;
    t.comm = "worker";
    t.exe = "/usr/bin/worker";
    t.cwd = "/srv/";
    b.add_thread(t);
  }
  uint64_t ts = 1'700'000'000'000'000'000ULL;
  for (size_t i = 0; i < n; ++i) {
    int64_t tid = 100 + static_cast<int64_t>(i % 10);
    ts += 1000;
    switch (i % 6) {
      case 0:
        b.add("openat", tid, ts, {{"fd", 5}, {"dirfd", kAtFdCwd}, {"name", "/etc/ld.so.cache"},
                                  {"flags", 4097}, {"mode", 0}});
        break;
      case 1:
        b.add("read", tid, ts, {{"res", 64}, {"data", ParamValue::bytes(std::string(64, 'a'))},
                                {"fd", 5}, {"size", 4096}});
        break;
      case 2:
        b.add("close", tid, ts, {{"res", 0}, {"fd", 5}});
        break;
      case 3:
        b.add("connect", tid, ts,
              {{"res", 0}, {"tuple", ParamValue::socktuple_inet("10.0.0.2", 40000, "10.0.0.3", 443)},
               {"fd", 6}});
        break;
      case 4:
        b.add("execve", tid, ts, {{"res", 0}, {"exe", "/bin/sh"},
                                  {"args", ParamValue::strings({"-c", "true"})}, {"tid", tid},
                                  {"pid", tid}, {"ptid", 1}, {"comm", "sh"}});
        break;
      default:
        b.add("getpid", tid, ts);
        break;
    }
  }
  return b.bytes();
}

const std::vector<uint8_t>& capture_of(size_t n) {
  static std::map<size_t, std::vector<uint8_t>> cache;
  auto& c = cache[n];
  if (c.empty()) c = mixed_capture(n);
  return c;
}

struct ThreadOnly : ParamRenderContext {
  bool has_thread() const override { return true; }
};

void BM_ReadSynthetic(benchmark::State& state) {
  const auto& bytes = capture_of(static_cast<size_t>(state.range(0)));
  uint64_t events = 0;
  for (auto _ : state) {
    std::string error;
    auto reader = CaptureReader::open_memory(bytes, {}, error);
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event) ++events;
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_ReadSynthetic)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_ReadAndDecodeSynthetic(benchmark::State& state) {
  const auto& bytes = capture_of(static_cast<size_t>(state.range(0)));
  uint64_t params = 0;
  for (auto _ : state) {
    std::string error;
    auto reader = CaptureReader::open_memory(bytes, {}, error);
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event)
      for (uint32_t i = 0; i < ev.raw.nparams; ++i) {
        DecodedParam d = decode_param(ev.raw, i);
        benchmark::DoNotOptimize(d.u64);
        ++params;
      }
  }
  state.SetItemsProcessed(static_cast<int64_t>(params));
}
BENCHMARK(BM_ReadAndDecodeSynthetic)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_RenderArgsSynthetic(benchmark::State& state) {
  const auto& bytes = capture_of(static_cast<size_t>(state.range(0)));
  ThreadOnly ctx;
  uint64_t events = 0;
  for (auto _ : state) {
    std::string error;
    auto reader = CaptureReader::open_memory(bytes, {}, error);
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event) {
      std::string args = render_args(ev.raw, ctx);
      benchmark::DoNotOptimize(args.data());
      ++events;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
}
BENCHMARK(BM_RenderArgsSynthetic)->Arg(100000)->Unit(benchmark::kMillisecond);

// An old-format gzip trace from the shared corpus: decompression + conversion.
void BM_ReadSharedTrace(benchmark::State& state) {
  std::string path = std::string(EG_SHARED_DIR) + "/compat/traces/single_ipv6_conn.scap";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("shared corpus not found");
    return;
  }
  uint64_t events = 0;
  for (auto _ : state) {
    std::string error;
    auto reader = CaptureReader::open_file(path, {}, error);
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event) ++events;
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
}
BENCHMARK(BM_ReadSharedTrace)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
