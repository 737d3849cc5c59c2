// -V rendering (§9.5): Falco's summary/verbose text and JSON of load results.
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/loader/rule_loader.h"
#include "parser/rules/rules_yaml.h"

namespace eg {
namespace {

std::string snippet_of(const RuleLoader& loader, const LoadContext& ctx) {
  const LoadLocation& last = ctx.locations.back();
  const std::string* content = nullptr;
  if (!ctx.alt_content.empty()) {
    content = &ctx.alt_content;
  } else {
    content = loader.file_content(last.position.name);
    if (!content) return "<No context for file + " + last.position.name + ">\n";
  }
  return render_snippet(*content, last.position.offset);
}

std::string context_text(const LoadContext& ctx) {
  std::ostringstream os;
  bool first = true;
  for (const auto& loc : ctx.locations) {
    os << (first ? "In " : "    ") << loc.item_type;
    first = false;
    if (!loc.item_name.empty()) os << " '" << loc.item_name << "'";
    os << ": (" << loc.position.name << ":" << loc.position.line << ":" << loc.position.column << ")\n";
  }
  return os.str();
}

std::string status_line(const FileLoadResult& r) {
  std::string s = r.name.empty() ? "" : r.name + ": ";
  if (r.successful) return s + (r.warnings.empty() ? "Ok" : "Ok, with warnings");
  return s + "Invalid";
}

std::string message_heading(const LoadMessage& m) {
  if (m.is_error) return std::string(code_name(m.error)) + " (" + std::string(code_short_text(m.error)) + ")";
  std::string shortt = m.deprecated_field.empty()
                           ? std::string(code_short_text(m.warning))
                           : std::string(code_short_text(m.warning)) + ": field '" + m.deprecated_field + "'";
  return std::string(code_name(m.warning)) + " (" + shortt + ")";
}

nlohmann::json context_json(const LoadContext& ctx) {
  nlohmann::json j;
  j["locations"] = nlohmann::json::array();
  for (const auto& loc : ctx.locations) {
    nlohmann::json l;
    l["item_type"] = loc.item_type;
    l["item_name"] = loc.item_name;
    l["position"] = {{"name", loc.position.name},
                     {"line", loc.position.line},
                     {"column", loc.position.column},
                     {"offset", loc.position.offset}};
    j["locations"].push_back(l);
  }
  return j;
}

nlohmann::json message_json(const RuleLoader& loader, const LoadMessage& m) {
  nlohmann::json j;
  j["context"] = context_json(m.context);
  j["context"]["snippet"] = snippet_of(loader, m.context);
  if (m.is_error) {
    j["code"] = code_name(m.error);
    j["codedesc"] = code_short_text(m.error);
  } else {
    j["code"] = code_name(m.warning);
    j["codedesc"] = code_long_text(m.warning);
    if (!m.deprecated_field.empty()) j["deprecated_field"] = m.deprecated_field;
  }
  j["message"] = m.message;
  return j;
}

}  // namespace

std::string render_result_verbose(const RuleLoader& loader, const FileLoadResult& r) {
  std::ostringstream os;
  os << status_line(r);
  // Each section starts with a newline: the first ends the status line, the
  // later ones leave an empty line after the previous section.
  auto section = [&](const std::string& title) { os << "\n" << title << "\n"; };
  if (!r.schema_warnings.empty()) {
    section(std::to_string(r.schema_warnings.size()) + " Schema warnings:");
    os << "------\n";
    for (const auto& w : r.schema_warnings) os << w << "\n------\n";
  }
  auto messages = [&](const std::vector<LoadMessage>& list, const char* title) {
    if (list.empty()) return;
    section(std::to_string(list.size()) + title);
    for (const auto& m : list) {
      os << context_text(m.context) << "------\n" << snippet_of(loader, m.context) << "------\n"
         << message_heading(m) << ": " << m.message << "\n";
    }
  };
  messages(r.errors, " Errors:");
  messages(r.warnings, " Warnings:");
  return os.str();
}

ValidateTextOutput render_validate_text(const RuleLoader& loader) {
  ValidateTextOutput out;
  bool failed = false;
  for (const auto& r : loader.results()) {
    // Falco prints the summary for "Ok, with warnings" (the report goes to
    // the log) and the verbose form otherwise (which for "Ok" can still
    // carry schema warnings).
    bool verbose = !(r.successful && !r.warnings.empty());
    std::string block = verbose ? render_result_verbose(loader, r) : status_line(r);
    out.stdout_text += block + "\n";
    if (r.successful && !r.warnings.empty()) out.stderr_text += render_result_verbose(loader, r) + "\n";
    failed = failed || !r.successful;
  }
  if (failed) out.stderr_text += "Error: " + out.stdout_text;
  return out;
}

std::string render_validate_json(const RuleLoader& loader) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : loader.results()) {
    nlohmann::json j;
    j["name"] = r.name;
    j["successful"] = r.successful;
    j["errors"] = nlohmann::json::array();
    for (const auto& e : r.errors) j["errors"].push_back(message_json(loader, e));
    j["warnings"] = nlohmann::json::array();
    for (const auto& w : r.warnings) j["warnings"].push_back(message_json(loader, w));
    if (r.has_schema_status) {
      j["schema_valid"] = r.schema_valid;
      j["schema_warnings"] = r.schema_warnings;
    }
    results.push_back(j);
  }
  nlohmann::json root;
  root["falco_load_results"] = results;
  return root.dump() + "\n";
}

}  // namespace eg
