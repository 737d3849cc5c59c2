// See daemon_channel.h.
#include "engine/sources/edera/daemon_channel.h"

#include <climits>

#include <absl/synchronization/mutex.h>
#include <fmt/format.h>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace eg::edera {

namespace {
constexpr int kReceiveWindow = 8 << 20;  // per stream
constexpr int kMaxFrame = (1 << 24) - 1;  // HTTP/2's largest
constexpr int kReadChunk = 1 << 20;
}  // namespace

void quiet_absl_deadlock_detection() {
  // gRPC locks absl mutexes several times per message; the distribution's
  // absl tracks lock order for deadlock reports on every one of them (a
  // debugging aid, visible in profiles of a zone stream). Turned off for the
  // process, as release builds of absl do.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

grpc::ChannelArguments daemon_channel_arguments(const EderaOptions& o) {
  grpc::ChannelArguments args;
  const int max_message = o.max_message_bytes > INT_MAX ? INT_MAX : static_cast<int>(o.max_message_bytes);
  args.SetMaxReceiveMessageSize(max_message);
  args.SetMaxSendMessageSize(4 << 20);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, static_cast<int>(o.reconnect_min.count()));
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, static_cast<int>(o.reconnect_min.count()));
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, static_cast<int>(o.reconnect_max.count()));
  // The daemon's streams are open-ended and idle for long stretches.
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
  // A monitor stream is one small message per syscall event. A wide fixed
  // receive window (no BDP probing pings), large HTTP/2 frames and large
  // socket reads let the daemon send bursts that the pump takes with few
  // frames, window updates and read calls per event.
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, kReceiveWindow);
  args.SetInt(GRPC_ARG_HTTP2_MAX_FRAME_SIZE, kMaxFrame);
  args.SetInt(GRPC_ARG_TCP_READ_CHUNK_SIZE, kReadChunk);
  args.SetInt(GRPC_ARG_TCP_MIN_READ_CHUNK_SIZE, kReadChunk);
  return args;
}

std::string daemon_target(const EderaOptions& o) { return "unix:" + o.socket; }

std::shared_ptr<grpc::Channel> make_daemon_channel(const EderaOptions& o) {
  quiet_absl_deadlock_detection();
  return grpc::CreateCustomChannel(daemon_target(o), grpc::InsecureChannelCredentials(),
                                   daemon_channel_arguments(o));
}

std::string status_text(const grpc::Status& s) {
  if (s.ok()) return "end of stream";
  return fmt::format("{}: {}", static_cast<int>(s.error_code()), s.error_message());
}

}  // namespace eg::edera
