// Rule selection (see rule_selection.h).
#include "engine/cli/rule_selection.h"

#include <fmt/format.h>

#include "engine/cli/rules_paths.h"

namespace eg::cli {
namespace {

bool selects(const RuleSelection& s, const CompiledRule& r) {
  if (s.rule && !wildcard_match(*s.rule, r.name)) return false;
  if (s.tag && !r.tags.count(*s.tag)) return false;
  return true;
}

std::string describe(const RuleSelection& s) {
  std::string verb = s.enable ? "Enabling" : "Disabling";
  if (s.rule && s.tag) return fmt::format("{} rules with name: {} and tag: {}", verb, *s.rule, *s.tag);
  if (s.tag) return fmt::format("{} rules with tag: {}", verb, *s.tag);
  return fmt::format("{} rules with name: {}", verb, *s.rule);
}

}  // namespace

std::vector<bool> active_rules(const std::vector<CompiledRule>& rules, const AppConfig& config,
                               std::vector<std::string>* log) {
  std::vector<bool> enabled;
  enabled.reserve(rules.size());
  for (const auto& r : rules) enabled.push_back(r.enabled);
  for (const auto& s : config.rule_selection) {
    if (log) log->push_back(describe(s));
    for (size_t i = 0; i < rules.size(); ++i)
      if (selects(s, rules[i])) enabled[i] = s.enable;
  }
  for (size_t i = 0; i < rules.size(); ++i)
    if (static_cast<int>(rules[i].priority) > config.min_priority) enabled[i] = false;
  return enabled;
}

}  // namespace eg::cli
