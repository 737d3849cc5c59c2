// FakeDaemon implementation (see fake_daemon.h). Every call is a small
// reactor that owns a FIFO of steps (messages to write, or "finish with this
// status") and writes them one at a time. Reactors are reference counted: gRPC
// holds one reference until OnDone, and the test thread takes one while it
// pushes steps, so a reactor never disappears under a push. gRPC entry points
// (StartWrite, Finish) are never called with the shared mutex held.
#include "tests/support/fake_daemon/fake_daemon.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <thread>

namespace eg::fake {

namespace {

template <class Msg>
struct Step {
  std::optional<Msg> msg;
  std::optional<grpc::Status> finish;
};

// Every kFlushEvery-th consecutive hinted write goes out unhinted (a flush),
// so the client sees messages in steady bursts, not only when gRPC's
// per-stream write buffer fills.
constexpr size_t kFlushEvery = 128;

// Queue-and-pump logic shared by the three streaming reactors. `Base` is the
// gRPC reactor type whose StartWrite/Finish are used.
//
// A write is marked with gRPC's buffer hint when more messages are queued
// right behind it: gRPC then completes it at once and coalesces the bytes with the
// following writes, so a long script streams without waiting for one
// transport round trip per message (the fake measures the client, not its
// own write latency). The last queued message, and every kFlushEvery-th,
// is written without the hint, which flushes everything buffered; a finish
// (trailing metadata) flushes too. So no message ever stays buffered once
// the queue is empty. The first write of a call (it carries the initial
// metadata) is never hinted: a hinted first write could leave the stream
// stuck with nothing sent (seen in the tests).
template <class Base, class Msg>
class Pumped : public Base {
 public:
  explicit Pumped(std::mutex& mu) : mu_(mu) {}

  void ref() { refs_.fetch_add(1); }
  void unref() {
    if (refs_.fetch_sub(1) == 1) delete this;
  }

  // Writes the next queued message or finishes, if nothing is in flight.
  void pump() {
    enum { None, Write, Finish } action = None;
    grpc::Status status;
    grpc::WriteOptions options;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (finish_called_ || writing_) return;
      while (!queue_.empty()) {
        Step<Msg> step = std::move(queue_.front());
        queue_.pop_front();
        if (step.finish) {
          finish_requested_ = true;
          finish_status_ = *step.finish;
          queue_.clear();
          break;
        }
        if (step.msg && !stopped_) {
          current_ = std::move(*step.msg);
          writing_ = true;
          action = Write;
          const bool more = first_write_done_ && !queue_.empty() && queue_.front().msg.has_value();
          hinted_in_row_ = more && hinted_in_row_ + 1 < kFlushEvery ? hinted_in_row_ + 1 : 0;
          options = hinted_in_row_ > 0 ? grpc::WriteOptions().set_buffer_hint() : grpc::WriteOptions();
          break;
        }
      }
      if (action == None && finish_requested_) {
        finish_called_ = true;
        status = finish_status_;
        on_finish_locked(status);
        action = Finish;
      }
    }
    if (action == Write) this->StartWrite(&current_, options);
    if (action == Finish) this->Finish(status);
  }

  void OnWriteDone(bool ok) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      writing_ = false;
      first_write_done_ = true;
      if (ok) {
        on_write_ok_locked();
      } else {
        request_finish_locked(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"), true);
      }
    }
    pump();
  }

  void OnCancel() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      on_cancel_locked();
      request_finish_locked(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"), true);
    }
    pump();
  }

  // Caller holds mu_. `drop`: discard what is still queued.
  void request_finish_locked(grpc::Status status, bool drop) {
    if (finish_requested_ || finish_called_) return;
    finish_requested_ = true;
    finish_status_ = std::move(status);
    if (drop) queue_.clear();
  }
  void enqueue_locked(Step<Msg> step) {
    if (!finish_requested_ && !finish_called_) queue_.push_back(std::move(step));
  }
  bool accepting_locked() const { return !finish_requested_ && !finish_called_; }
  size_t backlog_locked() const { return queue_.size(); }

 protected:
  virtual void on_write_ok_locked() {}
  virtual void on_cancel_locked() {}
  virtual void on_finish_locked(const grpc::Status&) {}

  std::mutex& mu_;
  std::deque<Step<Msg>> queue_;
  Msg current_;
  bool writing_ = false, finish_requested_ = false, finish_called_ = false;
  size_t hinted_in_row_ = 0;  // consecutive hinted writes (see kFlushEvery)
  bool first_write_done_ = false;  // the first write (with the initial metadata) is never hinted
  bool stopped_ = false;  // no more writes (client sent stop)
  grpc::Status finish_status_;
  std::atomic<int> refs_{1};
};

