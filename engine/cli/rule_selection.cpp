// Configuration -> ruleset selection (see rule_selection.h).
#include "engine/cli/rule_selection.h"

#include <fmt/format.h>

namespace eg::cli {

eg::RuleSelection ruleset_selection(const AppConfig& config) {
  eg::RuleSelection s;
  for (const auto& entry : config.rule_selection) s.steps.push_back({entry.enable, entry.rule, entry.tag});
  s.minimum_priority = static_cast<Priority>(config.min_priority);
  return s;
}

std::vector<std::string> selection_log_lines(const AppConfig& config) {
  std::vector<std::string> out;
  for (const auto& s : config.rule_selection) {
    std::string verb = s.enable ? "Enabling" : "Disabling";
    if (s.rule && s.tag) out.push_back(fmt::format("{} rules with name: {} and tag: {}", verb, *s.rule, *s.tag));
    else if (s.tag) out.push_back(fmt::format("{} rules with tag: {}", verb, *s.tag));
    else out.push_back(fmt::format("{} rules with name: {}", verb, *s.rule));
  }
  return out;
}

}  // namespace eg::cli
