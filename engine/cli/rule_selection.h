// The configuration's rule selection (language reference §9.3: `rules:`
// entries in order, plus the minimum `priority`) turned into the ruleset's
// selection (engine/ruleset/rule_selection.h), and the log lines Falco prints
// for it ("Disabling rules with tag: noisy").
#pragma once

#include <string>
#include <vector>

#include "engine/cli/app_config.h"
#include "engine/ruleset/rule_selection.h"

namespace eg::cli {

eg::RuleSelection ruleset_selection(const AppConfig& config);
std::vector<std::string> selection_log_lines(const AppConfig& config);

}  // namespace eg::cli
