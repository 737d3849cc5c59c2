// Reading rules files for the loader, and loading them as a run does (stop at
// the first failing file, warnings reported on stderr), shared by -L, -l,
// --dry-run and event processing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/cli/app_config.h"
#include "engine/loader/rule_loader.h"

namespace eg::cli {

// Reads a file's bytes. nullopt and `error` (Falco's text) when unreadable.
std::optional<RulesFileInput> read_rules_file(const std::string& path, std::string& error);

// Loader options derived from the configuration (append_output formats, the
// suggested-fields suffix when an entry asks for it).
LoaderOptions loader_options(const AppConfig& config);

struct LoadedRules {
  std::unique_ptr<RuleLoader> loader;
  bool any_file = false;  // at least one rules file was given after expansion
};

// Loads the files of `-r` (or rules_files). On failure prints Falco's messages
// on stderr and returns nullopt (exit 1).
std::optional<LoadedRules> load_rules_for_run(const std::vector<std::string>& paths, const AppConfig& config);
// The same without printing warnings (a second compile of files already
// loaded and reported once, e.g. one per zone worker). Errors still print.
std::optional<LoadedRules> load_rules_quietly(const std::vector<std::string>& paths, const AppConfig& config);

}  // namespace eg::cli
