// The replay run loop (see replay_run.h).
#include "engine/cli/replay_run.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>

#include "engine/cli/capture_seeding.h"
#include "engine/cli/evaluated_codes.h"
#include "engine/cli/rule_selection.h"
#include "engine/output/alert_formatter.h"
#include "engine/output/output_dispatcher.h"
#include "engine/output/run_summary.h"
#include "engine/ruleset/ruleset.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/state_engine.h"

namespace eg::cli {
namespace {

std::atomic<int> g_stop_signals{0};

void on_stop_signal(int) { g_stop_signals.fetch_add(1); }

output::RuleOutputInfo output_info(const CompiledRule& r) {
  return {r.name, r.output, r.priority, r.source, r.tags};
}

// One formatter per active rule (nullptr for inactive ones).
bool build_formatters(const std::vector<CompiledRule>& rules, const std::vector<bool>& active,
                      const output::OutputConfig& config,
                      std::vector<std::optional<output::RuleFormatter>>& out) {
  out.resize(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!active[i]) continue;
    std::string error;
    out[i] = output::RuleFormatter::compile(output_info(rules[i]), config, &error);
    if (!out[i]) {
      std::fprintf(stderr, "Error: rule '%s': invalid output format: %s\n", rules[i].name.c_str(), error.c_str());
      return false;
    }
  }
  return true;
}

void print_drop_monitoring() {
  std::fputs("Syscall event drop monitoring:\n   - event drop detected: 0 occurrences\n"
             "   - num times actions taken: 0\n", stderr);
}

}  // namespace

void install_stop_signal_handlers() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

bool stop_requested() { return g_stop_signals.load() > 0; }
bool drain_abort_requested() { return g_stop_signals.load() > 1; }

int run_replay(const AppConfig& config, RuleLoader& loader, const RunOptions& options) {
  std::string error;
  auto reader = CaptureReader::open_file(config.capture_file, {}, error);
  if (!reader) {
    std::fprintf(stderr, "Error: %s\n", error.c_str());
    return 1;
  }
  const auto& rules = loader.rules();
  for (const auto& l : selection_log_lines(config)) std::fprintf(stderr, "%s\n", l.c_str());
  Ruleset ruleset = Ruleset::from_compiled(rules);
  ruleset.select(ruleset_selection(config));
  std::vector<bool> active(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) active[i] = ruleset.is_active(i);
  std::vector<std::optional<output::RuleFormatter>> formatters;
  if (!build_formatters(rules, active, config.outputs, formatters)) return 1;
  auto dispatcher = output::OutputDispatcher::create(config.outputs, &error);
  if (!dispatcher) {
    std::fprintf(stderr, "Error: %s\n", error.c_str());
    return 1;
  }
  std::vector<std::string> names;
  for (const auto& r : rules) names.push_back(r.name);
  output::RunSummary summary(names);
  const RuleMatching matching = config.rule_matching_all ? RuleMatching::All : RuleMatching::First;
  const EvaluatedCodes evaluated(ruleset);
  std::vector<const RulesetRule*> matches;

  StateEngine state;
  ZoneState& zone = state.zone("host", "host");
  seed_zone_from_capture(zone, reader->section());
  auto started = std::chrono::steady_clock::now();
  uint64_t events = 0, first_ts = 0;
  int exit_code = 0;
  CaptureEvent ev;
  while (!stop_requested()) {
    auto next = reader->next(ev);
    if (next == CaptureReader::Next::Section) {
      seed_zone_from_capture(zone, reader->section());
      continue;
    }
    if (next == CaptureReader::Next::End) break;
    if (next == CaptureReader::Next::Error) {
      std::fprintf(stderr, "Error: %s\n", reader->error().c_str());
      exit_code = 1;
      break;
    }
    if (first_ts == 0) first_ts = ev.raw.ts;
    if (options.duration_s && ev.raw.ts - first_ts > options.duration_s * 1000000000ULL) break;
    const EventContext& ctx = zone.on_event(ev.raw, ev.num, evaluated.context_use(ev.raw.type));
    if (!ev.visible) continue;
    ++events;
    if (!evaluated.has_rules(ev.raw.type)) continue;
    matches.clear();
    ruleset.evaluate(ctx, ev.raw.type, matching, matches);
    for (const RulesetRule* m : matches) {
      dispatcher->dispatch(formatters[m->load_index]->format(ctx));
      summary.count(m->load_index, m->priority);
    }
  }
  dispatcher->close(std::chrono::milliseconds(config.outputs.drain_timeout_ms), drain_abort_requested);
  std::fflush(stdout);
  std::fputs(summary.render().c_str(), stdout);
  std::fflush(stdout);
  print_drop_monitoring();
  if (options.verbose) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "Elapsed time: %.3f, Captured Events: %llu, %.2f eps\n", secs,
                 static_cast<unsigned long long>(events), secs > 0 ? events / secs : 0.0);
  }
  return exit_code;
}

}  // namespace eg::cli
