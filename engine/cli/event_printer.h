// `edera-guard events -e FILE [-p FORMAT] [FILTER]`: prints one line per event
// of a capture that reaches the rules (sysdig's `-r FILE -p FORMAT FILTER`),
// so rule authors can see the field values their conditions and outputs get.
// The format is compiled like a rule output (OutputFormat, <NA> for missing
// values) and the filter like a rule condition (compile_filter, no macros), so
// what is printed is exactly what rules see.
#pragma once

#include <string>
#include <vector>

namespace eg::cli {

// The format used when -p is not given.
extern const char* const kDefaultEventFormat;

// The help text of the subcommand.
std::string event_printer_usage();

// Runs the subcommand; `args` are the arguments after "events". Returns the
// exit code (0, or 1 with "Error: ..." on stderr).
int run_event_printer(const std::vector<std::string>& args);

}  // namespace eg::cli
