// Fuzzes the Edera zone path end to end: arbitrary bytes are read both as one
// MonitorZoneKernelEventReply and as an IDM-framed stream of replies (so that
// a snapshot can be followed by events), each through the daemon's schema and
// through the bytes-only views the zone pump uses; snapshots are converted and seeded,
// syscall events are encoded into native records, parsed, converted and fed
// to ZoneState::on_event, then rendered. Nothing may crash, hang or read out
// of bounds. Accepted events must also survive the reverse direction: the
// message built from the delivered record encodes back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <google/protobuf/stubs/logging.h>

#include "edera_guard/zone_snapshot_view.pb.h"
#include "edera_guard/zone_stream_view.pb.h"
#include "engine/sources/edera/idm_framing.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_message_builder.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "engine/state/zone_state.h"
#include "fields/param_render.h"
#include "protect/control/v1/control.pb.h"

namespace {

namespace pb = protect::control::v1;

struct Zone {
  eg::ZoneState state{"fuzz", "fuzz"};
  eg::edera::ZoneEventDecoder decoder;
  uint64_t evt_num = 0;
};

void check_round_trip(const eg::RawEvent& ev) {
  std::vector<uint8_t> again;
  std::string error;
  pb::ZoneKernelSyscallEvent m = eg::edera::syscall_message(ev, "fuzz", ev.cpu);
  if (!eg::edera::encode_syscall_event(m, again, error)) __builtin_trap();
  if (again.size() != ev.len || std::memcmp(again.data(), ev.record, ev.len) != 0) __builtin_trap();
}

void handle(Zone& z, const pb::MonitorZoneKernelEventReply& reply) {
  if (reply.has_threadsnap()) {
    eg::edera::ZoneSnapshot snap = eg::edera::convert_thread_snapshot(reply.threadsnap());
    eg::edera::apply_snapshot(z.state, snap);
    z.decoder.reset();
    return;
  }
  if (!reply.has_syscall()) return;
  eg::edera::ZoneEvent ev;
  std::string error;
  if (z.decoder.decode(reply.syscall(), ev, error) != eg::edera::ZoneEventDecoder::Result::Event)
    return;
  check_round_trip(ev.raw);
  z.state.on_event(ev.raw, ++z.evt_num);
  eg::ParamRenderContext no_state;
  (void)eg::render_args(ev.raw, no_state);
}

// The pump's reading: the bytes-only views (edera_guard/*.proto).
void handle_view(Zone& z, const eg::edera::wire::MonitorZoneKernelEventReplyView& reply) {
  if (reply.has_threadsnap()) {
    eg::edera::wire::ZoneKernelThreadSnapshotEventView snap;
    if (snap.ParseFromString(reply.threadsnap())) {
      eg::edera::apply_snapshot(z.state, eg::edera::convert_thread_snapshot(snap));
      z.decoder.reset();
    }
  }
  if (reply.syscall_size() == 0) return;
  eg::edera::ZoneEvent ev;
  std::string error;
  if (z.decoder.decode(reply.syscall(reply.syscall_size() - 1), ev, error) !=
      eg::edera::ZoneEventDecoder::Result::Event)
    return;
  check_round_trip(ev.raw);
  z.state.on_event(ev.raw, ++z.evt_num);
}

void handle_bytes(Zone& schema, Zone& view, const uint8_t* data, size_t size) {
  pb::MonitorZoneKernelEventReply reply;
  if (reply.ParseFromArray(data, static_cast<int>(size))) handle(schema, reply);
  eg::edera::wire::MonitorZoneKernelEventReplyView v;
  if (v.ParseFromArray(data, static_cast<int>(size))) handle_view(view, v);
}

}  // namespace

// protobuf logs every invalid UTF-8 string it refuses; that is expected here.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    Zone schema, view;
    handle_bytes(schema, view, data, size);
  }
  {
    Zone schema, view;
    eg::edera::IdmFrameDecoder frames(1u << 20);
    frames.feed({data, size});
    krata::idm::transport::IdmTransportPacket packet;
    std::string error;
    for (int n = 0; n < 10000; ++n) {
      auto r = frames.next(packet, error);
      if (r == eg::edera::IdmFrameDecoder::Next::NeedMore) break;
      if (r != eg::edera::IdmFrameDecoder::Next::Packet) continue;
      handle_bytes(schema, view, reinterpret_cast<const uint8_t*>(packet.data().data()),
                   packet.data().size());
    }
  }
  return 0;
}
