// zone_stream_ceiling: how fast can any gRPC client read a zone's
// MonitorZoneKernelEvents stream, at one reply message per syscall event?
//
//   zone_stream_ceiling --socket PATH --zone ID --messages N [--api API]
//
// It opens the call as edera-guard does (same channel arguments, from
// daemon_channel.h; one `update` request) and reads N replies doing nothing
// with them but count them, then cancels the call. API is one of
//   sync      grpc::ClientReaderWriter over grpc::ByteBuffer (raw, the
//             blocking API the zone pump uses)
//   cq        the generic stub's async reader on a CompletionQueue
//   callback  the generic stub's ClientBidiReactor (gRPC's own threads)
//   core      gRPC's C core directly: one recv-message batch per reply,
//             plucked from the call's completion queue (no C++ layer)
//   view      like sync, but each reply parsed into the view message of
//             edera_guard/zone_stream_view.proto (the zone pump's parse until
//             it read replies in place), to show what protobuf adds
//   ref       like sync, but each reply read in place as the zone pump reads
//             it (zone_reply_reader.h: reply, then its event and params)
// One line on stdout: messages, bytes, seconds and process CPU (user + system
// of all threads, getrusage) from the first reply to the N-th, so connecting
// and the daemon's start-up are left out. Paired with fake_edera_daemon
// --preload in scripts/bench-zone.sh; pin each to its own core there, since a
// reader sharing the daemon's core measures both.
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <grpc/byte_buffer.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/sync_stream.h>
#include <grpcpp/impl/codegen/proto_utils.h>

#include "edera_guard/zone_stream_view.pb.h"
#include "engine/sources/edera/daemon_channel.h"
#include "engine/sources/edera/zone_reply_reader.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "protect/control/v1/control.pb.h"

namespace {

namespace pb = protect::control::v1;
using Clock = std::chrono::steady_clock;

constexpr const char* kMethod = "/protect.control.v1.ControlService/MonitorZoneKernelEvents";

struct Options {
  eg::edera::EderaOptions edera;
  std::string zone;
  std::string api = "sync";
  uint64_t messages = 0;
};

// CPU seconds (user, system) of the whole process so far.
std::pair<double, double> cpu_now() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
  return {secs(u.ru_utime), secs(u.ru_stime)};
}

// Counts replies; the clock and the CPU meter start at the first one.
class Meter {
 public:
  explicit Meter(uint64_t target) : target_(target) {}

  // Counts one reply of `bytes`; true once the target is reached.
  bool count(size_t bytes) {
    if (count_ == 0) {
      start_ = Clock::now();
      cpu_start_ = cpu_now();
    }
    ++count_;
    bytes_ += bytes;
    if (count_ < target_) return false;
    end_ = Clock::now();
    cpu_end_ = cpu_now();
    return true;
  }

  bool done() const { return count_ >= target_; }

  void report(const std::string& api) const {
    if (!done()) {
      std::printf("api=%s: the stream ended after %llu of %llu messages\n", api.c_str(),
                  static_cast<unsigned long long>(count_), static_cast<unsigned long long>(target_));
      return;
    }
    // The first reply starts the meters: the rate is over the other N-1.
    double n = static_cast<double>(count_ - 1);
    double secs = std::chrono::duration<double>(end_ - start_).count();
    double user = cpu_end_.first - cpu_start_.first, sys = cpu_end_.second - cpu_start_.second;
    std::printf(
        "api=%s: %llu messages (%.1f MiB) in %.3f s = %.3f M msgs/s; CPU %.2f s (user %.2f, sys %.2f) = %.2f us/msg\n",
        api.c_str(), static_cast<unsigned long long>(count_), static_cast<double>(bytes_) / (1 << 20), secs,
        n / secs / 1e6, user + sys, user, sys, (user + sys) * 1e6 / n);
  }

 private:
  uint64_t target_;
  uint64_t count_ = 0;
  uint64_t bytes_ = 0;
  Clock::time_point start_, end_;
  std::pair<double, double> cpu_start_{}, cpu_end_{};
};

std::string update_request(const std::string& zone) {
  pb::MonitorZoneKernelEventRequest req;
  req.set_zone_id(zone);
  req.mutable_update();
  return req.SerializeAsString();
}

grpc::ByteBuffer as_buffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::shared_ptr<grpc::Channel> channel(const Options& o) { return eg::edera::make_daemon_channel(o.edera); }

