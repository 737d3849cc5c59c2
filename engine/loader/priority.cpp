// Priority names: one table, used both ways (see priority.h).
#include "engine/loader/priority.h"

#include <array>
#include <cctype>

namespace eg {
namespace {

struct PriorityName {
  Priority value;
  std::string_view long_name;
  std::string_view short_name;
};

constexpr std::array<PriorityName, 8> kPriorityNames{{
    {Priority::Emergency, "Emergency", "EMERGENCY"},
    {Priority::Alert, "Alert", "ALERT"},
    {Priority::Critical, "Critical", "CRITICAL"},
    {Priority::Error, "Error", "ERROR"},
    {Priority::Warning, "Warning", "WARNING"},
    {Priority::Notice, "Notice", "NOTICE"},
    {Priority::Informational, "Informational", "INFO"},
    {Priority::Debug, "Debug", "DEBUG"},
}};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Priority> parse_priority(std::string_view text) {
  for (const auto& p : kPriorityNames) {
    if (iequals(text, p.long_name)) return p.value;
  }
  if (iequals(text, "info")) return Priority::Informational;
  return std::nullopt;
}

std::string_view priority_long_name(Priority p) {
  return kPriorityNames[static_cast<size_t>(p)].long_name;
}

std::string_view priority_short_name(Priority p) {
  return kPriorityNames[static_cast<size_t>(p)].short_name;
}

}  // namespace eg
