// The Edera module (edera-guard-edera.so): the zone source and its workers,
// for the executable (module_entries.h).
#include <memory>

#include "engine/cli/zones/zone_run_here.h"
#include "engine/modules/module_entries.h"

extern "C" {

__attribute__((visibility("default"))) const char* eg_module_version() { return EG_VERSION; }

__attribute__((visibility("default"))) int eg_module_run_zones(const eg::cli::AppConfig* config,
                                                               const std::vector<std::string>* rules_paths,
                                                               eg::RuleLoader* loader,
                                                               const eg::cli::RunOptions* options) {
  return eg::cli::run_zones_here(*config, *rules_paths, std::unique_ptr<eg::RuleLoader>(loader), *options);
}

}  // extern "C"
