// Rule evaluation of one event with the three upstream rules files loaded:
// the cost the event loop pays per event in Ruleset::evaluate, without
// reading, state or alerts. An `openat` is the worst common case (22 rules);
// the shared-macro counters show how many macro evaluations were answered
// from the per-event table (engine/compiler/shared_results.h).
#include <benchmark/benchmark.h>

#include <vector>

#include "engine/cli/capture_seeding.h"
#include "engine/compiler/shared_results.h"
#include "engine/loader/rule_loader.h"
#include "engine/ruleset/ruleset.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"
#include "tests/bench/upstream_rules.h"

namespace {

// Evaluates the rules on the last visible event of a one-event capture: a
// `cat` process opening `path` for reading.
void evaluate_open(benchmark::State& state, const char* path) {
  const auto files = eg::bench::upstream_rules_files();
  if (files.front().content.empty()) {
    state.SkipWithError("upstream rules files not found");
    return;
  }
  eg::RuleLoader loader;
  loader.load_all(files);
  eg::Ruleset set = eg::Ruleset::from_compiled(loader.rules());

  eg::CaptureBuilder b;
  eg::ThreadSnapshot t;
  t.tid = t.pid = 10;
  t.ptid = 1;
  t.comm = t.exe = "cat";
  b.add_thread(t);
  b.add("openat", 10, 1'000'000'000ull, {{"fd", 3}, {"dirfd", -100}, {"name", path}, {"flags", 1}});
  const std::vector<uint8_t> bytes = b.bytes();
  std::string error;
  auto reader = eg::CaptureReader::open_memory(bytes, {}, error);
  if (!reader) {
    state.SkipWithError(error.c_str());
    return;
  }
  eg::ZoneState zone;
  eg::cli::seed_zone_from_capture(zone, reader->section());
  eg::CaptureEvent ev;
  const eg::EventContext* ctx = nullptr;
  uint16_t code = 0;
  while (reader->next(ev) == eg::CaptureReader::Next::Event) {
    const eg::EventContext& c = zone.on_event(ev.raw, ev.num);
    if (ev.visible) {
      ctx = &c;
      code = ev.raw.type;
    }
  }
  if (ctx == nullptr) {
    state.SkipWithError("no visible event");
    return;
  }
  std::vector<const eg::RulesetRule*> matches;
  for (auto _ : state) {
    matches.clear();
    benchmark::DoNotOptimize(set.evaluate(*ctx, code, eg::RuleMatching::First, matches));
  }
  const auto& table = loader.rules().front().shared_results;
  if (table) {
    state.counters["macro_hits"] =
        benchmark::Counter(static_cast<double>(table->counters().hits), benchmark::Counter::kAvgIterations);
    state.counters["macro_misses"] =
        benchmark::Counter(static_cast<double>(table->counters().misses), benchmark::Counter::kAvgIterations);
  }
  state.counters["rules"] = static_cast<double>(set.bucket(code).size());
}

void BM_EvaluateOpenOfTmpFile(benchmark::State& state) { evaluate_open(state, "/tmp/x"); }
void BM_EvaluateOpenOfEtcShadow(benchmark::State& state) { evaluate_open(state, "/etc/shadow"); }
BENCHMARK(BM_EvaluateOpenOfTmpFile);
BENCHMARK(BM_EvaluateOpenOfEtcShadow);

}  // namespace

BENCHMARK_MAIN();
