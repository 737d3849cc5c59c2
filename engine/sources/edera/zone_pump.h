// ZonePump: one zone's MonitorZoneKernelEvents stream, on its own thread.
//
// It opens the call with one `update` (empty enabled_syscalls: the zone's
// default set, spec §3.4), reads replies until the stream ends, and turns
// them into inbox items: thread snapshots become ZoneSnapshots (state is
// replaced when the worker reaches them, in stream order), syscall events are
// rebuilt as native records (ZoneEventDecoder) — malformed ones are counted
// and skipped with a rate-limited log line. Replies are read in place from
// gRPC's buffer (zone_reply_reader.h); bytes that are not a reply at all are
// one counted, skipped message too, and the stream goes on. Events tagged with another zone
// id are skipped and counted as malformed (one stream, one zone's state).
//
// Unlike Edera's plugin, the pump never gives up while the zone runs: a
// rejected call, an error or a clean end of stream is followed by a reconnect
// with capped back-off, and the next snapshot resets the state. A CPU-hotplug
// event (code 244) is delivered, the zone's state is purged at that point,
// and the stream is replaced by a fresh call (one resubscribe however many
// hotplug events follow on the old stream). stop() sends `stop` and
// half-closes, waits up to stop_timeout for the daemon to end the stream,
// then cancels the call: a daemon that ignores `stop` cannot hang shutdown.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "engine/sources/edera/edera_options.h"
#include "engine/sources/edera/zone_discovery.h"
#include "engine/sources/edera/zone_inbox.h"

namespace eg::edera {

class ZonePump {
 public:
  ZonePump(std::shared_ptr<grpc::Channel> channel, ZoneRecord zone, std::shared_ptr<ZoneInbox> inbox,
           const EderaOptions& options);
  ~ZonePump();  // stop()
  ZonePump(const ZonePump&) = delete;
  ZonePump& operator=(const ZonePump&) = delete;

  void start();
  // Ends the stream (stop + half-close, bounded wait, cancel) and joins.
  void stop();

  const ZoneRecord& zone() const { return zone_; }
  uint64_t calls() const;  // MonitorZoneKernelEvents calls opened so far

 private:
  enum class CallEnd { Stopped, Hotplug, Ended };
  struct CallResult {
    CallEnd end = CallEnd::Ended;
    bool received = false;  // at least one reply
    std::string reason;     // status text for the log
  };
  class Call;

  void run();
  CallResult run_call();
  void send_stop_locked();
  bool sleep_unless_stopped(std::chrono::milliseconds d);

  std::shared_ptr<grpc::Channel> channel_;
  ZoneRecord zone_;
  std::shared_ptr<ZoneInbox> inbox_;
  EderaOptions options_;
  std::thread thread_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  Call* call_ = nullptr;  // the open call, guarded by mu_
  uint64_t calls_ = 0;
};

}  // namespace eg::edera
