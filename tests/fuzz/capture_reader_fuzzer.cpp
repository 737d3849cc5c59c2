// Fuzzes the capture reader end to end: arbitrary bytes (plain or gzip) are
// opened as a capture, every event is read, converted, decoded and rendered.
// The reader must never crash, hang or read out of bounds, whatever the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/sources/capture_reader.h"
#include "fields/param_decoder.h"
#include "fields/param_render.h"

namespace {

// Claims to know every fd and thread so that the state-dependent rendering
// paths are exercised too.
struct KnowsEverything : eg::ParamRenderContext {
  bool has_thread() const override { return true; }
  bool fd_info(int64_t, eg::FdDescription& out) const override {
    out = {'f', 0, "/fuzz"};
    return true;
  }
  bool thread_comm(int64_t, std::string_view& comm) const override {
    comm = "fuzz";
    return true;
  }
  std::string cwd() const override { return "/"; }
  std::string dir_fd_path(int64_t) const override { return "/d/"; }
};

void read_all(std::span<const uint8_t> bytes, bool convert) {
  std::string error;
  auto reader = eg::CaptureReader::open_memory(bytes, {.convert = convert}, error);
  if (!reader) return;
  KnowsEverything ctx;
  eg::CaptureEvent ev;
  for (int n = 0; n < 100000; ++n) {
    auto r = reader->next(ev);
    if (r == eg::CaptureReader::Next::End || r == eg::CaptureReader::Next::Error) break;
    if (r != eg::CaptureReader::Next::Event) continue;
    (void)eg::event_type_name(ev.raw);
    (void)eg::render_args(ev.raw, ctx);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  read_all(bytes, true);
  read_all(bytes, false);
  return 0;
}
