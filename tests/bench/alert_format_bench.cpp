// Alert formatting cost (RuleFormatter::format: text line and JSON document)
// on every event of a shared capture, with a long rule output of the kind the
// upstream rules use (about twenty fields plus the container suffix). Three
// arms: JSON alerts released at once (the formatter refills them in place, as
// when sinks keep up), JSON alerts held a while (a new alert every time), and
// text alerts released at once. Skips when the shared corpus is absent.
#include <benchmark/benchmark.h>

#include <array>
#include <filesystem>

#include "engine/cli/capture_seeding.h"
#include "engine/output/alert_formatter.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace eg::output {
namespace {

const std::filesystem::path kCapture = std::filesystem::path(EG_SHARED_DIR) / "compat" / "traces" / "curl_google.scap";

constexpr const char* kOutput =
    "Known system binary sent/received network traffic | connection=%fd.name lport=%fd.lport rport=%fd.rport "
    "fd_type=%fd.type fd_proto=%fd.l4proto evt_type=%evt.type user=%user.name user_uid=%user.uid "
    "user_loginuid=%user.loginuid process=%proc.name proc_exepath=%proc.exepath parent=%proc.pname "
    "command=%proc.cmdline terminal=%proc.tty";

void format_all(benchmark::State& state, bool hold, bool json = true) {
  if (!std::filesystem::exists(kCapture)) {
    state.SkipWithError("shared capture not found");
    return;
  }
  OutputConfig config;
  config.json_output = json;
  config.hostname = "bench";
  AppendOutputEntry suggested;
  suggested.suggested_output = true;
  config.append_output = {suggested};
  std::string error;
  auto formatter = RuleFormatter::compile({"bench rule", kOutput, Priority::Notice, "syscall", {"network", "process"}},
                                          config, &error);
  if (!formatter) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::array<AlertPtr, 64> held;  // more than the formatter keeps for refills
  size_t next = 0;
  uint64_t alerts = 0;
  for (auto _ : state) {
    auto reader = CaptureReader::open_file(kCapture.string(), {}, error);
    ZoneState zone;
    cli::seed_zone_from_capture(zone, reader->section());
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event) {
      const EventContext& ctx = zone.on_event(ev.raw, ev.num);
      if (!ev.visible) continue;
      AlertPtr a = formatter->format(ctx);
      benchmark::DoNotOptimize(a->line().data());
      if (hold) held[next++ % held.size()] = std::move(a);
      ++alerts;
    }
  }
  state.counters["alerts"] = benchmark::Counter(static_cast<double>(alerts), benchmark::Counter::kIsRate);
}

void BM_FormatReleased(benchmark::State& state) { format_all(state, false); }
void BM_FormatHeld(benchmark::State& state) { format_all(state, true); }
void BM_FormatTextReleased(benchmark::State& state) { format_all(state, false, false); }
BENCHMARK(BM_FormatReleased)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FormatHeld)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FormatTextReleased)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace eg::output

BENCHMARK_MAIN();