// Blocking reads, as the zone pump makes them, of raw buffers or of views.
template <class Reply>
void read_sync(const Options& o, Meter& meter, std::function<size_t(const Reply&)> size_of) {
  auto ch = channel(o);
  grpc::ClientContext ctx;
  const grpc::internal::RpcMethod method(kMethod, grpc::internal::RpcMethod::BIDI_STREAMING);
  std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, Reply>> stream(
      grpc::internal::ClientReaderWriterFactory<grpc::ByteBuffer, Reply>::Create(ch.get(), method, &ctx));
  if (!stream->Write(as_buffer(update_request(o.zone)))) return;
  Reply reply;
  while (stream->Read(&reply))
    if (meter.count(size_of(reply))) break;
  ctx.TryCancel();
  stream->Finish();
}

size_t buffer_size(const grpc::ByteBuffer& b) { return b.Length(); }

void read_cq(const Options& o, Meter& meter) {
  auto ch = channel(o);
  grpc::GenericStub stub(ch);
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  auto stream = stub.PrepareCall(&ctx, kMethod, &cq);
  enum Tag : intptr_t { kStart = 1, kWrite, kRead, kFinish };
  void* tag = nullptr;
  bool ok = false;
  auto wait_for = [&](Tag want) {
    while (cq.Next(&tag, &ok))
      if (reinterpret_cast<intptr_t>(tag) == want) return ok;
    return false;
  };
  stream->StartCall(reinterpret_cast<void*>(kStart));
  if (!wait_for(kStart)) return;
  grpc::ByteBuffer request = as_buffer(update_request(o.zone));
  stream->Write(request, reinterpret_cast<void*>(kWrite));
  if (!wait_for(kWrite)) return;
  grpc::ByteBuffer reply;
  while (true) {
    stream->Read(&reply, reinterpret_cast<void*>(kRead));
    if (!wait_for(kRead) || meter.count(reply.Length())) break;
  }
  ctx.TryCancel();
  grpc::Status status;
  stream->Finish(&status, reinterpret_cast<void*>(kFinish));
  wait_for(kFinish);
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

// Reads on gRPC's callback threads; the main thread waits for OnDone.
class CallbackReader : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  CallbackReader(const Options& o, Meter& meter) : channel_(channel(o)), stub_(channel_), meter_(meter) {
    request_ = as_buffer(update_request(o.zone));
  }

  void run() {
    stub_.PrepareBidiStreamingCall(&ctx_, kMethod, grpc::StubOptions(), this);
    StartWrite(&request_);
    StartRead(&reply_);
    StartCall();
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return done_; });
  }

  void OnWriteDone(bool) override {}
  void OnReadDone(bool ok) override {
    if (!ok) return;
    if (meter_.count(reply_.Length())) {
      ctx_.TryCancel();
      return;
    }
    reply_.Clear();
    StartRead(&reply_);
  }
  void OnDone(const grpc::Status&) override {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    cv_.notify_all();
  }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  grpc::GenericStub stub_;
  Meter& meter_;
  grpc::ClientContext ctx_;
  grpc::ByteBuffer request_, reply_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

