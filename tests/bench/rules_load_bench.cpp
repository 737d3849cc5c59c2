// Load + compile time of the three upstream rules files together (the
// default Falco rule set), the start-up cost every run pays. Goal: < 20 ms.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/loader/rule_loader.h"

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

void BM_LoadUpstreamRules(benchmark::State& state) {
  const auto files = upstream_files();
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
