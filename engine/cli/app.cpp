// The edera-guard application (see app.h): one function per action, chosen
// in Falco's order of precedence (help, version, list, validate, describe,
// dry run, run).
#include "engine/cli/app.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/cli/app_config.h"
#include "engine/cli/command_line.h"
#include "engine/cli/demo_capture.h"
#include "engine/cli/event_listing.h"
#include "engine/cli/event_printer.h"
#include "engine/cli/event_type_report.h"
#include "engine/cli/field_listing.h"
#include "engine/cli/replay_run.h"
#include "engine/cli/rules_input.h"
#include "engine/cli/zone_run.h"

namespace eg::cli {
namespace {

int fail(const std::string& text) {
  std::fprintf(stderr, "Error: %s\n", text.c_str());
  return 1;
}

int runtime_error(const std::string& text) {
  std::fprintf(stderr, "Runtime error: %s. Exiting.\n", text.c_str());
  return 1;
}

std::string resolve_hostname() {
  if (const char* env = std::getenv("FALCO_HOSTNAME"); env && *env) return env;
  char buf[256] = {};
  if (::gethostname(buf, sizeof(buf) - 1) != 0) return "";
  return buf;
}

// On an Edera host (the daemon's socket exists) the default engine is the
// zone source; elsewhere there is no live source in this build.
bool edera_socket_present(const AppConfig& config) {
  struct stat st {};
  return ::stat(config.edera.socket.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

int validate_action(const CommandLine& cmd, const AppConfig& config) {
  RuleLoader loader(loader_options(config));
  for (const auto& path : cmd.validate_files) {
    std::string error;
    auto input = read_rules_file(path, error);
    if (!input) return runtime_error(error);
    loader.load(*input);
    if (loader.fatal_error()) return runtime_error(*loader.fatal_error());
  }
  if (auto unmet = loader.check_plugin_requirements()) return fail(*unmet);
  if (config.outputs.json_output) {
    std::fputs(render_validate_json(loader).c_str(), stdout);
  } else {
    ValidateTextOutput text = render_validate_text(loader);
    std::fputs(text.stdout_text.c_str(), stdout);
    std::fputs(text.stderr_text.c_str(), stderr);
  }
  return loader.ok() ? 0 : 1;
}

// -l RULE in text mode: the listing header and the rule's line.
std::string describe_rule_text(const CompiledRule& r) {
  return fmt::format("{:<50} {}\n{:<50} {}\n{:<50} {} \n\n", "Rule", "Description", "----", "-----------",
                     r.name, r.description);
}

int describe_action(const CommandLine& cmd, const AppConfig& config, RuleLoader& loader, bool any_file) {
  if (!any_file) return runtime_error("rules must be loaded before describing them");
  if (!cmd.describe_rule) {
    std::fputs((config.outputs.json_output ? render_rules_list_json(loader) : render_rules_list_text(loader)).c_str(),
               stdout);
    return 0;
  }
  const auto& rules = loader.rules();
  auto it = std::find_if(rules.begin(), rules.end(), [&](const CompiledRule& r) { return r.name == *cmd.describe_rule; });
  if (it == rules.end()) return runtime_error(fmt::format("Rule \"{}\" is not loaded", *cmd.describe_rule));
  if (!config.outputs.json_output) {
    std::fputs(describe_rule_text(*it).c_str(), stdout);
    return 0;
  }
  nlohmann::json all = nlohmann::json::parse(render_rules_list_json(loader));
  nlohmann::json one = nlohmann::json::object();
  one["rules"] = nlohmann::json::array();
  for (const auto& r : all["rules"])
    if (r["info"]["name"] == *cmd.describe_rule) one["rules"].push_back(r);
  std::fputs((one.dump() + "\n").c_str(), stdout);
  return 0;
}

int process_action(const CommandLine& cmd, AppConfig& config) {
  std::vector<std::string> paths = cmd.rules_paths.empty() ? config.rules_files : cmd.rules_paths;
  auto loaded = load_rules_for_run(paths, config);
  if (!loaded) return 1;
  if (cmd.list_rules || cmd.describe_rule) return describe_action(cmd, config, *loaded->loader, loaded->any_file);
  if (cmd.debug_evttypes) {
    std::fputs(render_event_type_report(*loaded->loader).c_str(), stdout);
    return 0;
  }
  if (cmd.dry_run) return 0;
  const bool zones = config.zone_source;
  if (!zones && config.engine_kind != "replay")
    return fail(fmt::format("engine.kind '{}' is not available in this build; use -e CAPTURE "
                            "(engine.kind=replay) or --edera-socket PATH (engine.kind=edera)",
                            config.engine_kind));
  if (!zones && config.capture_file.empty())
    return fail("engine.replay.capture_file is empty: no capture file to replay");
  if (cmd.pid_file) {
    std::FILE* f = std::fopen(cmd.pid_file->c_str(), "w");
    if (!f) return fail(fmt::format("Could not write pid file {}", *cmd.pid_file));
    std::fprintf(f, "%d\n", static_cast<int>(::getpid()));
    std::fclose(f);
  }
  install_stop_signal_handlers();
  RunOptions run_options{cmd.verbose, cmd.duration_s};
  if (zones) return run_zones(config, paths, std::move(loaded->loader), run_options);
  return run_replay(config, *loaded->loader, run_options);
}

}  // namespace

static int run_app_unguarded(const std::vector<std::string>& args, std::string_view version) {
  if (!args.empty() && args[0] == "events")
    return run_event_printer(std::vector<std::string>(args.begin() + 1, args.end()));
  CommandLineResult parsed = parse_command_line(args);
  if (!parsed.ok()) return fail(parsed.error);
  const CommandLine& cmd = parsed.cmd;
  if (cmd.help) {
    std::fputs(usage_text().c_str(), stdout);
    return 0;
  }
  if (cmd.version) {
    std::printf("edera-guard version: %.*s\n", static_cast<int>(version.size()), version.data());
    return 0;
  }
  if (cmd.demo_capture) {
    std::string error;
    if (!write_demo_capture(*cmd.demo_capture, error)) return fail(error);
    return 0;
  }
  AppConfigResult loaded = load_app_config(cmd.config_file, cmd.overrides);
  if (!loaded.ok()) return fail(loaded.error);
  AppConfig& config = loaded.config;
  config.outputs.hostname = resolve_hostname();
  config.outputs.extra_formats = cmd.extra_formats;
  if (cmd.unbuffered) config.outputs.buffered_outputs = false;
  config.zone_source = config.engine_kind == "edera" ||
                       (config.engine_kind == "modern_ebpf" && edera_socket_present(config));
  if (cmd.list_fields) {
    std::fputs(render_field_list(cmd.list_source, cmd.names_only, cmd.list_format).c_str(), stdout);
    return 0;
  }
  if (cmd.list_events) {
    std::fputs(render_event_list().c_str(), stdout);
    return 0;
  }
  if (cmd.print_ignored) {
    std::fputs(render_ignored_syscalls().c_str(), stdout);
    return 0;
  }
  if (!cmd.validate_files.empty()) return validate_action(cmd, config);
  return process_action(cmd, config);
}

// Falco reports exceptions that escape an action as runtime errors (exit 1);
// edera-guard does the same so that no input ends in an abort.
int run_app(const std::vector<std::string>& args, std::string_view version) {
  try {
    return run_app_unguarded(args, version);
  } catch (const std::exception& e) {
    return runtime_error(e.what());
  }
}

}  // namespace eg::cli
