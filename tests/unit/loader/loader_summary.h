// A compact, line-oriented summary of a load used by the table-driven loader
// tests: status per file, every error and warning (code, message, last
// location), and every compiled rule (name, priority, enabled, compiled
// condition). Expected summaries live next to the rules files.
#pragma once

#include <string>

#include "engine/loader/rule_loader.h"

namespace eg::testing {

std::string summarize_load(const RuleLoader& loader);

}  // namespace eg::testing
