// Rule evaluation of one event with the three upstream rules files loaded:
// the cost the event loop pays per event in Ruleset::evaluate, without
// reading, state or alerts. An `openat` is the worst common case (22 rules);
// the shared-macro counters show how many macro evaluations were answered
// from the per-event table (engine/compiler/shared_results.h).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/compiler/shared_results.h"
#include "engine/loader/rule_loader.h"
#include "engine/ruleset/ruleset.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace {

std::vector<eg::RulesFileInput> upstream_files() {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(EG_SHARED_DIR) / "compat" / "rules";
  std::vector<eg::RulesFileInput> out;
  for (const char* name : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    std::ifstream in(dir / name, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    out.push_back({name, os.str()});
  }
  return out;
}

// Evaluates the rules on the last visible event of a one-event capture: a
// `cat` process opening `path` for reading.
void evaluate_open(benchmark::State& state, const char* path) {
  const auto files = upstream_files();
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
  for (const auto& s : reader->section().threads) zone.seed_thread(s);
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
