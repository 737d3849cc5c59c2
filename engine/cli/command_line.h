// The edera-guard command line: Falco 0.44-compatible flags plus the removed
// conveniences edera-guard keeps (-e, -A, -T, -t, -D).
//
// Parsing is table-driven (command_line.cpp holds one row per flag) and only
// records what was asked; turning flags into configuration overrides happens in
// effective_overrides(), so that `-e X` and `-o engine.kind=replay -o
// engine.replay.capture_file=X` end up as exactly the same configuration.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace eg::cli {

struct CommandLine {
  std::vector<std::string> rules_paths;     // -r, in order
  std::vector<std::string> validate_files;  // -V / --validate, in order
  std::vector<std::string> overrides;       // -o key=value, in order, incl. expanded conveniences
  std::optional<std::string> config_file;   // -c
  bool list_rules = false;                  // -L
  std::optional<std::string> describe_rule; // -l RULE
  bool list_fields = false;                 // --list [SOURCE]
  std::string list_source;                  // the optional SOURCE of --list
  bool names_only = false;                  // -N
  std::string list_format = "text";         // --format text|markdown|json
  bool list_events = false;                 // --list-events
  bool print_ignored = false;               // -i
  bool dry_run = false;                     // --dry-run
  bool help = false;                        // -h / --help
  bool version = false;                     // --version
  bool unbuffered = false;                  // -U / --unbuffered
  bool verbose = false;                     // -v
  uint64_t duration_s = 0;                  // -M
  std::vector<std::string> extra_formats;   // -p (deprecated; -pc/-pk ignored)
  std::optional<std::string> pid_file;      // -P
  std::vector<std::string> enable_sources;  // --enable-source
  std::vector<std::string> disable_sources; // --disable-source
  std::vector<std::string> disable_substrings;  // -D
  std::vector<std::string> disable_tags;        // -T
  std::vector<std::string> enable_tags;         // -t
  std::optional<std::string> demo_capture;      // --demo-capture FILE: write the sample capture
  bool debug_evttypes = false;                  // -d evttypes: print each rule's event-type set and exit
};

struct CommandLineResult {
  CommandLine cmd;
  std::string error;  // non-empty: fatal, print "Error: <error>" and exit 1
  bool ok() const { return error.empty(); }
};

CommandLineResult parse_command_line(const std::vector<std::string>& args);

// The usage text printed by --help.
std::string usage_text();

}  // namespace eg::cli
