// Parse (and print) time of the macro and rule conditions of the upstream
// Falco rules files: the parser runs once per macro and rule at every start,
// so the whole set should take well under a millisecond or two. A few typical
// conditions are built in for when the shared rules files are absent.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

#include "parser/condition/ast_printer.h"
#include "parser/condition/condition_parser.h"

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTypicalConditions = {
    "evt.type in (execve, execveat) and evt.dir=< and proc.name in (bash, sh, zsh)",
    "(evt.type in (open, openat, openat2) and evt.is_open_write=true and fd.typechar='f' and "
    "fd.num>=0)",
    "spawned_process and container and proc.tty != 0 and proc.is_vpgid_leader=true and "
    "not user_expected_terminal_shell_in_container_conditions",
    "open_write and not proc.name in (known_writers) and (fd.directory in (/etc, /usr/bin) or "
    "fd.name startswith /etc/sudoers or proc.aname[2] = sshd)",
    "inbound_outbound and fd.sip.name exists and not fd.snet in (rfc_1918_addresses) and "
    "proc.cmdline contains \"curl -k\" and toupper(proc.name) = CURL",
};

std::vector<std::string> upstream_conditions() {
  std::vector<std::string> out;
  const fs::path dir = fs::path(EG_SHARED_DIR) / "compat" / "rules";
  for (const char* name :
       {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    try {
      for (const auto& item : YAML::LoadFile((dir / name).string())) {
        if ((item["rule"] || item["macro"]) && item["condition"]) {
          out.push_back(item["condition"].as<std::string>());
        }
      }
    } catch (const YAML::Exception&) {
    }
  }
  return out;
}

void parse_all(benchmark::State& state, const std::vector<std::string>& conditions) {
  size_t bytes = 0;
  for (const auto& c : conditions) bytes += c.size();
  for (auto _ : state) {
    for (const auto& c : conditions) {
      auto result = eg::parse_condition(c);
      benchmark::DoNotOptimize(result.expr);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["conditions"] = static_cast<double>(conditions.size());
}

void BM_ParseUpstreamConditions(benchmark::State& state) {
  const auto conditions = upstream_conditions();
  if (conditions.empty()) {
    state.SkipWithError("upstream rules files not found");
    return;
  }
  parse_all(state, conditions);
}
BENCHMARK(BM_ParseUpstreamConditions)->Unit(benchmark::kMicrosecond);

void BM_ParseTypicalConditions(benchmark::State& state) { parse_all(state, kTypicalConditions); }
BENCHMARK(BM_ParseTypicalConditions)->Unit(benchmark::kMicrosecond);

void BM_PrintTypicalConditions(benchmark::State& state) {
  std::vector<eg::ast::ExprPtr> parsed;
  for (const auto& c : kTypicalConditions) parsed.push_back(eg::parse_condition(c).expr);
  for (auto _ : state) {
    for (const auto& e : parsed) benchmark::DoNotOptimize(eg::ast::to_string(*e));
  }
}
BENCHMARK(BM_PrintTypicalConditions)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
