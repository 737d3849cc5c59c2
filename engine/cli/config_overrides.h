// Falco's `-o key=value` overrides applied to a YAML configuration tree.
//
// The key is a path of dot-separated map keys with `[N]` (list index) and `[]`
// (append a new list element) steps; a backslash escapes `.`, `[`, `]` and `\`
// inside key names. The value is a YAML mapping when wrapped in `{...}`, else a
// scalar string that the consumer converts. Working on the YAML tree (instead of
// a typed struct) lets every key of falco.yaml be overridden the same way.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace eg::cli {

struct KeyStep {
  enum Kind { Map, Index, Append } kind = Map;
  std::string name;  // Map
  size_t index = 0;  // Index
};

// Splits a key path; returns false on bad syntax (unclosed bracket, empty name...).
bool parse_key_path(const std::string& key, std::vector<KeyStep>& steps);

// Applies one `key=value` override to `root`. Returns "" or Falco's error text.
std::string apply_override(YAML::Node& root, const std::string& option);

}  // namespace eg::cli
