// The zone run itself (engine.kind=edera), in this process: the daemon client
// (gRPC, protobuf, libxenctrl) and the zone workers. run_zones() (zone_run.h)
// reaches it through the Edera module in the executable (engine/modules), so
// that runs of captures do not load gRPC; tests link it directly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/cli/app_config.h"
#include "engine/cli/replay_run.h"
#include "engine/loader/rule_loader.h"

namespace eg::cli {

int run_zones_here(const AppConfig& config, const std::vector<std::string>& rules_paths,
                   std::unique_ptr<RuleLoader> loader, const RunOptions& options);

}  // namespace eg::cli
