// Load + compile time of the three upstream rules files together (the
// default Falco rule set), the start-up cost every run pays. Goal: < 20 ms.
#include <benchmark/benchmark.h>

#include "engine/loader/rule_loader.h"
#include "tests/bench/upstream_rules.h"

namespace {

void BM_LoadUpstreamRules(benchmark::State& state) {
  const auto files = eg::bench::upstream_rules_files();
  if (files.front().content.empty()) {
    state.SkipWithError("upstream rules files not found");
    return;
  }
  for (auto _ : state) {
    eg::RuleLoader loader;
    loader.load_all(files);
    benchmark::DoNotOptimize(loader.rules().size());
  }
}
BENCHMARK(BM_LoadUpstreamRules)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
