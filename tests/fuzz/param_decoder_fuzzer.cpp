// Fuzzes event-record parsing and param decoding/rendering. The input is used
// three ways: as a 26-byte-header record, as a legacy 22-byte-header record,
// and (first two bytes = event code, third = param index) as the value of one
// param of a well-formed record, so every PT_* decoder sees arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fields/event_encoder.h"
#include "fields/event_schema.h"
#include "fields/param_decoder.h"
#include "fields/param_render.h"

namespace {

struct KnowsEverything : eg::ParamRenderContext {
  bool has_thread() const override { return true; }
  bool fd_info(int64_t fd, eg::FdDescription& out) const override {
    out = {fd & 1 ? '4' : 'f', fd & 2 ? 't' : '\0', "/fuzz"};
    return true;
  }
  bool thread_comm(int64_t, std::string_view& comm) const override {
    comm = "fuzz";
    return true;
  }
  std::string cwd() const override { return "/cwd/"; }
  std::string dir_fd_path(int64_t) const override { return "/dir/"; }
  bool user_name(uint32_t, std::string_view& name) const override {
    name = "user";
    return true;
  }
};

void render_everything(const eg::RawEvent& ev) {
  KnowsEverything full;
  eg::ParamRenderContext none;
  (void)eg::render_args(ev, full);
  (void)eg::render_args(ev, none);
  (void)eg::event_type_name(ev);
  for (uint32_t i = 0; i < ev.nparams; ++i) {
    eg::DecodedParam d = eg::decode_param(ev, i);
    if (d.type == eg::FieldType::FDLIST) (void)eg::decode_fdlist(d.bytes);
    if (d.type == eg::FieldType::CHARBUFARRAY) (void)eg::decode_string_list(d.bytes);
    if (d.type == eg::FieldType::CHARBUF_PAIR_ARRAY) (void)eg::decode_string_pairs(d.bytes);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  eg::RawEvent ev;
  const char* why = nullptr;
  if (eg::parse_raw_event(bytes, ev, &why)) render_everything(ev);
  if (eg::parse_legacy_raw_event(bytes, ev, &why)) render_everything(ev);

  if (size < 3) return 0;
  auto events = eg::all_events();
  const eg::EventInfo& info = events[(data[0] | (data[1] << 8)) % events.size()];
  if (info.params.empty()) return 0;
  uint32_t idx = data[2] % info.params.size();
  std::vector<eg::ParamBytes> params(info.params.size());
  for (size_t k = 0; k < params.size(); ++k) params[k] = eg::default_param_bytes(info.params[k].type);
  params[idx] = bytes.subspan(3, std::min<size_t>(size - 3, 0xffff));
  std::vector<uint8_t> rec;
  if (eg::encode_event(1, 2, info.code, params, rec) && eg::parse_raw_event(rec, ev, &why))
    render_everything(ev);
  return 0;
}
