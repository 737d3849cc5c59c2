// Evaluates the active rules on one event (language reference §7.5): only the
// rules whose event-type set contains the event's code are visited, in rule
// order; with `rule_matching: first` evaluation stops at the first match.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/loader/rule_loader.h"
#include "engine/state/event_context.h"

namespace eg::cli {

class RuleEvaluator {
 public:
  RuleEvaluator(const std::vector<CompiledRule>& rules, const std::vector<bool>& active, bool match_all);
  // Calls `on_match(rule_index)` for each matching rule.
  void evaluate(const EventContext& ctx, const std::function<void(size_t)>& on_match) const;
  size_t active_count() const { return active_count_; }

 private:
  const std::vector<CompiledRule>& rules_;
  std::vector<std::vector<size_t>> by_code_;  // event code -> rule indices in rule order
  bool match_all_;
  size_t active_count_ = 0;
};

}  // namespace eg::cli
