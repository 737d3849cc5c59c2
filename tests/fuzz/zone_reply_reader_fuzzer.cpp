// Differential fuzzer of the zone pump's in-place reply reader
// (zone_reply_reader.h) against protobuf's parse of the same bytes into the
// view message the pump used before (edera_guard/zone_stream_view.proto):
// both must accept or refuse alike and see the same snapshot bytes, event
// fields and params; an accepted event must decode to the same native
// record either way. Nothing may crash or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <google/protobuf/stubs/logging.h>

#include "edera_guard/zone_stream_view.pb.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_reply_reader.h"

namespace {

using View = eg::edera::wire::MonitorZoneKernelEventReplyView;

bool same_event(const eg::edera::wire::ZoneKernelSyscallEventView& v, const eg::edera::SyscallEventRef& r) {
  if (v.zone_id() != r.zone_id() || v.timestamp() != r.timestamp() || v.thread_id() != r.thread_id() ||
      v.event_name() != r.event_name() || v.event_type() != r.event_type() || v.cpuid() != r.cpuid() ||
      v.event_params_size() != r.event_params_size())
    return false;
  for (int i = 0; i < v.event_params_size(); ++i) {
    const auto& a = v.event_params(i);
    const auto& b = r.event_params(i);
    if (a.name() != b.name() || a.param_type() != b.param_type() || a.param_data() != b.param_data() ||
        a.param_pretty() != b.param_pretty())
      return false;
  }
  return true;
}

void same_record(const eg::edera::wire::ZoneKernelSyscallEventView& v, const eg::edera::SyscallEventRef& r) {
  static eg::edera::ZoneEventDecoder a, b;
  eg::edera::ZoneEvent ea, eb;
  std::string error;
  auto ra = a.decode(v, ea, error);
  auto rb = b.decode(r, eb, error);
  if (ra != rb) __builtin_trap();
  if (ra != eg::edera::ZoneEventDecoder::Result::Event) return;
  if (ea.raw.len != eb.raw.len || std::memcmp(ea.raw.record, eb.raw.record, ea.raw.len) != 0 ||
      ea.raw.cpu != eb.raw.cpu || ea.visible != eb.visible)
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool quiet = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
  }();
  (void)quiet;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  View view;
  const bool view_ok = view.ParseFromString(bytes);
  eg::edera::ZoneReplyRef reply;
  eg::edera::SyscallEventRef event;
  const bool ref_ok =
      eg::edera::read_zone_reply(bytes, reply) && (!reply.has_syscall || eg::edera::read_syscall_event(reply.syscall, event));
  if (view_ok != ref_ok) __builtin_trap();
  if (!view_ok) return 0;
  if (view.has_threadsnap() != reply.has_threadsnap ||
      (reply.has_threadsnap && view.threadsnap() != reply.threadsnap))
    __builtin_trap();
  if ((view.syscall_size() > 0) != reply.has_syscall) __builtin_trap();
  if (!reply.has_syscall) return 0;
  const auto& last = view.syscall(view.syscall_size() - 1);
  if (!same_event(last, event)) __builtin_trap();
  same_record(last, event);
  return 0;
}
