// See zone_worker.h.
#include "engine/cli/zones/zone_worker.h"

#include <pthread.h>

#include <chrono>

#include <fmt/format.h>

#include "engine/cli/rule_selection.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "fields/raw_event.h"

namespace eg::cli {
namespace {

constexpr const char* kZoneOutputSuffix = "zone_id=%edera.zone.id zone_name=%edera.zone.name";
// A worker that found work within the last kBusySpan polls every kPollWait;
// otherwise it sleeps up to kIdleWait, woken by the next item (WakeSignal).
constexpr auto kPollWait = std::chrono::milliseconds(1);
constexpr auto kBusySpan = std::chrono::milliseconds(50);
constexpr auto kIdleWait = std::chrono::milliseconds(200);

std::vector<std::string> rule_names(const RuleLoader& loader) {
  std::vector<std::string> names;
  for (const auto& r : loader.rules()) names.push_back(r.name);
  return names;
}

}  // namespace

ZoneWorker::ZoneWorker(std::unique_ptr<RuleLoader> rules, const AppConfig& config,
                       output::OutputDispatcher& dispatcher)
    : rules_(std::move(rules)), config_(config), output_config_(config.outputs), dispatcher_(dispatcher),
      summary_(rule_names(*rules_)) {
  // Zone alerts always carry the zone fields in output_fields; the text
  // suffix is optional (edera.append_zone_output).
  output::AppendOutputEntry zone;
  if (config.edera.append_zone_output) {
    zone.extra_output = kZoneOutputSuffix;
  } else {
    zone.extra_fields.push_back({"edera.zone.id", "", true});
    zone.extra_fields.push_back({"edera.zone.name", "", true});
  }
  output_config_.append_output.push_back(zone);
  matching_ = config.rule_matching_all ? RuleMatching::All : RuleMatching::First;
}

ZoneWorker::~ZoneWorker() { finish(); }

bool ZoneWorker::init(std::string& error) {
  const auto& rules = rules_->rules();
  ruleset_ = Ruleset::from_compiled(rules);
  eg::RuleSelection selection = ruleset_selection(config_);
  selection.sources = std::set<std::string>(config_.edera.rule_sources.begin(), config_.edera.rule_sources.end());
  ruleset_.select(selection);
  evaluated_codes_.emplace(ruleset_);
  formatters_.resize(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!ruleset_.is_active(i)) continue;
    const CompiledRule& r = rules[i];
    std::string e;
    formatters_[i] = output::RuleFormatter::compile({r.name, r.output, r.priority, r.source, r.tags}, output_config_, &e);
    if (!formatters_[i]) {
      error = fmt::format("rule '{}': invalid output format: {}", r.name, e);
      return false;
    }
  }
  return true;
}

std::vector<uint16_t> ZoneWorker::active_event_codes() {
  std::vector<uint16_t> codes;
  const auto& rules = rules_->rules();
  for (size_t i = 0; i < rules.size(); ++i)
    if (ruleset_.is_active(i)) codes.insert(codes.end(), rules[i].event_codes.begin(), rules[i].event_codes.end());
  return codes;
}

void ZoneWorker::start() {
  thread_ = std::thread([this] {
    ::pthread_setname_np(::pthread_self(), "eg-zone-worker");
    run();
  });
}

void ZoneWorker::assign(std::shared_ptr<edera::ZoneInbox> inbox) {
  inbox->set_wake(&wake_);
  Zone z;
  z.inbox = std::move(inbox);
  {
    std::lock_guard<std::mutex> lock(zones_mu_);
    incoming_.push_back(std::move(z));
  }
  wake_.notify();
}

size_t ZoneWorker::zone_count() const {
  std::lock_guard<std::mutex> lock(zones_mu_);
  return zones_.size() + incoming_.size();
}

void ZoneWorker::finish() {
  if (!thread_.joinable()) return;
  finishing_ = true;
  wake_.notify();
  thread_.join();
}

