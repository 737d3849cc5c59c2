// The zone run loop (see zone_run_here.h).
#include "engine/cli/zones/zone_run_here.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "engine/cli/rule_selection.h"
#include "engine/cli/rules_input.h"
#include "engine/cli/zones/zone_worker.h"
#include "engine/sources/edera/edera_log.h"
#include "engine/sources/edera/syscall_selection.h"
#include "engine/sources/edera/xen_domains.h"
#include "engine/sources/edera/zone_supervisor.h"

namespace eg::cli {
namespace {

size_t worker_count(const AppConfig& config) {
  if (config.edera.workers > 0) return config.edera.workers;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

// Gives each new zone an inbox on the worker with the fewest zones.
class WorkerPool : public edera::ZoneInboxProvider {
 public:
  WorkerPool(std::vector<std::unique_ptr<ZoneWorker>>& workers, const edera::EderaOptions& options)
      : workers_(workers), options_(options) {}

  std::shared_ptr<edera::ZoneInbox> inbox_for(const edera::ZoneRecord& zone) override {
    auto inbox = std::make_shared<edera::ZoneInbox>(zone.id, zone.name, options_.queue_capacity,
                                                    options_.queue_max_bytes);
    inbox->set_interfaces(zone.interfaces);
    ZoneWorker* best = workers_.front().get();
    for (auto& w : workers_)
      if (w->zone_count() < best->zone_count()) best = w.get();
    best->assign(inbox);
    return inbox;
  }

 private:
  std::vector<std::unique_ptr<ZoneWorker>>& workers_;
  const edera::EderaOptions& options_;
};

// A worker's own copy of the rules, compiled from the same files.
std::unique_ptr<RuleLoader> reload_rules(const std::vector<std::string>& paths, const AppConfig& config) {
  auto loaded = load_rules_quietly(paths, config);
  return loaded ? std::move(loaded->loader) : nullptr;
}

void print_zone_reports(const std::vector<std::unique_ptr<ZoneWorker>>& workers) {
  for (const auto& w : workers)
    for (const ZoneReport& r : w->reports())
      edera::log("zone {}: {} events, {} dropped, {} malformed", r.zone_id, r.inbox.events, r.inbox.dropped,
                 r.inbox.malformed);
}

}  // namespace

int run_zones_here(const AppConfig& config, const std::vector<std::string>& rules_paths,
                   std::unique_ptr<RuleLoader> loader, const RunOptions& options) {
  for (const auto& l : selection_log_lines(config)) std::fprintf(stderr, "%s\n", l.c_str());
  std::string error;
  auto dispatcher = output::OutputDispatcher::create(config.outputs, &error);
  if (!dispatcher) {
    std::fprintf(stderr, "Error: %s\n", error.c_str());
    return 1;
  }
  std::vector<std::unique_ptr<ZoneWorker>> workers;
  const size_t n = worker_count(config);
  for (size_t i = 0; i < n; ++i) {
    std::unique_ptr<RuleLoader> rules = i == 0 ? std::move(loader) : reload_rules(rules_paths, config);
    if (!rules) {
      std::fprintf(stderr, "Error: could not compile the rules for zone worker %zu\n", i);
      return 1;
    }
    auto w = std::make_unique<ZoneWorker>(std::move(rules), config, *dispatcher);
    if (!w->init(error)) {
      std::fprintf(stderr, "Error: %s\n", error.c_str());
      return 1;
    }
    workers.push_back(std::move(w));
  }
  edera::EderaOptions edera_options = config.edera;
  if (edera_options.enabled_syscalls_mode == "rules") {
    edera::SyscallNumbering numbering = edera::SyscallNumbering::PpmSc;
    edera::parse_syscall_numbering(edera_options.syscall_numbering, numbering);
    edera_options.enabled_syscalls = edera::syscalls_for_rules(workers.front()->active_event_codes(), numbering);
    edera::log("requesting {} syscalls ({} numbering) from every zone", edera_options.enabled_syscalls.size(),
               edera_options.syscall_numbering);
  }
  for (auto& w : workers) w->start();
  WorkerPool pool(workers, edera_options);
  edera::log("connecting to the daemon at {} ({} worker{})", config.edera.socket, n, n == 1 ? "" : "s");
  auto started = std::chrono::steady_clock::now();
  {
    auto domains = edera::make_xen_domain_inspector();
    if (domains) edera::log("Xen dom0: zone domains are checked with libxenctrl");
    edera::ZoneSupervisor supervisor(edera_options, pool, std::move(domains));
    supervisor.start();
    while (!stop_requested()) {
      if (options.duration_s &&
          std::chrono::steady_clock::now() - started >= std::chrono::seconds(options.duration_s))
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    supervisor.stop();
  }
  for (auto& w : workers) w->finish();  // evaluates everything the zones sent
  output::RunSummary summary = workers.front()->summary();
  uint64_t events = workers.front()->evaluated();
  for (size_t i = 1; i < workers.size(); ++i) {
    summary.merge(workers[i]->summary());
    events += workers[i]->evaluated();
  }
  dispatcher->close(std::chrono::milliseconds(config.outputs.drain_timeout_ms), drain_abort_requested);
  std::fflush(stdout);
  std::fputs(summary.render().c_str(), stdout);
  std::fflush(stdout);
  print_zone_reports(workers);
  if (options.verbose) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "Elapsed time: %.3f, Captured Events: %llu, %.2f eps\n", secs,
                 static_cast<unsigned long long>(events), secs > 0 ? events / secs : 0.0);
  }
  return 0;
}

}  // namespace eg::cli
