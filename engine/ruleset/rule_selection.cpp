// Rule selection helpers (see rule_selection.h).
#include "engine/ruleset/rule_selection.h"

namespace eg {

bool rule_name_matches(std::string_view pattern, std::string_view name) {
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == name;
  std::string_view head = pattern.substr(0, star);
  if (!name.starts_with(head)) return false;
  size_t pos = head.size();
  std::string_view rest = pattern.substr(star + 1);
  while (true) {
    size_t next = rest.find('*');
    std::string_view chunk = rest.substr(0, next);
    if (!chunk.empty()) {
      size_t at = name.find(chunk, pos);
      if (at == std::string_view::npos) return false;
      pos = at + chunk.size();
    }
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + 1);
  }
  return pattern.back() == '*' || pos == name.size();
}

void RuleSelection::disable_rules_matching(std::string_view substring) {
  steps.push_back({false, "*" + std::string(substring) + "*", std::nullopt});
}

void RuleSelection::disable_tag(std::string tag) {
  steps.push_back({false, std::nullopt, std::move(tag)});
}

void RuleSelection::only_tags(const std::vector<std::string>& tags) {
  steps.push_back({false, std::string("*"), std::nullopt});
  for (const auto& t : tags) steps.push_back({true, std::nullopt, t});
}

}  // namespace eg
