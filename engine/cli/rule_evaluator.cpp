// Event-type indexed rule evaluation (see rule_evaluator.h).
#include "engine/cli/rule_evaluator.h"

namespace eg::cli {

RuleEvaluator::RuleEvaluator(const std::vector<CompiledRule>& rules, const std::vector<bool>& active,
                             bool match_all)
    : rules_(rules), match_all_(match_all) {
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!active[i] || !rules[i].filter || rules[i].source != "syscall") continue;
    ++active_count_;
    for (uint16_t code : rules[i].event_codes) {
      if (code >= by_code_.size()) by_code_.resize(code + 1);
      by_code_[code].push_back(i);
    }
  }
}

void RuleEvaluator::evaluate(const EventContext& ctx, const std::function<void(size_t)>& on_match) const {
  if (!ctx.event || ctx.event->type >= by_code_.size()) return;
  for (size_t i : by_code_[ctx.event->type]) {
    if (!rules_[i].filter->evaluate(ctx)) continue;
    on_match(i);
    if (!match_all_) return;
  }
}

}  // namespace eg::cli
