// Rule priorities with Falco's names (rules `priority:`, config `priority:`,
// alerts, -L output and the end-of-run summary all use these spellings).
// Kept as a tiny table so that parsing and printing cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace eg {

// Numeric values are Falco's (and syslog's): lower is more severe.
enum class Priority : uint8_t {
  Emergency = 0,
  Alert = 1,
  Critical = 2,
  Error = 3,
  Warning = 4,
  Notice = 5,
  Informational = 6,
  Debug = 7,
};

// Case-insensitive: the long names plus the alias "info". Nothing else.
std::optional<Priority> parse_priority(std::string_view text);

// "Emergency" ... "Informational" ... "Debug" (alerts, -L JSON).
std::string_view priority_long_name(Priority p);

// "EMERGENCY" ... "INFO" ... "DEBUG" (end-of-run summary).
std::string_view priority_short_name(Priority p);

}  // namespace eg