class WatchReactor;
class MonitorReactor;

}  // namespace

struct FakeDaemon::State {
  std::mutex mu;
  FakeDaemonOptions options;
  // zones
  std::vector<pb::Zone> zones;
  size_t list_split = 1;
  std::optional<std::vector<pb::ListZonesReply>> list_replies;
  std::optional<grpc::Status> list_fail;
  int list_fail_count = 0;
  size_t list_calls = 0;
  // watch
  std::vector<WatchReactor*> watchers;
  size_t watch_calls = 0;
  // monitor
  std::map<std::string, std::vector<MonitorScript>> scripts;
  std::map<std::string, std::pair<grpc::Status, int>> rejects;
  std::map<std::string, size_t> zone_calls;
  std::deque<MonitorCallRecord> calls;
  std::vector<MonitorReactor*> monitors;  // live calls whose zone is known
  std::vector<MonitorReactor*> all_monitors;  // every live monitor call

  std::vector<pb::ListZonesReply> list_plan_locked() const {
    if (list_replies) return *list_replies;
    std::vector<pb::ListZonesReply> out(list_split);
    for (size_t i = 0; i < zones.size() && list_split > 0; ++i)
      *out[i * list_split / std::max<size_t>(zones.size(), 1)].add_zones() = zones[i];
    return out;
  }
};

namespace {

using State = FakeDaemon::State;

class ListReactor : public Pumped<grpc::ServerWriteReactor<pb::ListZonesReply>, pb::ListZonesReply> {
 public:
  explicit ListReactor(std::shared_ptr<State> st) : Pumped(st->mu), st_(std::move(st)) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++st_->list_calls;
      if (st_->list_fail && st_->list_fail_count != 0) {
        if (st_->list_fail_count > 0) --st_->list_fail_count;
        request_finish_locked(*st_->list_fail, true);
      } else {
        for (auto& r : st_->list_plan_locked()) enqueue_locked({std::move(r), std::nullopt});
        enqueue_locked({std::nullopt, grpc::Status::OK});
      }
    }
    pump();
  }
  void OnDone() override { unref(); }

 private:
  std::shared_ptr<State> st_;
};

class WatchReactor : public Pumped<grpc::ServerWriteReactor<pb::WatchEventsReply>, pb::WatchEventsReply> {
 public:
  explicit WatchReactor(std::shared_ptr<State> st) : Pumped(st->mu), st_(std::move(st)) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++st_->watch_calls;
      st_->watchers.push_back(this);
      if (st_->options.replay_zones_on_watch) {
        for (const auto& z : st_->zones) {
          pb::WatchEventsReply r;
          *r.mutable_zone_changed()->mutable_zone() = z;
          enqueue_locked({std::move(r), std::nullopt});
        }
      }
    }
    pump();
  }
  void OnDone() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      std::erase(st_->watchers, this);
    }
    unref();
  }

 private:
  std::shared_ptr<State> st_;
};

// A script step as the monitor reactor queues it: the reply serialized.
Step<grpc::ByteBuffer> encoded_step(MonitorStep s) {
  Step<grpc::ByteBuffer> out;
  out.finish = std::move(s.finish);
  if (s.wire) {
    out.msg = std::move(*s.wire);
  } else if (s.reply) {
    grpc::ByteBuffer b;
    bool own = false;
    grpc::SerializationTraits<pb::MonitorZoneKernelEventReply>::Serialize(*s.reply, &b, &own);
    out.msg = std::move(b);
  }
  return out;
}

