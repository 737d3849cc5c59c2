// ZoneWorker: one evaluation thread for a set of Edera zones. Zones have
// disjoint process trees, so each zone's state lives on exactly one worker and
// workers share nothing but the output dispatcher (thread-safe queues).
//
// A worker owns its own compiled rules (filters keep per-check scratch, so a
// ruleset is evaluated by one thread) and formatters, and for each zone a
// ZoneState whose events report evt.source "edera_zone" and plugin "edera".
// It takes whole batches from each zone's inbox in turn and applies them in
// stream order: snapshots replace the state, purges drop it, events update
// the state and, when visible, go through the rules — the capture path's
// steps exactly (engine/cli/replay_run.cpp), so a capture streamed as a zone
// raises the alerts the same capture raises with -e.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/cli/app_config.h"
#include "engine/cli/evaluated_codes.h"
#include "engine/loader/rule_loader.h"
#include "engine/output/alert_formatter.h"
#include "engine/output/output_dispatcher.h"
#include "engine/output/run_summary.h"
#include "engine/ruleset/ruleset.h"
#include "engine/sources/edera/zone_inbox.h"
#include "engine/state/zone_state.h"

namespace eg::cli {

// What a finished zone reports for the end-of-run lines.
struct ZoneReport {
  std::string zone_id, zone_name;
  uint64_t evaluated = 0;  // events that reached the rules
  edera::ZoneInboxStats inbox;
};

class ZoneWorker {
 public:
  ZoneWorker(std::unique_ptr<RuleLoader> rules, const AppConfig& config, output::OutputDispatcher& dispatcher);
  ~ZoneWorker();

  // Builds the ruleset and formatters; false (and `error`) on a bad output format.
  bool init(std::string& error);
  void start();
  // Adds a zone (any thread).
  void assign(std::shared_ptr<edera::ZoneInbox> inbox);
  size_t zone_count() const;
  // Processes everything still queued, then ends the thread.
  void finish();

  const output::RunSummary& summary() const { return summary_; }
  // Event codes of the active rules (after init()), for the zones' syscall request.
  std::vector<uint16_t> active_event_codes();
  uint64_t evaluated() const { return evaluated_.load(); }
  std::vector<ZoneReport> reports() const;  // after finish()

 private:
  struct Zone {
    std::shared_ptr<edera::ZoneInbox> inbox;
    std::unique_ptr<ZoneState> state;
    uint64_t evt_num = 0;
    uint64_t evaluated = 0;
  };
  void run();
  bool drain_once();  // one pass over the zones; true when something was processed
  void process(Zone& zone, const edera::ZoneInbox::Batch& batch);
  void process_event(Zone& zone, const edera::ZoneInbox::Item& item, const uint8_t* bytes);
  void reset_state(Zone& zone);

  std::unique_ptr<RuleLoader> rules_;
  const AppConfig& config_;
  output::OutputConfig output_config_;  // config outputs + the zone suffix
  output::OutputDispatcher& dispatcher_;
  Ruleset ruleset_;
  std::optional<EvaluatedCodes> evaluated_codes_;  // from ruleset_, set by init()
  std::vector<std::optional<output::RuleFormatter>> formatters_;
  RuleMatching matching_ = RuleMatching::First;
  std::vector<const RulesetRule*> matches_;
  output::RunSummary summary_;
  edera::WakeSignal wake_;
  std::thread thread_;
  std::atomic<bool> finishing_{false};
  std::atomic<uint64_t> evaluated_{0};

  mutable std::mutex zones_mu_;
  std::vector<Zone> zones_;            // guarded by zones_mu_ for add/remove
  std::vector<Zone> incoming_;         // assigned, not yet picked up by the thread
  std::vector<ZoneReport> retired_;
};

}  // namespace eg::cli
