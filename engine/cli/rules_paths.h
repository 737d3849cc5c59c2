// Expanding `-r` / `rules_files` arguments into the rules files to load, as
// Falco does: a directory contributes its regular files (non-recursive, sorted
// by full path), and only paths matching `*.yaml` or `*.yml` are kept (the
// wildcard applies to the whole path, so a `.yaml` inside a directory name
// also counts as a non-match for the file's extension test).
#pragma once

#include <string>
#include <vector>

namespace eg::cli {

struct RulesPathsResult {
  std::vector<std::string> files;
  std::string error;  // "Could not open file <f> for reading"
  bool ok() const { return error.empty(); }
};

RulesPathsResult expand_rules_paths(const std::vector<std::string>& paths);

// Falco's wildcard matcher (§9.3): '*' matches any sequence, other characters
// match themselves; each literal chunk after a '*' is matched at its first
// occurrence without backtracking (so "*b" does not match "abcb").
bool wildcard_match(std::string_view pattern, std::string_view text);

}  // namespace eg::cli