class MonitorReactor
    : public Pumped<grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>, grpc::ByteBuffer> {
 public:
  MonitorReactor(std::shared_ptr<State> st, grpc::CallbackServerContext* ctx)
      : Pumped(st->mu), st_(std::move(st)), ctx_(ctx) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      index_ = st_->calls.size();
      MonitorCallRecord rec;
      rec.index = index_;
      rec.started = Clock::now();
      st_->calls.push_back(std::move(rec));
      st_->all_monitors.push_back(this);
    }
    StartRead(&request_);
  }

  const std::string& zone_locked() const { return zone_; }

  void OnReadDone(bool ok) override {
    bool read_again = false;
    pb::MonitorZoneKernelEventRequest request;
    const bool parsed =
        ok && grpc::SerializationTraits<pb::MonitorZoneKernelEventRequest>::Deserialize(&request_, &request).ok();
    {
      std::lock_guard<std::mutex> lock(mu_);
      MonitorCallRecord& rec = st_->calls[index_];
      if (ok && !parsed) {
        request_finish_locked(grpc::Status(grpc::StatusCode::INTERNAL, "unparsable request"), true);
      } else if (ok) {
        record_locked(rec, request);
        read_again = true;
      } else {
        if (!ctx_->IsCancelled() && !rec.cancelled) {
          rec.half_closed = true;
          rec.half_closed_at = Clock::now();
        }
        if (st_->options.stop != StopBehaviour::Ignore) request_finish_locked(grpc::Status::OK, true);
      }
    }
    if (read_again) StartRead(&request_);
    pump();
  }

  void OnDone() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      MonitorCallRecord& rec = st_->calls[index_];
      rec.done = true;
      rec.ended_at = Clock::now();
      std::erase(st_->monitors, this);
      std::erase(st_->all_monitors, this);
    }
    unref();
  }

 private:
  void record_locked(MonitorCallRecord& rec, const pb::MonitorZoneKernelEventRequest& req) {
    RecordedRequest r;
    r.zone_id = req.zone_id();
    r.at = Clock::now();
    if (req.has_update()) {
      r.kind = RecordedRequest::Kind::Update;
      r.enabled_syscalls.assign(req.update().enabled_syscalls().begin(),
                                req.update().enabled_syscalls().end());
    } else if (req.has_stop()) {
      r.kind = RecordedRequest::Kind::Stop;
    }
    rec.requests.push_back(std::move(r));
    if (rec.requests.size() == 1) begin_locked(rec, req.zone_id());
    if (req.has_stop()) {
      if (st_->options.stop == StopBehaviour::EndOnStop) request_finish_locked(grpc::Status::OK, true);
      if (st_->options.stop == StopBehaviour::EndAfterHalfClose) {
        stopped_ = true;
        queue_.clear();
      }
    }
  }

  // First request: the call now belongs to a zone; load its script.
  void begin_locked(MonitorCallRecord& rec, const std::string& zone_id) {
    zone_ = zone_id;
    rec.zone_id = zone_;
    rec.zone_call_index = st_->zone_calls[zone_]++;
    auto rj = st_->rejects.find(zone_);
    if (rj != st_->rejects.end() && rj->second.second != 0) {
      if (rj->second.second > 0) --rj->second.second;
      request_finish_locked(rj->second.first, true);
      return;
    }
    bool known = std::any_of(st_->zones.begin(), st_->zones.end(), [&](const pb::Zone& z) { return z.id() == zone_; });
    auto sc = st_->scripts.find(zone_);
    if (!known && sc == st_->scripts.end()) {
      request_finish_locked(grpc::Status(grpc::StatusCode::NOT_FOUND, "zone not found: " + zone_), true);
      return;
    }
    st_->monitors.push_back(this);
    if (sc == st_->scripts.end() || sc->second.empty()) return;
    const MonitorScript& script = sc->second[std::min(rec.zone_call_index, sc->second.size() - 1)];
    for (const auto& s : script) enqueue_locked(encoded_step(s));
  }

  void on_write_ok_locked() override { ++st_->calls[index_].replies_sent; }
  void on_cancel_locked() override { st_->calls[index_].cancelled = true; }
  void on_finish_locked(const grpc::Status& s) override {
    MonitorCallRecord& rec = st_->calls[index_];
    rec.finished = true;
    rec.finish_code = s.error_code();
  }

  std::shared_ptr<State> st_;
  grpc::CallbackServerContext* ctx_;
  grpc::ByteBuffer request_;
  size_t index_ = 0;
  std::string zone_;

  friend class eg::fake::FakeDaemon;
};

// Takes a reference on each reactor (caller holds the mutex) so it can be
// pumped after the mutex is released.
template <class R>
std::vector<R*> hold(const std::vector<R*>& rs) {
  for (R* r : rs) r->ref();
  return rs;
}
template <class R>
void pump_and_release(const std::vector<R*>& rs) {
  for (R* r : rs) {
    r->pump();
    r->unref();
  }
}

}  // namespace

