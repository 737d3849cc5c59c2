// Rule activation, event-type index and evaluation (see ruleset.h).
#include "engine/ruleset/ruleset.h"

#include <algorithm>

#include "engine/loader/rule_loader.h"

namespace eg {
namespace {

bool step_applies(const SelectionStep& step, const RulesetRule& rule) {
  if (!step.rule && !step.tag) return false;
  if (step.rule && !rule_name_matches(*step.rule, rule.name)) return false;
  if (step.tag && rule.tags.count(*step.tag) == 0) return false;
  return true;
}

}  // namespace

Ruleset Ruleset::from_compiled(const std::vector<CompiledRule>& rules) {
  Ruleset set;
  for (size_t i = 0; i < rules.size(); ++i) {
    const CompiledRule& c = rules[i];
    RulesetRule r;
    r.name = c.name;
    r.priority = c.priority;
    r.source = c.source;
    r.tags = c.tags;
    r.enabled = c.enabled;
    r.filter = c.filter;
    r.shared_results = c.shared_results;
    for (uint16_t code : c.event_codes) r.event_codes.insert(code);
    r.load_index = i;
    set.add(std::move(r));
  }
  return set;
}

void Ruleset::add(RulesetRule rule) {
  if (rule.shared_results &&
      std::find(shared_results_.begin(), shared_results_.end(), rule.shared_results) == shared_results_.end())
    shared_results_.push_back(rule.shared_results);
  rules_.push_back(std::move(rule));
  selected_ = false;
}

void Ruleset::select(const RuleSelection& selection) {
  active_.assign(rules_.size(), false);
  for (size_t i = 0; i < rules_.size(); ++i) {
    const RulesetRule& r = rules_[i];
    if (!r.filter || selection.sources.count(r.source) == 0) continue;
    if (static_cast<int>(r.priority) > static_cast<int>(selection.minimum_priority)) continue;
    bool on = r.enabled;
    for (const auto& step : selection.steps)
      if (step_applies(step, r)) on = step.enable;
    active_[i] = on;
  }
  rebuild_index();
  selected_ = true;
}

void Ruleset::set_active(std::vector<bool> active) {
  active.resize(rules_.size(), false);
  for (size_t i = 0; i < rules_.size(); ++i)
    if (!rules_[i].filter) active[i] = false;
  active_ = std::move(active);
  rebuild_index();
  selected_ = true;
}

void Ruleset::ensure_selected() {
  if (!selected_) select(RuleSelection{});
}

void Ruleset::rebuild_index() {
  size_t max_code = 0;
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!active_[i]) continue;
    auto codes = rules_[i].event_codes.codes();
    if (!codes.empty()) max_code = std::max<size_t>(max_code, codes.back() + 1u);
  }
  by_code_.assign(max_code, {});
  entries_by_code_.assign(max_code, {});
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!active_[i]) continue;
    const BucketEntry entry{rules_[i].filter.get(), rules_[i].filter->guard(), static_cast<uint32_t>(i)};
    for (uint16_t code : rules_[i].event_codes.codes()) {
      by_code_[code].push_back(static_cast<uint32_t>(i));
      entries_by_code_[code].push_back(entry);
    }
  }
}

size_t Ruleset::evaluate(const EventContext& ctx, uint16_t code, RuleMatching matching,
                         std::vector<const RulesetRule*>& out) {
  ensure_selected();
  if (code >= by_code_.size()) return 0;
  begin_event();
  size_t added = 0;
  for (const BucketEntry& e : entries_by_code_[code]) {
    if (known_false(e.guard) || !e.filter->evaluate(ctx)) continue;
    out.push_back(&rules_[e.rule]);
    ++added;
    if (matching == RuleMatching::First) break;
  }
  return added;
}

const RulesetRule* Ruleset::first_match(const EventContext& ctx, uint16_t code) {
  ensure_selected();
  if (code >= by_code_.size()) return nullptr;
  begin_event();
  for (const BucketEntry& e : entries_by_code_[code])
    if (!known_false(e.guard) && e.filter->evaluate(ctx)) return &rules_[e.rule];
  return nullptr;
}

// The rule's guard is stored false for this event (counted as a hit of the
// shared table, which is what walking the filter would have done first).
inline bool Ruleset::known_false(const FilterGuard& g) {
  bool value;
  if (g.table == nullptr || !g.table->read(*g.entry, &value) || value) return false;
  ++g.table->counters().hits;
  return true;
}

void Ruleset::begin_event() {
  for (auto& table : shared_results_) table->begin_event();
}

size_t Ruleset::active_count() {
  ensure_selected();
  size_t n = 0;
  for (bool a : active_) n += a ? 1 : 0;
  return n;
}

std::span<const uint32_t> Ruleset::bucket(uint16_t code) {
  ensure_selected();
  if (code >= by_code_.size()) return {};
  return by_code_[code];
}

}  // namespace eg
