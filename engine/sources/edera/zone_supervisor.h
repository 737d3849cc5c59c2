// ZoneSupervisor: the Edera daemon client's control loop. It keeps, for every
// running zone, exactly one ZonePump feeding that zone's inbox, and retires
// zones that exit.
//
// Two threads: discovery lists zones (ListZones, replies merged, later copies
// win) at start, every discovery_interval and whenever the watch stream
// reports a zone change, then starts pumps for new monitorable zones and
// retires zones that are no longer listed as READY; the watch thread holds
// ONE WatchEvents stream (not one per zone as the plugin does), retires a zone
// at once when a zone_changed event shows it exiting, and re-subscribes with
// back-off when the stream ends or fails. A daemon that is absent or restarts
// is retried with capped back-off on every path; nothing gives up.
//
// Retiring a zone: stop its pump (bounded), then queue a purge and close its
// inbox, so the worker evaluates everything the zone sent before its state is
// dropped.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "engine/sources/edera/edera_options.h"
#include "engine/sources/edera/xen_domains.h"
#include "engine/sources/edera/zone_discovery.h"
#include "engine/sources/edera/zone_inbox.h"

namespace eg::edera {

class ZonePump;

// Where the supervisor gets a zone's inbox (the evaluation side owns inboxes
// and assigns each to a worker).
class ZoneInboxProvider {
 public:
  virtual ~ZoneInboxProvider() = default;
  virtual std::shared_ptr<ZoneInbox> inbox_for(const ZoneRecord& zone) = 0;
};

class ZoneSupervisor {
 public:
  // `domains` (optional): the hypervisor's view, to skip zones whose domain
  // is no longer alive and to report vCPUs (xen_domains.h).
  ZoneSupervisor(EderaOptions options, ZoneInboxProvider& inboxes,
                 std::unique_ptr<DomainInspector> domains = nullptr);
  ~ZoneSupervisor();  // stop()

  void start();
  void stop();  // stops every pump (bounded) and the control threads; idempotent

  size_t monitored_zones() const;

 private:
  void discovery_loop();
  void watch_loop();
  bool list_zones(std::map<std::string, ZoneRecord>& out, std::string& error);
  void reconcile(const std::map<std::string, ZoneRecord>& ready);
  void retire(const std::string& zone_id, const char* why);
  void on_zone_changed(const protect::control::v1::Zone& zone);
  bool domain_allows(const ZoneRecord& zone);
  bool wait_for(std::chrono::milliseconds d, bool wake_on_relist);

  EderaOptions options_;
  ZoneInboxProvider& inboxes_;
  std::unique_ptr<DomainInspector> domains_;
  std::set<std::string> dead_domain_logged_;
  std::shared_ptr<grpc::Channel> channel_;
  std::thread discovery_thread_, watch_thread_;

  mutable std::mutex mu_;  // guards everything below
  std::condition_variable cv_;
  bool stopping_ = false;
  bool relist_requested_ = false;
  std::map<std::string, std::unique_ptr<ZonePump>> pumps_;
  std::map<std::string, std::shared_ptr<ZoneInbox>> inboxes_by_zone_;
  std::set<std::string> exited_;  // exit seen; not re-monitored while still listed
  grpc::ClientContext* watch_context_ = nullptr;
  grpc::ClientContext* list_context_ = nullptr;
  std::mutex zones_mu_;  // serialises reconcile() and retire()
};

}  // namespace eg::edera
