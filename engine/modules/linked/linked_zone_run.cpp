// run_zones() for programs that link the zone run in (tests, tools): no
// module to load.
#include "engine/cli/zone_run.h"
#include "engine/cli/zones/zone_run_here.h"

namespace eg::cli {

int run_zones(const AppConfig& config, const std::vector<std::string>& rules_paths,
              std::unique_ptr<RuleLoader> loader, const RunOptions& options) {
  return run_zones_here(config, rules_paths, std::move(loader), options);
}

}  // namespace eg::cli
