// The typed configuration edera-guard runs with: the falco.yaml keys that apply
// to a standalone evaluator (language reference §9.2), read from the YAML tree
// after `-c` and every `-o` override were applied.
//
// Defaults are Falco's (falco.yaml as shipped), so a run without `-c` behaves
// like Falco with its default configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "engine/output/output_config.h"
#include "engine/sources/edera/edera_options.h"

namespace eg::cli {

struct RuleSelection {
  bool enable = false;
  std::optional<std::string> rule;  // wildcard over the whole name
  std::optional<std::string> tag;   // exact tag
};

struct AppConfig {
  std::vector<std::string> rules_files;  // rules_files / rules_file
  bool rules_files_set = false;
  std::vector<RuleSelection> rule_selection;  // rules:
  int min_priority = 7;                       // priority (0 = Emergency .. 7 = Debug)
  bool rule_matching_all = false;             // rule_matching: all
  std::string engine_kind = "modern_ebpf";
  std::string capture_file;                   // engine.replay.capture_file
  bool base_syscalls_all = false;
  output::OutputConfig outputs;               // formats, append_output and sinks
  edera::EderaOptions edera;                  // edera: (zone source, engine.kind=edera)
  // The run reads Edera zones (engine.kind=edera, or the default engine on a
  // host with the daemon's socket): rules of the zone sources are then known,
  // as they are to Falco with Edera's plugin loaded. Set by the application.
  bool zone_source = false;
  std::string log_level = "info";
  bool log_stderr = true;
};

struct AppConfigResult {
  AppConfig config;
  std::string error;  // fatal configuration error text (printed as "Error: ...")
  bool ok() const { return error.empty(); }
};

// Reads the typed configuration from the (overridden) YAML tree.
AppConfigResult read_app_config(const YAML::Node& root);

// Loads `path` (or an empty tree when not given), applies the overrides in
// order and reads the typed configuration.
AppConfigResult load_app_config(const std::optional<std::string>& path,
                                const std::vector<std::string>& overrides);

}  // namespace eg::cli