std::vector<ZoneReport> ZoneWorker::reports() const {
  std::lock_guard<std::mutex> lock(zones_mu_);
  std::vector<ZoneReport> out = retired_;
  for (const auto& z : zones_) out.push_back({z.inbox->zone_id(), z.inbox->zone_name_now(), z.evaluated, z.inbox->stats()});
  return out;
}

void ZoneWorker::run() {
  auto last_work = std::chrono::steady_clock::now();
  while (true) {
    if (drain_once()) {
      last_work = std::chrono::steady_clock::now();
      continue;
    }
    if (finishing_) {
      if (!drain_once()) return;  // one last pass after the stop request
      continue;
    }
    const bool busy = std::chrono::steady_clock::now() - last_work < kBusySpan;
    if (busy) {
      wake_.wait(kPollWait, false);
    } else {
      wake_.announce_deep_sleep();
      if (drain_once()) {  // anything pushed before the announcement
        wake_.cancel_deep_sleep();
        last_work = std::chrono::steady_clock::now();
        continue;
      }
      wake_.wait(kIdleWait, true);
    }
  }
}

bool ZoneWorker::drain_once() {
  {
    std::lock_guard<std::mutex> lock(zones_mu_);
    for (auto& z : incoming_) zones_.push_back(std::move(z));
    incoming_.clear();
  }
  bool worked = false;
  edera::ZoneInbox::Batch batch;
  for (size_t i = 0; i < zones_.size();) {
    Zone& zone = zones_[i];
    if (zone.inbox->take(batch)) {
      process(zone, batch);
      worked = true;
    }
    if (zone.inbox->closed() && zone.inbox->empty()) {
      std::lock_guard<std::mutex> lock(zones_mu_);
      retired_.push_back({zone.inbox->zone_id(), zone.inbox->zone_name_now(), zone.evaluated, zone.inbox->stats()});
      zones_.erase(zones_.begin() + static_cast<std::ptrdiff_t>(i));
      continue;
    }
    ++i;
  }
  return worked;
}

void ZoneWorker::reset_state(Zone& zone) {
  zone.state = std::make_unique<ZoneState>(zone.inbox->zone_id(), zone.inbox->zone_name_now());
  zone.state->set_origin("edera_zone", "edera");
  zone.state->seed_interfaces(zone.inbox->interfaces());
}

void ZoneWorker::process(Zone& zone, const edera::ZoneInbox::Batch& batch) {
  for (const auto& item : batch.items) {
    switch (item.kind) {
      case edera::ZoneInbox::Kind::Snapshot:
        reset_state(zone);
        edera::apply_snapshot(*zone.state, *item.snapshot);  // clears, then seeds
        zone.state->seed_interfaces(zone.inbox->interfaces());
        break;
      case edera::ZoneInbox::Kind::Purge:
        zone.state.reset();
        break;
      case edera::ZoneInbox::Kind::Event:
        process_event(zone, item, batch.bytes.data());
        break;
    }
  }
}

void ZoneWorker::process_event(Zone& zone, const edera::ZoneInbox::Item& item, const uint8_t* bytes) {
  RawEvent raw;
  const char* error = nullptr;
  if (!parse_raw_event({bytes + item.offset, item.length}, raw, &error)) return;  // validated by the pump
  raw.cpu = item.cpu;
  if (!zone.state) reset_state(zone);  // events before any snapshot: no seeded state
  const EventContext& ctx = zone.state->on_event(raw, ++zone.evt_num, evaluated_codes_->context_use(raw.type));
  if (!item.visible) return;
  ++zone.evaluated;
  evaluated_.fetch_add(1, std::memory_order_relaxed);
  if (!evaluated_codes_->has_rules(raw.type)) return;
  matches_.clear();
  ruleset_.evaluate(ctx, raw.type, matching_, matches_);
  for (const RulesetRule* m : matches_) {
    dispatcher_.dispatch(formatters_[m->load_index]->format(ctx));
    summary_.count(m->load_index, m->priority);
  }
}

}  // namespace eg::cli
