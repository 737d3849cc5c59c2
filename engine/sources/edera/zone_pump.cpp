// See zone_pump.h.
#include "engine/sources/edera/zone_pump.h"

#include <pthread.h>

#include <grpcpp/grpcpp.h>

#include "engine/sources/edera/backoff.h"
#include "engine/sources/edera/daemon_channel.h"
#include "engine/sources/edera/edera_log.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_reply_reader.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "edera_guard/zone_snapshot_view.pb.h"
#include "protect/control/v1/control.grpc.pb.h"

namespace eg::edera {

namespace pb = protect::control::v1;

namespace {

constexpr uint32_t kCpuHotplugEvent = 244;  // PPME_CPU_HOTPLUG_E
constexpr const char* kMonitorMethod = "/protect.control.v1.ControlService/MonitorZoneKernelEvents";

using MonitorStream = grpc::ClientReaderWriter<pb::MonitorZoneKernelEventRequest, grpc::ByteBuffer>;

// The MonitorZoneKernelEvents call, made as the generated stub makes it but
// receiving the replies' bytes as they came (grpc::ByteBuffer): they are read
// in place (zone_reply_reader.h), without UTF-8 checks, protobuf messages or
// copies of the params.
std::unique_ptr<MonitorStream> open_monitor_stream(grpc::Channel& channel, grpc::ClientContext& context) {
  static const grpc::internal::RpcMethod method(kMonitorMethod, grpc::internal::RpcMethod::BIDI_STREAMING);
  return std::unique_ptr<MonitorStream>(
      grpc::internal::ClientReaderWriterFactory<pb::MonitorZoneKernelEventRequest, grpc::ByteBuffer>::Create(
          &channel, method, &context));
}

}  // namespace

// One open MonitorZoneKernelEvents call. Writes (the first `update`, the final
// `stop` + half-close) are serialised by write_mu; reading is the pump
// thread's alone.
class ZonePump::Call {
 public:
  explicit Call(grpc::Channel& channel) : stream(open_monitor_stream(channel, context)) {}

  bool write_update(const std::string& zone_id, const std::vector<uint32_t>& syscalls) {
    pb::MonitorZoneKernelEventRequest req;
    req.set_zone_id(zone_id);
    auto* update = req.mutable_update();  // empty enabled_syscalls: the zone's default set
    for (uint32_t s : syscalls) update->add_enabled_syscalls(s);
    std::lock_guard<std::timed_mutex> lock(write_mu);
    return !stop_sent && stream->Write(req);
  }

  // `stop` then half-close, once. False when the write lock could not be had
  // in time (the caller then cancels).
  bool write_stop(const std::string& zone_id, std::chrono::milliseconds timeout) {
    std::unique_lock<std::timed_mutex> lock(write_mu, std::defer_lock);
    if (!lock.try_lock_for(timeout)) return false;
    if (stop_sent) return true;
    stop_sent = true;
    pb::MonitorZoneKernelEventRequest req;
    req.set_zone_id(zone_id);
    req.mutable_stop();
    stream->Write(req);
    stream->WritesDone();
    return true;
  }

  grpc::ClientContext context;
  std::unique_ptr<MonitorStream> stream;
  std::timed_mutex write_mu;
  bool stop_sent = false;
};

ZonePump::ZonePump(std::shared_ptr<grpc::Channel> channel, ZoneRecord zone, std::shared_ptr<ZoneInbox> inbox,
                   const EderaOptions& options)
    : channel_(std::move(channel)), zone_(std::move(zone)), inbox_(std::move(inbox)), options_(options) {}

ZonePump::~ZonePump() { stop(); }

void ZonePump::start() {
  thread_ = std::thread([this] {
    ::pthread_setname_np(::pthread_self(), "eg-zone-pump");
    run();
  });
}

uint64_t ZonePump::calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

void ZonePump::stop() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!stopping_) {
      stopping_ = true;
      if (call_ && !call_->write_stop(zone_.id, options_.stop_timeout)) call_->context.TryCancel();
    }
    cv_.notify_all();
    // Bounded wait for the daemon to end the stream, then cancel it.
    if (!cv_.wait_for(lock, options_.stop_timeout, [&] { return call_ == nullptr; }) && call_) {
      log("zone {}: daemon did not end the stream within {} ms of stop; cancelling", zone_.id,
          options_.stop_timeout.count());
      call_->context.TryCancel();
    }
  }
  if (thread_.joinable()) thread_.join();
}

bool ZonePump::sleep_unless_stopped(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mu_);
  return !cv_.wait_for(lock, d, [&] { return stopping_; });
}

void ZonePump::run() {
  Backoff backoff(options_.reconnect_min, options_.reconnect_max);
  while (true) {
    CallResult r = run_call();
    if (r.end == CallEnd::Stopped) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    if (r.end == CallEnd::Hotplug) {
      backoff.reset();
      continue;  // resubscribe at once
    }
    if (r.received) backoff.reset();
    auto delay = backoff.next();
    log("zone {}: stream ended ({}), reconnecting in {} ms", zone_.id, r.reason, delay.count());
    if (!sleep_unless_stopped(delay)) return;
  }
}

