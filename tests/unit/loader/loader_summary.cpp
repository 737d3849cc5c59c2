// Line-oriented load summary (see loader_summary.h).
#include "loader_summary.h"

#include <sstream>

#include "parser/condition/ast_printer.h"

namespace eg::testing {
namespace {

std::string last_location(const LoadContext& ctx) {
  const LoadLocation& l = ctx.locations.back();
  std::string s = l.item_type;
  if (!l.item_name.empty()) s += " '" + l.item_name + "'";
  return s + " @" + std::to_string(l.position.line) + ":" + std::to_string(l.position.column);
}

}  // namespace

std::string summarize_load(const RuleLoader& loader) {
  std::ostringstream os;
  for (const auto& r : loader.results()) {
    os << "status: " << (r.successful ? (r.warnings.empty() ? "Ok" : "Ok, with warnings") : "Invalid") << "\n";
    for (const auto& e : r.errors) {
      os << "error: " << code_name(e.error) << " [" << last_location(e.context) << "] " << e.message << "\n";
    }
    for (const auto& w : r.warnings) {
      os << "warning: " << code_name(w.warning) << " [" << last_location(w.context) << "] " << w.message << "\n";
    }
  }
  if (loader.ok()) {
    if (auto plugin = loader.check_plugin_requirements()) os << "plugins: " << *plugin << "\n";
    os << "engine_version: " << loader.required_engine_version() << "\n";
    for (const auto& rule : loader.rules()) {
      os << "rule: " << rule.name << " | " << priority_long_name(rule.priority) << " | "
         << (rule.enabled ? "enabled" : "disabled") << " | " << rule.output << " | "
         << (rule.ast ? ast::to_string(*rule.ast) : "") << "\n";
    }
  }
  return os.str();
}

}  // namespace eg::testing
