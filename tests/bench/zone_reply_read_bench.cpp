// What the zone pump pays per reply besides gRPC, before and after reading
// replies in place: protobuf's parse into the view message
// (edera_guard/zone_stream_view.proto) against zone_reply_reader.h, alone and
// followed by the event decode (encode, parse, convert, visibility) that the
// pump does next. Workload: the replies of a real benchmark capture, the
// ones fake_edera_daemon streams in scripts/bench-zone.sh:
//   EG_ZONE_BENCH_CAPTURE=build/bench-1000000.scap build/zone_reply_read_bench
// (its first 200,000 events; skipped when the variable is not set).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "edera_guard/zone_stream_view.pb.h"
#include "engine/sources/capture_reader.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_message_builder.h"
#include "engine/sources/edera/zone_reply_reader.h"

namespace {

using namespace eg;
constexpr std::string_view kZone = "00000000-0000-4000-8000-000000000001";
constexpr size_t kEvents = 200000;

struct Workload {
  std::vector<std::string> replies;  // serialized MonitorZoneKernelEventReply, one event each
  std::string error;
};

const Workload& workload() {
  static Workload w = [] {
    Workload w;
    const char* path = std::getenv("EG_ZONE_BENCH_CAPTURE");
    if (!path) {
      w.error = "set EG_ZONE_BENCH_CAPTURE to a capture (scripts/bench-zone.sh makes BUILD/bench-1000000.scap)";
      return w;
    }
    auto reader = CaptureReader::open_file(path, {}, w.error);
    if (!reader) return w;
    CaptureEvent ev;
    while (w.replies.size() < kEvents && reader->next(ev) == CaptureReader::Next::Event)
      w.replies.push_back(edera::syscall_reply(edera::syscall_message(ev.raw, kZone, ev.raw.cpu)).SerializeAsString());
    if (w.replies.empty() && w.error.empty()) w.error = std::string(path) + ": no events";
    return w;
  }();
  return w;
}

template <typename Step>
void run(benchmark::State& state, Step step) {
  const Workload& w = workload();
  if (w.replies.empty()) {
    state.SkipWithError(w.error.c_str());
    return;
  }
  for (auto _ : state)
    for (const auto& r : w.replies) step(r);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.replies.size()));
}

void BM_ReplyViewParse(benchmark::State& state) {
  edera::wire::MonitorZoneKernelEventReplyView view;
  run(state, [&](const std::string& r) { benchmark::DoNotOptimize(view.ParseFromString(r)); });
}
BENCHMARK(BM_ReplyViewParse)->Unit(benchmark::kMillisecond);

void BM_ReplyReadInPlace(benchmark::State& state) {
  edera::ZoneReplyRef reply;
  edera::SyscallEventRef event;
  run(state, [&](const std::string& r) {
    benchmark::DoNotOptimize(edera::read_zone_reply(r, reply) && edera::read_syscall_event(reply.syscall, event));
  });
}
BENCHMARK(BM_ReplyReadInPlace)->Unit(benchmark::kMillisecond);

void BM_ReplyViewParseAndDecode(benchmark::State& state) {
  edera::wire::MonitorZoneKernelEventReplyView view;
  edera::ZoneEventDecoder decoder;
  edera::ZoneEvent ev;
  std::string error;
  run(state, [&](const std::string& r) {
    view.ParseFromString(r);
    benchmark::DoNotOptimize(decoder.decode(view.syscall(view.syscall_size() - 1), ev, error));
  });
}
BENCHMARK(BM_ReplyViewParseAndDecode)->Unit(benchmark::kMillisecond);

void BM_ReplyReadAndDecode(benchmark::State& state) {
  edera::ZoneReplyRef reply;
  edera::SyscallEventRef event;
  edera::ZoneEventDecoder decoder;
  edera::ZoneEvent ev;
  std::string error;
  run(state, [&](const std::string& r) {
    edera::read_zone_reply(r, reply);
    edera::read_syscall_event(reply.syscall, event);
    benchmark::DoNotOptimize(decoder.decode(event, ev, error));
  });
}
BENCHMARK(BM_ReplyReadAndDecode)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
