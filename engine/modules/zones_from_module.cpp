// run_zones() of the executable: the zone run from the Edera module
// (module_entries.h explains why it is a module).
#include "engine/cli/zone_run.h"
#include "engine/modules/module_entries.h"
#include "engine/modules/module_loader.h"

namespace eg::cli {

int run_zones(const AppConfig& config, const std::vector<std::string>& rules_paths,
              std::unique_ptr<RuleLoader> loader, const RunOptions& options) {
  auto run = reinterpret_cast<modules::RunZonesFn>(
      modules::module_symbol(modules::kEderaModuleFile, modules::kRunZonesSymbol, "the Edera zone source"));
  return run(&config, &rules_paths, loader.release(), &options);
}

}  // namespace eg::cli
