// -L / -l rendering (§9.7): the text table of rules and descriptions, and the
// JSON description of lists, macros and rules with their details.
#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "engine/loader/rule_loader.h"
#include "engine/loader/ast_facts.h"
#include "fields/event_schema.h"
#if __has_include("parser/condition/ast_printer.h")
#include "parser/condition/ast_printer.h"
#define EG_HAVE_AST_PRINTER 1
#endif

namespace eg {
namespace {

constexpr uint32_t kNameWidth = 50;
constexpr uint32_t kLineLength = 110;
constexpr size_t kBroadEventSet = 100;

std::string wrap_text(const std::string& in, uint32_t indent, uint32_t line_len) {
  std::istringstream is(in);
  std::ostringstream os;
  std::string word;
  uint32_t len = 0;
  while (is >> word) {
    if (len + word.size() + 1 <= line_len - indent) {
      len += static_cast<uint32_t>(word.size()) + 1;
    } else {
      os << "\n" << std::left << std::setw(static_cast<int>(indent)) << " ";
      len = static_cast<uint32_t>(word.size()) + 1;
    }
    os << word << " ";
  }
  return os.str();
}

std::string compiled_text(const std::shared_ptr<const ast::Expr>& expr) {
#ifdef EG_HAVE_AST_PRINTER
  return expr ? ast::to_string(*expr) : std::string();
#else
  (void)expr;
  return {};
#endif
}

bool is_generic_code(uint16_t code) { return code == 0 || code == 1; }

// Falco names the syscalls behind the generic event codes rather than the
// generic event itself: those named in the condition, or every generic
// syscall when the set is unrestricted.
nlohmann::json event_names(const std::vector<uint16_t>& codes, const ast::Expr* expr) {
  std::set<std::string> names;
  bool generic = false;
  for (uint16_t c : codes) {
    if (is_generic_code(c)) {
      generic = true;
    } else if (const EventInfo* info = event_info(c)) {
      names.insert(std::string(info->name));
    }
  }
  if (generic && expr) {
    for (const auto& v : event_type_values(*expr)) {
      auto named = event_codes_for_name(v);
      if (!named.empty() && std::all_of(named.begin(), named.end(), is_generic_code)) names.insert(v);
    }
  }
  if (generic && codes.size() > kBroadEventSet) {
    for (const auto& sc : all_syscalls()) {
      if (sc.generic) names.insert(std::string(sc.name));
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : names) out.push_back(n);
  return out;
}

nlohmann::json rule_json(const CompiledRule& r) {
  nlohmann::json info;
  info["capture"] = r.capture;
  info["capture_duration"] = r.capture_duration;
  info["condition"] = r.condition;
  info["description"] = r.description;
  info["enabled"] = r.enabled;
  info["name"] = r.name;
  info["output"] = r.output;
  info["priority"] = priority_long_name(r.priority);
  info["source"] = r.source;
  info["tags"] = r.tags;
  nlohmann::json d;
  d["condition_compiled"] = compiled_text(r.ast);
  d["condition_fields"] = r.condition_fields;
  d["condition_operators"] = r.condition_operators;
  d["events"] = event_names(r.event_codes, r.ast.get());
  d["exception_fields"] = r.exception_fields;
  nlohmann::json names = nlohmann::json::array();
  std::set<std::string> seen;
  for (const auto& e : r.exceptions) {
    if (seen.insert(e.name).second) names.push_back(e.name);
  }
  d["exception_names"] = names;
  d["exception_operators"] = r.exception_operators;
  d["lists"] = r.used_lists;
  d["macros"] = r.used_macros;
  d["output_compiled"] = r.output_compiled;
  d["output_fields"] = r.output_fields;
  d["plugins"] = nlohmann::json::array({"container"});
  return {{"info", info}, {"details", d}};
}

nlohmann::json macro_json(const CompiledMacro& m) {
  nlohmann::json d;
  d["condition_compiled"] = compiled_text(m.ast);
  d["condition_fields"] = m.condition_fields;
  d["condition_operators"] = m.condition_operators;
  d["events"] = event_names(m.event_codes, m.ast.get());
  d["lists"] = m.used_lists;
  d["macros"] = m.used_macros;
  d["plugins"] = nlohmann::json::array();
  d["used"] = m.used;
  return {{"info", {{"condition", m.condition}, {"name", m.name}}}, {"details", d}};
}

nlohmann::json list_json(const CompiledList& l) {
  nlohmann::json d;
  d["items_compiled"] = l.items_compiled;
  d["lists"] = l.lists;
  d["plugins"] = nlohmann::json::array();
  d["used"] = l.used;
  return {{"info", {{"items", l.items}, {"name", l.name}}}, {"details", d}};
}

// Falco re-parses every condition for -L with the parser's default depth
// limit (100) and stops with a runtime error when it is exceeded, although
// the rule loaded with the larger limit. Parenthesis nesting is what drives
// that depth.
void check_describe_depth(const RuleLoader& loader) {
  constexpr int kDescribeMaxDepth = 100;
  auto check = [](const std::string& cond) {
    int depth = 0;
    for (char ch : cond) {
      if (ch == '(' && ++depth >= kDescribeMaxDepth) {
        throw std::runtime_error("exceeded max depth limit of " + std::to_string(kDescribeMaxDepth));
      }
      if (ch == ')' && depth > 0) --depth;
    }
  };
  for (const auto& m : loader.macros()) check(m.condition);
  for (const auto& r : loader.rules()) check(r.condition);
}

}  // namespace

std::string render_rules_list_text(const RuleLoader& loader) {
  check_describe_depth(loader);
  std::ostringstream os;
  os << std::left << std::setw(kNameWidth) << "Rule" << " " << "Description" << "\n";
  os << std::left << std::setw(kNameWidth) << "----" << " " << "-----------" << "\n";
  for (const auto& r : loader.rules()) {
    os << std::left << std::setw(kNameWidth) << r.name << " "
       << wrap_text(r.description, kNameWidth + 1, kLineLength) << "\n\n";
  }
  return os.str();
}

std::string render_rules_list_json(const RuleLoader& loader) {
  check_describe_depth(loader);
  nlohmann::json root;
  root["lists"] = nlohmann::json::array();
  for (const auto& l : loader.lists()) root["lists"].push_back(list_json(l));
  root["macros"] = nlohmann::json::array();
  for (const auto& m : loader.macros()) root["macros"].push_back(macro_json(m));
  root["rules"] = nlohmann::json::array();
  for (const auto& r : loader.rules()) root["rules"].push_back(rule_json(r));
  root["required_engine_version"] = loader.required_engine_version();
  nlohmann::json reqs = nlohmann::json::array();
  for (const auto& alts : loader.required_plugin_versions()) {
    nlohmann::json entry;
    entry["name"] = alts.front().name;
    entry["version"] = alts.front().version;
    nlohmann::json a = nlohmann::json::array();
    for (size_t i = 1; i < alts.size(); ++i) a.push_back({{"name", alts[i].name}, {"version", alts[i].version}});
    entry["alternatives"] = a;
    reqs.push_back(entry);
  }
  root["required_plugin_versions"] = reqs;
  return root.dump() + "\n";
}

}  // namespace eg
