// Field extraction cost: replays a shared capture through the state engine and
// extracts (and renders) a typical rule's fields on every event. Skips when
// the shared corpus is absent.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "engine/cli/capture_seeding.h"
#include "engine/extract/extractor.h"
#include "engine/extract/value_render.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace eg {
namespace {

const std::filesystem::path kCapture = std::filesystem::path(EG_SHARED_DIR) / "compat" / "traces" / "curl_google.scap";

constexpr const char* kFields[] = {"evt.type", "proc.name", "proc.cmdline", "proc.aname", "fd.name",
                                   "user.name", "evt.args", "proc.pname", "fd.sip", "container.id"};

std::vector<std::unique_ptr<Extractor>> make_all() {
  std::vector<std::unique_ptr<Extractor>> out;
  for (auto name : kFields) {
    ExtractorRequest req;
    req.info = find_field(name);
    std::string error;
    out.push_back(make_extractor(req, &error));
  }
  return out;
}

void replay(benchmark::State& state, bool render) {
  if (!std::filesystem::exists(kCapture)) {
    state.SkipWithError("shared capture not found");
    return;
  }
  auto extractors = make_all();
  std::vector<RenderSpec> specs;
  for (auto name : kFields) specs.push_back(render_spec(*find_field(name)));
  uint64_t events = 0;
  for (auto _ : state) {
    std::string error;
    auto reader = CaptureReader::open_file(kCapture.string(), {}, error);
    ZoneState zone;
    cli::seed_zone_from_capture(zone, reader->section());
    CaptureEvent ev;
    FieldValues values;
    while (reader->next(ev) == CaptureReader::Next::Event) {
      const EventContext& ctx = zone.on_event(ev.raw, ev.num);
      if (!ev.visible) continue;
      ++events;
      for (size_t i = 0; i < extractors.size(); ++i) {
        values.clear();
        extractors[i]->extract(ctx, values);
        if (render) benchmark::DoNotOptimize(render_json(specs[i], values));
        benchmark::DoNotOptimize(values.data());
      }
    }
  }
  state.counters["events"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void BM_ExtractTenFields(benchmark::State& state) { replay(state, false); }
void BM_ExtractAndRenderTenFields(benchmark::State& state) { replay(state, true); }
BENCHMARK(BM_ExtractTenFields);
BENCHMARK(BM_ExtractAndRenderTenFields);

}  // namespace
}  // namespace eg

BENCHMARK_MAIN();