class FakeDaemon::Service
    : public pb::ControlService::WithCallbackMethod_ListZones<pb::ControlService::WithCallbackMethod_GetZone<
          pb::ControlService::WithCallbackMethod_WatchEvents<
              pb::ControlService::WithRawCallbackMethod_MonitorZoneKernelEvents<pb::ControlService::Service>>>> {
 public:
  explicit Service(std::shared_ptr<State> st) : st_(std::move(st)) {}

  grpc::ServerWriteReactor<pb::ListZonesReply>* ListZones(grpc::CallbackServerContext*,
                                                          const pb::ListZonesRequest*) override {
    return new ListReactor(st_);
  }
  grpc::ServerUnaryReactor* GetZone(grpc::CallbackServerContext* ctx, const pb::GetZoneRequest* req,
                                    pb::GetZoneReply* reply) override {
    grpc::Status status(grpc::StatusCode::NOT_FOUND, "zone not found: " + req->zone_id());
    {
      std::lock_guard<std::mutex> lock(st_->mu);
      for (const auto& z : st_->zones) {
        if (z.id() == req->zone_id()) {
          *reply->mutable_zone() = z;
          status = grpc::Status::OK;
        }
      }
    }
    auto* r = ctx->DefaultReactor();
    r->Finish(status);
    return r;
  }
  grpc::ServerWriteReactor<pb::WatchEventsReply>* WatchEvents(grpc::CallbackServerContext*,
                                                              const pb::WatchEventsRequest*) override {
    return new WatchReactor(st_);
  }
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* MonitorZoneKernelEvents(
      grpc::CallbackServerContext* ctx) override {
    return new MonitorReactor(st_, ctx);
  }

 private:
  std::shared_ptr<State> st_;
};

FakeDaemon::FakeDaemon(std::string socket_path, FakeDaemonOptions options)
    : path_(std::move(socket_path)), options_(options), state_(std::make_shared<State>()) {
  state_->options = options_;
}

FakeDaemon::~FakeDaemon() { shutdown(); }

bool FakeDaemon::start(std::string* error) {
  std::lock_guard<std::mutex> lock(server_mu_);
  if (server_) return true;
  ::unlink(path_.c_str());
  service_ = std::make_unique<Service>(state_);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(target(), grpc::InsecureServerCredentials());
  builder.RegisterService(service_.get());
  builder.SetMaxReceiveMessageSize(options_.max_message_bytes);
  builder.SetMaxSendMessageSize(options_.max_message_bytes);
  server_ = builder.BuildAndStart();
  if (!server_) {
    service_.reset();
    if (error) *error = "cannot listen on " + target();
    return false;
  }
  return true;
}

void FakeDaemon::shutdown() {
  std::lock_guard<std::mutex> lock(server_mu_);
  if (!server_) return;
  std::vector<WatchReactor*> watchers;
  std::vector<MonitorReactor*> monitors;
  {
    std::lock_guard<std::mutex> st_lock(state_->mu);
    watchers = hold(state_->watchers);
    monitors = hold(state_->all_monitors);
    grpc::Status gone(grpc::StatusCode::UNAVAILABLE, "daemon shutting down");
    for (auto* w : watchers) w->request_finish_locked(gone, true);
    for (auto* m : monitors) m->request_finish_locked(gone, true);
  }
  pump_and_release(watchers);
  pump_and_release(monitors);
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  server_->Wait();
  server_.reset();
  service_.reset();
  ::unlink(path_.c_str());
}

bool FakeDaemon::running() const {
  std::lock_guard<std::mutex> lock(server_mu_);
  return server_ != nullptr;
}

// --- zones ---

void FakeDaemon::set_zones(std::vector<pb::Zone> zones) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->zones = std::move(zones);
}

void FakeDaemon::put_zone(const pb::Zone& zone, bool notify) {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    auto it = std::find_if(state_->zones.begin(), state_->zones.end(),
                           [&](const pb::Zone& z) { return z.id() == zone.id(); });
    if (it == state_->zones.end()) state_->zones.push_back(zone);
    else *it = zone;
  }
  if (notify) emit_zone_changed(zone);
}

void FakeDaemon::remove_zone(const std::string& id) {
  std::lock_guard<std::mutex> lock(state_->mu);
  std::erase_if(state_->zones, [&](const pb::Zone& z) { return z.id() == id; });
}

std::vector<pb::Zone> FakeDaemon::zones() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->zones;
}

void FakeDaemon::set_list_split(size_t n) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->list_split = n;
}

void FakeDaemon::set_list_replies(std::optional<std::vector<pb::ListZonesReply>> replies) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->list_replies = std::move(replies);
}

void FakeDaemon::fail_list_zones(grpc::Status status, int count) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->list_fail = std::move(status);
  state_->list_fail_count = count;
}

size_t FakeDaemon::list_zones_calls() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->list_calls;
}

// --- watch ---