// gRPC's C core without the C++ layer: the least work per reply gRPC offers
// (a stream allows one outstanding receive, so one batch per message).
void read_core(const Options& o, Meter& meter) {
  grpc_init();
  eg::edera::quiet_absl_deadlock_detection();
  {
    const grpc::ChannelArguments cxx_args = eg::edera::daemon_channel_arguments(o.edera);
    grpc_channel_args args = cxx_args.c_channel_args();  // points into cxx_args
    grpc_channel_credentials* creds = grpc_insecure_credentials_create();
    grpc_channel* ch = grpc_channel_create(eg::edera::daemon_target(o.edera).c_str(), creds, &args);
    grpc_channel_credentials_release(creds);
    grpc_completion_queue* cq = grpc_completion_queue_create_for_pluck(nullptr);
    grpc_slice method = grpc_slice_from_static_string(kMethod);
    gpr_timespec forever = gpr_inf_future(GPR_CLOCK_REALTIME);
    grpc_call* call =
        grpc_channel_create_call(ch, nullptr, GRPC_PROPAGATE_DEFAULTS, cq, method, nullptr, forever, nullptr);
    auto run = [&](grpc_op* ops, size_t n, intptr_t tag) {
      if (grpc_call_start_batch(call, ops, n, reinterpret_cast<void*>(tag), nullptr) != GRPC_CALL_OK) return false;
      return grpc_completion_queue_pluck(cq, reinterpret_cast<void*>(tag), forever, nullptr).success != 0;
    };
    std::string request = update_request(o.zone);
    grpc_slice request_slice = grpc_slice_from_copied_buffer(request.data(), request.size());
    grpc_byte_buffer* request_buffer = grpc_raw_byte_buffer_create(&request_slice, 1);
    grpc_slice_unref(request_slice);
    grpc_metadata_array initial;
    grpc_metadata_array_init(&initial);
    grpc_op start[3] = {};
    start[0].op = GRPC_OP_SEND_INITIAL_METADATA;
    start[1].op = GRPC_OP_SEND_MESSAGE;
    start[1].data.send_message.send_message = request_buffer;
    start[2].op = GRPC_OP_RECV_INITIAL_METADATA;
    start[2].data.recv_initial_metadata.recv_initial_metadata = &initial;
    bool ok = run(start, 3, 1);
    grpc_byte_buffer_destroy(request_buffer);
    while (ok) {
      grpc_byte_buffer* reply = nullptr;
      grpc_op recv = {};
      recv.op = GRPC_OP_RECV_MESSAGE;
      recv.data.recv_message.recv_message = &reply;
      if (!run(&recv, 1, 2) || !reply) break;
      size_t bytes = grpc_byte_buffer_length(reply);
      grpc_byte_buffer_destroy(reply);
      if (meter.count(bytes)) break;
    }
    grpc_call_cancel(call, nullptr);
    grpc_metadata_array trailing;
    grpc_metadata_array_init(&trailing);
    grpc_status_code code;
    grpc_slice details;
    grpc_op finish = {};
    finish.op = GRPC_OP_RECV_STATUS_ON_CLIENT;
    finish.data.recv_status_on_client.trailing_metadata = &trailing;
    finish.data.recv_status_on_client.status = &code;
    finish.data.recv_status_on_client.status_details = &details;
    if (run(&finish, 1, 3)) grpc_slice_unref(details);
    grpc_metadata_array_destroy(&initial);
    grpc_metadata_array_destroy(&trailing);
    grpc_call_unref(call);
    grpc_completion_queue_shutdown(cq);
    while (grpc_completion_queue_pluck(cq, nullptr, forever, nullptr).type != GRPC_QUEUE_SHUTDOWN) {
    }
    grpc_completion_queue_destroy(cq);
    grpc_channel_destroy(ch);
  }
  grpc_shutdown();
}

int usage(const char* why) {
  std::fprintf(stderr,
               "zone_stream_ceiling: %s\n"
               "usage: zone_stream_ceiling --socket PATH --zone ID --messages N "
               "[--api sync|cq|callback|core|view|ref]\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--socket") o.edera.socket = v;
    else if (a == "--zone") o.zone = eg::edera::normalise_zone_id(v);
    else if (a == "--messages") o.messages = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--api") o.api = v;
    else return usage(("unknown option " + a).c_str());
  }
  if (argc % 2 == 0) return usage("every option takes a value");
  if (o.edera.socket.empty() || o.zone.empty() || o.messages < 2) return usage("--socket, --zone and --messages >= 2 are required");

  Meter meter(o.messages);
  using View = eg::edera::wire::MonitorZoneKernelEventReplyView;
  if (o.api == "sync") {
    read_sync<grpc::ByteBuffer>(o, meter, buffer_size);
  } else if (o.api == "view") {
    read_sync<View>(o, meter, [](const View&) { return size_t{0}; });  // sizes not counted
  } else if (o.api == "ref") {
    eg::edera::ReplyBytes bytes;
    eg::edera::ZoneReplyRef reply;
    eg::edera::SyscallEventRef event;
    read_sync<grpc::ByteBuffer>(o, meter, [&](const grpc::ByteBuffer& b) {
      if (bytes.assign(b) && eg::edera::read_zone_reply(bytes.view(), reply) && reply.has_syscall)
        eg::edera::read_syscall_event(reply.syscall, event);
      return b.Length();
    });
  } else if (o.api == "cq") {
    read_cq(o, meter);
  } else if (o.api == "callback") {
    CallbackReader(o, meter).run();
  } else if (o.api == "core") {
    read_core(o, meter);
  } else {
    return usage(("unknown --api " + o.api).c_str());
  }
  meter.report(o.api);
  return meter.done() ? 0 : 1;
}
