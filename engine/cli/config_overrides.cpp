// Implementation of `-o key=value` (see config_overrides.h).
#include "engine/cli/config_overrides.h"

#include <fmt/format.h>

namespace eg::cli {
namespace {

bool parse_bracket(const std::string& key, size_t& i, std::vector<KeyStep>& steps) {
  size_t close = key.find(']', i);
  if (close == std::string::npos) return false;
  std::string inside = key.substr(i + 1, close - i - 1);
  KeyStep s;
  if (inside.empty()) {
    s.kind = KeyStep::Append;
  } else {
    if (inside.find_first_not_of("0123456789") != std::string::npos) return false;
    s.kind = KeyStep::Index;
    s.index = std::stoul(inside);
  }
  steps.push_back(s);
  i = close + 1;
  return true;
}

// Descends one step, creating what is missing. yaml-cpp nodes are handles:
// reset() rebinds `cur` instead of assigning through it.
bool descend(YAML::Node& cur, const KeyStep& step) {
  switch (step.kind) {
    case KeyStep::Map:
      if (cur.IsDefined() && !cur.IsNull() && !cur.IsMap()) cur = YAML::Node(YAML::NodeType::Map);
      cur.reset(cur[step.name]);
      return true;
    case KeyStep::Append: {
      if (!cur.IsSequence()) cur = YAML::Node(YAML::NodeType::Sequence);
      cur.push_back(YAML::Node());
      YAML::Node last = cur[cur.size() - 1];
      cur.reset(last);
      return true;
    }
    case KeyStep::Index: {
      if (!cur.IsSequence()) cur = YAML::Node(YAML::NodeType::Sequence);
      while (cur.size() <= step.index) cur.push_back(YAML::Node());
      YAML::Node item = cur[step.index];
      cur.reset(item);
      return true;
    }
  }
  return false;
}

}  // namespace

bool parse_key_path(const std::string& key, std::vector<KeyStep>& steps) {
  steps.clear();
  std::string name;
  bool have_name = false;
  auto flush = [&]() {
    if (have_name) steps.push_back({KeyStep::Map, name, 0});
    name.clear();
    have_name = false;
  };
  for (size_t i = 0; i < key.size();) {
    char c = key[i];
    if (c == '\\' && i + 1 < key.size()) {
      name += key[i + 1];
      have_name = true;
      i += 2;
    } else if (c == '.') {
      if (!have_name && (steps.empty() || steps.back().kind == KeyStep::Map)) return false;
      flush();
      ++i;
    } else if (c == '[') {
      flush();
      if (steps.empty() || !parse_bracket(key, i, steps)) return false;
    } else if (c == ']') {
      return false;
    } else {
      name += c;
      have_name = true;
      ++i;
    }
  }
  flush();
  return !steps.empty();
}

std::string apply_override(YAML::Node& root, const std::string& option) {
  const std::string bad = fmt::format(
      "Error parsing config option \"{}\". Must be of the form key=val or key.subkey=val", option);
  auto eq = option.find('=');
  if (eq == std::string::npos || eq == 0) return bad;
  std::vector<KeyStep> steps;
  if (!parse_key_path(option.substr(0, eq), steps)) return bad;
  std::string value = option.substr(eq + 1);
  YAML::Node new_value;
  if (value.size() >= 2 && value.front() == '{' && value.back() == '}') {
    try {
      new_value = YAML::Load(value);
    } catch (const YAML::Exception&) {
      return bad;
    }
  } else {
    new_value = YAML::Node(value);
  }
  if (!root.IsMap()) root = YAML::Node(YAML::NodeType::Map);
  YAML::Node cur;
  cur.reset(root);
  for (const auto& s : steps)
    if (!descend(cur, s)) return bad;
  cur = new_value;
  return {};
}

}  // namespace eg::cli
