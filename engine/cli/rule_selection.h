// Applying the configuration's rule selection (language reference §9.3) and
// the minimum priority to the loaded rules: `rules:` entries in order, each
// enabling or disabling the rules whose name matches a wildcard and/or that
// carry a tag. Rules less severe than the minimum priority are never active.
#pragma once

#include <string>
#include <vector>

#include "engine/cli/app_config.h"
#include "engine/loader/rule_loader.h"

namespace eg::cli {

// Returns, per rule, whether it is active (enabled after selection and not
// below the minimum priority). Log lines Falco prints for the selection are
// appended to `log`.
std::vector<bool> active_rules(const std::vector<CompiledRule>& rules, const AppConfig& config,
                               std::vector<std::string>* log);

}  // namespace eg::cli