void FakeDaemon::emit_watch_reply(const pb::WatchEventsReply& reply) {
  std::vector<WatchReactor*> ws;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    ws = hold(state_->watchers);
    for (auto* w : ws) w->enqueue_locked({reply, std::nullopt});
  }
  pump_and_release(ws);
}

void FakeDaemon::emit_zone_changed(const pb::Zone& zone) {
  pb::WatchEventsReply r;
  *r.mutable_zone_changed()->mutable_zone() = zone;
  emit_watch_reply(r);
}

void FakeDaemon::emit_workload_changed(const std::string& workload_id) {
  pb::WatchEventsReply r;
  r.mutable_workload_changed()->mutable_workload()->set_id(workload_id);
  emit_watch_reply(r);
}

void FakeDaemon::emit_empty_watch_reply() { emit_watch_reply(pb::WatchEventsReply()); }

void FakeDaemon::end_watch_streams(grpc::Status status) {
  std::vector<WatchReactor*> ws;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    ws = hold(state_->watchers);
    for (auto* w : ws) w->enqueue_locked({std::nullopt, status});
  }
  pump_and_release(ws);
}

size_t FakeDaemon::watch_subscribers() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  size_t n = 0;
  for (auto* w : state_->watchers) n += w->accepting_locked();
  return n;
}

size_t FakeDaemon::watch_calls() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->watch_calls;
}

// --- monitor ---

void FakeDaemon::set_script(const std::string& zone_id, MonitorScript script) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->scripts[zone_id] = {std::move(script)};
}

void FakeDaemon::set_call_scripts(const std::string& zone_id, std::vector<MonitorScript> scripts) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->scripts[zone_id] = std::move(scripts);
}

namespace {
MonitorReactor* newest_live_locked(State& st, const std::string& zone_id) {
  for (auto it = st.monitors.rbegin(); it != st.monitors.rend(); ++it)
    if ((*it)->zone_locked() == zone_id && (*it)->accepting_locked()) return *it;
  return nullptr;
}
}  // namespace

bool FakeDaemon::push(const std::string& zone_id, MonitorScript steps) {
  std::vector<Step<grpc::ByteBuffer>> encoded;  // serialized here, outside the lock
  encoded.reserve(steps.size());
  for (auto& s : steps) encoded.push_back(encoded_step(std::move(s)));
  MonitorReactor* m = nullptr;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    m = newest_live_locked(*state_, zone_id);
    if (!m) return false;
    m->ref();
    for (auto& s : encoded) m->enqueue_locked(std::move(s));
  }
  m->pump();
  m->unref();
  return true;
}

bool FakeDaemon::push_reply(const std::string& zone_id, pb::MonitorZoneKernelEventReply reply) {
  MonitorScript s;
  s.push_back(MonitorStep::send(std::move(reply)));
  return push(zone_id, std::move(s));
}

bool FakeDaemon::end_stream(const std::string& zone_id, grpc::Status status) {
  MonitorScript s;
  s.push_back(MonitorStep::end(std::move(status)));
  return push(zone_id, std::move(s));
}

size_t FakeDaemon::backlog(const std::string& zone_id) const {
  std::lock_guard<std::mutex> lock(state_->mu);
  MonitorReactor* m = newest_live_locked(*state_, zone_id);
  return m ? m->backlog_locked() : 0;
}

void FakeDaemon::reject_calls(const std::string& zone_id, grpc::Status status, int count) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->rejects[zone_id] = {std::move(status), count};
}

void FakeDaemon::set_stop_behaviour(StopBehaviour b) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->options.stop = b;
}

std::vector<MonitorCallRecord> FakeDaemon::monitor_calls() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return {state_->calls.begin(), state_->calls.end()};
}

std::vector<MonitorCallRecord> FakeDaemon::monitor_calls(const std::string& zone_id) const {
  std::lock_guard<std::mutex> lock(state_->mu);
  std::vector<MonitorCallRecord> out;
  for (const auto& c : state_->calls)
    if (c.zone_id == zone_id) out.push_back(c);
  return out;
}

size_t FakeDaemon::live_monitor_calls(const std::string& zone_id) const {
  std::lock_guard<std::mutex> lock(state_->mu);
  size_t n = 0;
  for (const auto& c : state_->calls) n += c.zone_id == zone_id && !c.done;
  return n;
}

bool FakeDaemon::wait_until(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (true) {
    if (pred()) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

bool FakeDaemon::wait_for_calls(const std::string& zone_id, size_t n, std::chrono::milliseconds timeout) const {
  return wait_until([&] { return monitor_calls(zone_id).size() >= n; }, timeout);
}

}  // namespace eg::fake
