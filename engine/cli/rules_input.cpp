// Rules file reading and run-mode loading (see rules_input.h).
#include "engine/cli/rules_input.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/cli/rules_paths.h"
#include "engine/output/alert_formatter.h"

namespace eg::cli {

std::optional<RulesFileInput> read_rules_file(const std::string& path, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "basic_filebuf::underflow error reading the file: Is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("Could not open file {} for reading", path);
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return RulesFileInput{path, ss.str()};
}

LoaderOptions loader_options(const AppConfig& config) {
  LoaderOptions o;
  // With the zone source, rules of Edera's zone sources compile against the
  // same fields as syscall rules (zone events are syscall events, see
  // engine/sources/edera); both spellings occur in Edera's material. Without
  // it they are unknown sources, as in Falco without Edera's plugin.
  o.known_sources = {"syscall"};
  if (config.zone_source)
    for (const auto& s : config.edera.rule_sources)
      if (s != "syscall") o.known_sources.push_back(s);
  bool suggested = false;
  for (const auto& e : config.outputs.append_output) {
    if (!e.extra_output.empty()) o.extra_output_formats.push_back(e.extra_output);
    suggested = suggested || e.suggested_output;
  }
  for (const auto& p : config.outputs.extra_formats) o.extra_output_formats.push_back(p);
  o.suggested_output_suffix = suggested ? output::kSuggestedOutputSuffix : "";
  return o;
}

namespace {

std::optional<LoadedRules> load_rules(const std::vector<std::string>& paths, const AppConfig& config, bool report) {
  RulesPathsResult expanded = expand_rules_paths(paths);
  if (!expanded.ok()) {
    std::fprintf(stderr, "Error: %s\n", expanded.error.c_str());
    return std::nullopt;
  }
  LoadedRules out;
  out.loader = std::make_unique<RuleLoader>(loader_options(config));
  out.any_file = !expanded.files.empty();
  for (const auto& path : expanded.files) {
    std::string error;
    auto input = read_rules_file(path, error);
    if (!input) {
      std::fprintf(stderr, "Runtime error: %s. Exiting.\n", error.c_str());
      return std::nullopt;
    }
    const FileLoadResult& r = out.loader->load(*input);
    if (const auto& fatal = out.loader->fatal_error()) {
      std::fprintf(stderr, "Runtime error: %s. Exiting.\n", fatal->c_str());
      return std::nullopt;
    }
    if (!r.successful) {
      std::fprintf(stderr, "Error: %s", render_result_verbose(*out.loader, r).c_str());
      return std::nullopt;
    }
    if (report && !r.warnings.empty()) std::fprintf(stderr, "%s\n", render_result_verbose(*out.loader, r).c_str());
  }
  if (auto unmet = out.loader->check_plugin_requirements()) {
    std::fprintf(stderr, "Error: %s\n", unmet->c_str());
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<LoadedRules> load_rules_for_run(const std::vector<std::string>& paths, const AppConfig& config) {
  return load_rules(paths, config, true);
}

std::optional<LoadedRules> load_rules_quietly(const std::vector<std::string>& paths, const AppConfig& config) {
  return load_rules(paths, config, false);
}

}  // namespace eg::cli
