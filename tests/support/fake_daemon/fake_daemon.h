// FakeDaemon: an in-process gRPC server playing the Edera daemon's
// protect.control.v1.ControlService on a Unix socket, for tests and for the
// fake_edera_daemon tool (spec edera-control.md section 5.1).
//
// It is scripted and observable: the test sets the zone list, emits
// WatchEvents notifications, gives each zone a script of monitor replies
// (snapshot first, then events, optionally ending the stream with a status),
// pushes more replies onto live streams, and reads back every request the
// client sent on every MonitorZoneKernelEvents call, with timestamps.
//
// MonitorZoneKernelEvents is served as a raw (ByteBuffer) method: replies are
// serialized when they are queued (on the thread that pushes them, outside
// the lock) rather than on gRPC's threads, and pre-encoded replies are sent
// as they are. The wire format is the daemon's either way.
//
// The server uses gRPC's callback API rather than synchronous handlers: a
// monitor call must be able to end with a chosen status while a read of the
// client's next request is still pending, which a synchronous handler cannot
// do without cancelling the call. All methods of this class are thread-safe;
// none blocks on the client except the wait_* helpers, which poll with a
// deadline.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "protect/control/v1/control.grpc.pb.h"

namespace eg::fake {

namespace pb = ::protect::control::v1;
using Clock = std::chrono::steady_clock;

// One step of a monitor script: send a reply, or end the stream with a status.
// A reply may also be given already encoded (`wire`, the serialized
// MonitorZoneKernelEventReply): the fake_edera_daemon tool encodes a capture
// once and streams the same bytes to every call without re-serializing.
struct MonitorStep {
  std::optional<pb::MonitorZoneKernelEventReply> reply;
  std::optional<grpc::Status> finish;
  std::optional<grpc::ByteBuffer> wire;

  static MonitorStep send(pb::MonitorZoneKernelEventReply r) { return {std::move(r), std::nullopt, std::nullopt}; }
  static MonitorStep end(grpc::Status s) { return {std::nullopt, std::move(s), std::nullopt}; }
  static MonitorStep send_encoded(grpc::ByteBuffer b) { return {std::nullopt, std::nullopt, std::move(b)}; }
};
using MonitorScript = std::vector<MonitorStep>;

// What the fake does when the client sends `stop` or half-closes.
enum class StopBehaviour {
  EndAfterHalfClose,  // stop sending at `stop`; end the stream OK at the half-close (default)
  EndOnStop,          // end the stream OK as soon as `stop` arrives
  Ignore,             // keep the stream open and keep sending until the client cancels
};

// One message the client sent on a monitor call.
struct RecordedRequest {
  enum class Kind { Update, Stop, Empty } kind = Kind::Empty;
  std::string zone_id;
  std::vector<uint32_t> enabled_syscalls;
  Clock::time_point at;
};

// Everything observed on one MonitorZoneKernelEvents call.
struct MonitorCallRecord {
  size_t index = 0;               // order among all monitor calls (0-based)
  size_t zone_call_index = 0;     // order among this zone's calls (0-based)
  std::string zone_id;            // from the first request ("" until it arrives)
  std::vector<RecordedRequest> requests;
  bool half_closed = false;       // the client ended its request stream
  bool cancelled = false;         // the client (or the server shutdown) cancelled the call
  bool finished = false;          // the fake ended the call
  std::optional<grpc::StatusCode> finish_code;
  size_t replies_sent = 0;        // writes completed
  Clock::time_point started, half_closed_at, ended_at;
  bool done = false;              // the call is over on both sides
};

struct FakeDaemonOptions {
  int max_message_bytes = 256 << 20;
  StopBehaviour stop = StopBehaviour::EndAfterHalfClose;
  // Replay the current zone list as zone_changed events to each new watcher.
  bool replay_zones_on_watch = false;
};

class FakeDaemon {
 public:
  explicit FakeDaemon(std::string socket_path, FakeDaemonOptions options = {});
  ~FakeDaemon();  // shuts down
  FakeDaemon(const FakeDaemon&) = delete;
  FakeDaemon& operator=(const FakeDaemon&) = delete;

  // Starts listening (removing a stale socket file first). False with a
  // message in `error` when the server cannot start.
  bool start(std::string* error = nullptr);
  // Ends every open stream with UNAVAILABLE, stops the server and removes the
  // socket file: what a daemon exit looks like to a client. start() again
  // serves the same path with the same zones and scripts.
  void shutdown();
  bool running() const;
  const std::string& socket_path() const { return path_; }
  std::string target() const { return "unix:" + path_; }

  // --- zones (ListZones, GetZone) ---
  void set_zones(std::vector<pb::Zone> zones);
  // Upserts one zone in the list (by id) and, with `notify`, emits zone_changed.
  void put_zone(const pb::Zone& zone, bool notify);
  void remove_zone(const std::string& id);
  std::vector<pb::Zone> zones() const;
  // ListZones spreads the zones over `n` replies (0 = no reply at all; default 1).
  void set_list_split(size_t n);
  // ListZones sends exactly these replies instead (duplicates, ordering tests).
  void set_list_replies(std::optional<std::vector<pb::ListZonesReply>> replies);
  // The next `count` ListZones calls fail with `status` (count < 0: all of them).
  void fail_list_zones(grpc::Status status, int count = 1);
  size_t list_zones_calls() const;

  // --- WatchEvents ---
  void emit_zone_changed(const pb::Zone& zone);
  void emit_workload_changed(const std::string& workload_id);
  void emit_empty_watch_reply();
  void emit_watch_reply(const pb::WatchEventsReply& reply);
  // Ends every current watch stream with `status` (OK = clean end).
  void end_watch_streams(grpc::Status status);
  size_t watch_subscribers() const;  // live WatchEvents streams now
  size_t watch_calls() const;        // WatchEvents calls ever

  // --- MonitorZoneKernelEvents ---
  // The script every new call for `zone_id` plays (a copy per call).
  void set_script(const std::string& zone_id, MonitorScript script);
  // Per-call scripts: call k of the zone plays scripts[min(k, size-1)].
  void set_call_scripts(const std::string& zone_id, std::vector<MonitorScript> scripts);
  // Appends steps to the zone's newest live call. False when none is live.
  bool push(const std::string& zone_id, MonitorScript steps);
  bool push_reply(const std::string& zone_id, pb::MonitorZoneKernelEventReply reply);
  // Ends the zone's newest live call with `status` after the steps queued so far.
  bool end_stream(const std::string& zone_id, grpc::Status status);
  // Steps queued on the zone's newest live call and not yet written.
  size_t backlog(const std::string& zone_id) const;
  // The next `count` calls for the zone are rejected with `status` (count < 0: all).
  void reject_calls(const std::string& zone_id, grpc::Status status, int count = 1);
  void set_stop_behaviour(StopBehaviour b);

  std::vector<MonitorCallRecord> monitor_calls() const;
  std::vector<MonitorCallRecord> monitor_calls(const std::string& zone_id) const;
  size_t live_monitor_calls(const std::string& zone_id) const;

  // Polls `pred` every 10 ms until it holds or `timeout` passes.
  static bool wait_until(const std::function<bool()>& pred, std::chrono::milliseconds timeout);
  // Waits until the zone has had at least `n` monitor calls.
  bool wait_for_calls(const std::string& zone_id, size_t n, std::chrono::milliseconds timeout) const;

  struct State;  // shared with the call reactors (defined in fake_daemon.cpp)

 private:
  std::string path_;
  FakeDaemonOptions options_;
  std::shared_ptr<State> state_;
  class Service;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  mutable std::mutex server_mu_;
};

}  // namespace eg::fake