ZonePump::CallResult ZonePump::run_call() {
  Call call(*channel_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return {CallEnd::Stopped, false, {}};
    call_ = &call;
    ++calls_;
  }
  auto finish = [&](CallResult r) {
    grpc::Status st = call.stream->Finish();
    if (r.reason.empty()) r.reason = status_text(st);
    if (st.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      // A reply over edera.max_message_bytes: gRPC ends the stream; count it
      // as a malformed message (the reconnect below asks for a fresh stream).
      inbox_->count_malformed();
      r.reason += fmt::format(" (a message over edera.max_message_bytes = {})", options_.max_message_bytes);
    }
    std::lock_guard<std::mutex> lock(mu_);
    call_ = nullptr;
    if (stopping_ && r.end != CallEnd::Hotplug) r.end = CallEnd::Stopped;
    cv_.notify_all();
    return r;
  };
  CallResult result;
  if (!call.write_update(zone_.id, options_.enabled_syscalls)) return finish(result);
  log("zone {}: monitoring", zone_.id);

  ZoneEventDecoder decoder;
  ZoneEvent ev;
  std::string error;
  RateLimitedLog malformed_log;
  grpc::ByteBuffer buffer;
  ReplyBytes bytes;
  ZoneReplyRef reply;
  SyscallEventRef m;
  wire::ZoneKernelThreadSnapshotEventView snapshot;  // bytes fields: non-UTF-8 names do not fail it
  auto malformed = [&](std::string why) {
    inbox_->count_malformed();
    if (malformed_log.should_log(inbox_->malformed())) log("zone {}: {}", zone_.id, why);
  };
  while (call.stream->Read(&buffer)) {
    result.received = true;
    if (!bytes.assign(buffer) || !read_zone_reply(bytes.view(), reply)) {
      malformed(fmt::format("malformed reply skipped ({} bytes that do not decode as a MonitorZoneKernelEventReply)",
                            buffer.Length()));
      continue;
    }
    if (reply.has_threadsnap) {
      if (!snapshot.ParseFromArray(reply.threadsnap.data(), static_cast<int>(reply.threadsnap.size()))) {
        inbox_->count_malformed();
        log("zone {}: malformed snapshot skipped ({} bytes that do not decode as a thread snapshot)", zone_.id,
            reply.threadsnap.size());
      } else {
        auto snap = std::make_shared<ZoneSnapshot>(convert_thread_snapshot(snapshot));
        decoder.reset();
        log("zone {}: snapshot ({} threads, {} fds)", zone_.id, snap->threads.size(), snap->fds.size());
        inbox_->push_snapshot(std::move(snap));
      }
    }
    if (!reply.has_syscall) continue;  // neither oneof member: nothing to do
    if (!read_syscall_event(reply.syscall, m)) {
      malformed(fmt::format("malformed event skipped ({} bytes that do not decode as a ZoneKernelSyscallEvent)",
                            reply.syscall.size()));
      continue;
    }
    ZoneEventDecoder::Result d;
    if (!m.zone_id().empty() && m.zone_id() != zone_.id && normalise_zone_id(m.zone_id()) != zone_.id) {
      error = fmt::format("event of zone '{}' on this zone's stream", m.zone_id());
      d = ZoneEventDecoder::Result::Rejected;
    } else {
      d = decoder.decode(m, ev, error);
    }
    if (d == ZoneEventDecoder::Result::Rejected) {
      malformed("malformed event skipped: " + error);
      continue;
    }
    if (d == ZoneEventDecoder::Result::Event)
      inbox_->push_event({ev.raw.record, ev.raw.len}, ev.raw.cpu, ev.visible);
    if (m.event_type() == kCpuHotplugEvent) {
      log("zone {}: CPU hotplug, resubscribing", zone_.id);
      inbox_->push_purge();
      result.end = CallEnd::Hotplug;
      break;
    }
  }
  if (result.end == CallEnd::Hotplug) {
    // Close the old stream (stop + half-close), discarding what it still
    // sends; cancel it if the daemon does not end it in time.
    if (!call.write_stop(zone_.id, options_.stop_timeout)) call.context.TryCancel();
    std::mutex drain_mu;
    std::condition_variable drain_cv;
    bool drained = false;
    std::thread canceller([&] {
      std::unique_lock<std::mutex> lock(drain_mu);
      if (!drain_cv.wait_for(lock, options_.stop_timeout, [&] { return drained; })) call.context.TryCancel();
    });
    while (call.stream->Read(&buffer)) {
    }
    {
      std::lock_guard<std::mutex> lock(drain_mu);
      drained = true;
    }
    drain_cv.notify_all();
    canceller.join();
  }
  return finish(result);
}

}  // namespace eg::edera
