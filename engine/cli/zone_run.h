// Event processing of Edera zones (engine.kind=edera, --edera-socket): the
// daemon client (engine/sources/edera) feeds one inbox per zone; zone workers
// evaluate them on their own threads; alerts go through the same formatters
// and queued outputs as a capture replay. Runs until SIGINT/SIGTERM or -M,
// then stops the streams, evaluates what was received, drains the outputs and
// prints the summary and one line per zone (events, drops, malformed).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/cli/app_config.h"
#include "engine/cli/replay_run.h"
#include "engine/loader/rule_loader.h"

namespace eg::cli {

// `rules_paths` are reloaded once per extra worker (each worker owns its
// compiled rules). Returns the exit code. The run is run_zones_here()
// (engine/cli/zones/zone_run_here.h): the executable loads it from the Edera
// module (engine/modules/zones_from_module.cpp), tests link it directly.
int run_zones(const AppConfig& config, const std::vector<std::string>& rules_paths,
              std::unique_ptr<RuleLoader> loader, const RunOptions& options);

}  // namespace eg::cli
