// See zone_supervisor.h.
#include "engine/sources/edera/zone_supervisor.h"

#include <grpcpp/grpcpp.h>

#include "engine/sources/edera/backoff.h"
#include "engine/sources/edera/daemon_channel.h"
#include "engine/sources/edera/edera_log.h"
#include "engine/sources/edera/zone_pump.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "protect/control/v1/control.grpc.pb.h"

namespace eg::edera {

namespace pb = protect::control::v1;

namespace {

constexpr auto kListDeadline = std::chrono::seconds(10);

}  // namespace

ZoneSupervisor::ZoneSupervisor(EderaOptions options, ZoneInboxProvider& inboxes,
                               std::unique_ptr<DomainInspector> domains)
    : options_(std::move(options)), inboxes_(inboxes), domains_(std::move(domains)),
      channel_(make_daemon_channel(options_)) {}

ZoneSupervisor::~ZoneSupervisor() { stop(); }

void ZoneSupervisor::start() {
  discovery_thread_ = std::thread([this] { discovery_loop(); });
  watch_thread_ = std::thread([this] { watch_loop(); });
}

void ZoneSupervisor::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !discovery_thread_.joinable() && !watch_thread_.joinable()) return;
    stopping_ = true;
    if (watch_context_) watch_context_->TryCancel();
    if (list_context_) list_context_->TryCancel();
  }
  cv_.notify_all();
  if (discovery_thread_.joinable()) discovery_thread_.join();
  if (watch_thread_.joinable()) watch_thread_.join();
  std::map<std::string, std::unique_ptr<ZonePump>> pumps;
  {
    std::lock_guard<std::mutex> lock(mu_);
    pumps.swap(pumps_);
  }
  for (auto& [id, pump] : pumps) pump->stop();
}

size_t ZoneSupervisor::monitored_zones() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pumps_.size();
}

bool ZoneSupervisor::wait_for(std::chrono::milliseconds d, bool wake_on_relist) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, d, [&] { return stopping_ || (wake_on_relist && relist_requested_); });
  if (wake_on_relist) relist_requested_ = false;
  return !stopping_;
}

bool ZoneSupervisor::list_zones(std::map<std::string, ZoneRecord>& out, std::string& error) {
  auto stub = pb::ControlService::NewStub(channel_);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + kListDeadline);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return false;
    list_context_ = &ctx;
  }
  ZoneListMerger merger;
  auto reader = stub->ListZones(&ctx, pb::ListZonesRequest());
  pb::ListZonesReply reply;
  while (reader->Read(&reply)) merger.add(reply);
  grpc::Status st = reader->Finish();
  {
    std::lock_guard<std::mutex> lock(mu_);
    list_context_ = nullptr;
  }
  if (!st.ok()) {
    error = status_text(st);
    return false;
  }
  out = merger.monitorable();
  return true;
}

void ZoneSupervisor::discovery_loop() {
  Backoff backoff(options_.reconnect_min, options_.reconnect_max);
  std::string last_error;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
      relist_requested_ = false;
    }
    std::map<std::string, ZoneRecord> ready;
    std::string error;
    if (!list_zones(ready, error)) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
      }
      auto delay = backoff.next();
      if (error != last_error) log("daemon unreachable ({}), retrying in {} ms", error, delay.count());
      last_error = error;
      if (!wait_for(std::min(delay, options_.discovery_interval), true)) return;
      continue;
    }
    if (!last_error.empty()) log("connected to the daemon at {}", options_.socket);
    last_error.clear();
    backoff.reset();
    reconcile(ready);
    if (!wait_for(options_.discovery_interval, true)) return;
  }
}

