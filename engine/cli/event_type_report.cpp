// See event_type_report.h.
#include "engine/cli/event_type_report.h"

#include <set>
#include <string_view>

#include <fmt/format.h>

#include "engine/compiler/event_types.h"
#include "engine/loader/rule_loader.h"
#include "fields/event_schema.h"

namespace eg::cli {
namespace {

std::string event_names(const std::vector<uint16_t>& codes) {
  std::set<std::string_view> names;
  for (uint16_t code : codes)
    if (const EventInfo* info = event_info(code)) names.insert(info->name);
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ' ';
    out += n;
  }
  return out;
}

}  // namespace

std::string render_event_type_report(const RuleLoader& loader) {
  std::string out;
  for (const auto& rule : loader.rules()) {
    size_t n = rule.event_codes.size();
    std::string names = n > kMaxEventTypesWithoutWarning ? std::string("(all event types)")
                                                         : event_names(rule.event_codes);
    out += fmt::format("{} [{}, {}]: {} event codes: {}\n", rule.name, rule.source,
                       rule.enabled ? "enabled" : "disabled", n, names);
  }
  return out;
}

}  // namespace eg::cli
