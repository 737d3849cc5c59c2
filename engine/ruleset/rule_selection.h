// Which loaded rules are active (language reference §2.4, §7.4, §9.3): the
// `enabled:` value from the files, then configuration selection steps applied
// in order (`rules: [{disable: {rule: "*"}}, {enable: {tag: network}}]`, the
// legacy -D/-T/-t flags), restricted to the evaluated event sources and the
// minimum priority (less severe rules are never active).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/loader/priority.h"

namespace eg {

struct SelectionStep {
  bool enable = true;
  std::optional<std::string> rule;  // wildcard pattern over the whole name ('*' only)
  std::optional<std::string> tag;   // exact tag
};

struct RuleSelection {
  std::vector<SelectionStep> steps;
  Priority minimum_priority = Priority::Debug;  // config `priority` (default debug: all)
  std::set<std::string> sources = {"syscall"};

  // Legacy flags as steps: -D <substring> is not a wildcard in Falco, so it
  // becomes "*<substring>*"; -T disables a tag; -t disables everything, then
  // enables each given tag.
  void disable_rules_matching(std::string_view substring);
  void disable_tag(std::string tag);
  void only_tags(const std::vector<std::string>& tags);
};

// Falco's rule-name wildcard: '*' matches any sequence; each literal chunk
// after a '*' is taken at its first occurrence, without backtracking (so
// "*b" does not match "abcb").
bool rule_name_matches(std::string_view pattern, std::string_view name);

}  // namespace eg