void ZoneSupervisor::reconcile(const std::map<std::string, ZoneRecord>& ready) {
  std::lock_guard<std::mutex> zones_lock(zones_mu_);
  std::vector<std::string> gone;
  std::vector<ZoneRecord> fresh;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    for (const auto& [id, pump] : pumps_)
      if (!ready.count(id)) gone.push_back(id);
    for (auto it = exited_.begin(); it != exited_.end();)  // forget exits of zones no longer listed
      it = ready.count(*it) ? std::next(it) : exited_.erase(it);
    for (const auto& [id, rec] : ready)
      if (!pumps_.count(id) && !exited_.count(id)) fresh.push_back(rec);
  }
  for (const auto& id : gone) retire(id, "no longer running");
  for (const auto& rec : fresh) {
    if (!domain_allows(rec)) continue;
    auto inbox = inboxes_.inbox_for(rec);
    auto pump = std::make_unique<ZonePump>(channel_, rec, inbox, options_);
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    pump->start();
    inboxes_by_zone_[rec.id] = inbox;
    pumps_[rec.id] = std::move(pump);
  }
}

// With a hypervisor view: a zone whose domain is dying or shut down gets no
// stream (it is looked at again on the next listing); a domain Xen does not
// know is still trusted to the daemon (it may name domains differently).
bool ZoneSupervisor::domain_allows(const ZoneRecord& zone) {
  if (!domains_) return true;
  std::optional<DomainInfo> info = domains_->inspect(zone.domid);
  if (!info) {
    log("zone {}: Xen reports no domain {}; trusting the daemon", zone.id, zone.domid);
    return true;
  }
  if (!info->alive) {
    if (dead_domain_logged_.insert(zone.id).second)
      log("zone {}: Xen domain {} is not alive; not monitoring", zone.id, zone.domid);
    return false;
  }
  dead_domain_logged_.erase(zone.id);
  log("zone {}: Xen domain {}, {} vCPUs", zone.id, zone.domid, info->online_vcpus);
  return true;
}

void ZoneSupervisor::retire(const std::string& zone_id, const char* why) {
  std::unique_ptr<ZonePump> pump;
  std::shared_ptr<ZoneInbox> inbox;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = pumps_.find(zone_id);
    if (it == pumps_.end()) return;
    pump = std::move(it->second);
    pumps_.erase(it);
    inbox = inboxes_by_zone_[zone_id];
    inboxes_by_zone_.erase(zone_id);
  }
  pump->stop();
  if (inbox) {
    inbox->push_purge();
    inbox->close();
  }
  log("zone {}: {}, state purged", zone_id, why);
}

void ZoneSupervisor::on_zone_changed(const pb::Zone& zone) {
  std::string id = normalise_zone_id(zone.id());
  if (!id.empty() && zone.has_status() && zone_status_is_exit(zone.status())) {
    std::lock_guard<std::mutex> zones_lock(zones_mu_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      exited_.insert(id);
    }
    retire(id, "exited");
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    relist_requested_ = true;
  }
  cv_.notify_all();
}

void ZoneSupervisor::watch_loop() {
  Backoff backoff(std::max(options_.reconnect_min, std::chrono::milliseconds(1000)), options_.reconnect_max);
  while (true) {
    auto stub = pb::ControlService::NewStub(channel_);
    grpc::ClientContext ctx;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
      watch_context_ = &ctx;
    }
    auto reader = stub->WatchEvents(&ctx, pb::WatchEventsRequest());
    pb::WatchEventsReply reply;
    bool received = false;
    while (reader->Read(&reply)) {
      received = true;
      if (reply.has_zone_changed() && reply.zone_changed().has_zone()) on_zone_changed(reply.zone_changed().zone());
    }
    grpc::Status st = reader->Finish();
    {
      std::lock_guard<std::mutex> lock(mu_);
      watch_context_ = nullptr;
      if (stopping_) return;
      relist_requested_ = true;  // changes may have been missed while re-subscribing
    }
    cv_.notify_all();
    if (received) backoff.reset();
    auto delay = backoff.next();
    if (received || st.error_code() != grpc::StatusCode::UNAVAILABLE)
      log("watch stream ended ({}), re-subscribing in {} ms", status_text(st), delay.count());
    if (!wait_for(delay, false)) return;
  }
}

}  // namespace eg::edera
