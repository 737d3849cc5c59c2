// Table-driven parser for the edera-guard command line (see command_line.h).
//
// Each flag is one row: its short and long spelling, whether it takes a value
// (none, required, optional) and the action that records it. Values may be
// given as `-X value`, `-Xvalue`, `--long value` or `--long=value`, as the
// option library Falco uses accepts them.
#include "engine/cli/command_line.h"

#include <charconv>
#include <functional>
#include <span>

#include <fmt/format.h>

namespace eg::cli {
namespace {

enum class Arity { None, Required, Optional };

struct FlagSpec {
  const char* short_name;  // without '-', "" when none
  const char* long_name;   // without '--', "" when none
  Arity arity;
  const char* help;
  // Records the flag; returns an error text or "".
  std::function<std::string(CommandLine&, const std::string&)> apply;
};

std::string set_true(bool& b) { b = true; return {}; }

std::string add_rule_selection(CommandLine& c, const std::string& entry) {
  c.overrides.push_back("rules[]." + entry);
  return {};
}

const std::vector<FlagSpec>& flag_table() {
  static const std::vector<FlagSpec> table = {
      {"r", "", Arity::Required, "Rules file or directory to load (repeatable)",
       [](CommandLine& c, const std::string& v) { c.rules_paths.push_back(v); return std::string(); }},
      {"V", "validate", Arity::Required, "Validate the rules file(s) and exit (repeatable)",
       [](CommandLine& c, const std::string& v) { c.validate_files.push_back(v); return std::string(); }},
      {"L", "", Arity::None, "Describe all loaded rules and exit",
       [](CommandLine& c, const std::string&) { return set_true(c.list_rules); }},
      {"l", "", Arity::Required, "Describe one rule and exit",
       [](CommandLine& c, const std::string& v) { c.describe_rule = v; return std::string(); }},
      {"", "list", Arity::Optional, "List the supported fields (optionally of one source) and exit",
       [](CommandLine& c, const std::string& v) { c.list_fields = true; c.list_source = v; return std::string(); }},
      {"N", "", Arity::None, "With --list, print field names only",
       [](CommandLine& c, const std::string&) { return set_true(c.names_only); }},
      {"", "format", Arity::Required, "With --list: text, markdown or json",
       [](CommandLine& c, const std::string& v) {
         if (v != "text" && v != "markdown" && v != "json") return fmt::format("Unsupported --format {}", v);
         c.list_format = v;
         return std::string();
       }},
      {"", "markdown", Arity::None, "Deprecated: --format markdown",
       [](CommandLine& c, const std::string&) { c.list_format = "markdown"; return std::string(); }},
      {"d", "debug", Arity::Required, "Debugging report: 'evttypes' prints each loaded rule's event-type set and exits",
       [](CommandLine& c, const std::string& v) {
         if (v != "evttypes") return fmt::format("Unknown debug mode '{}' (known: evttypes)", v);
         c.debug_evttypes = true;
         return std::string();
       }},
      {"", "list-events", Arity::None, "List the supported events and exit",
       [](CommandLine& c, const std::string&) { return set_true(c.list_events); }},
      {"i", "", Arity::None, "Print the ignored (high-volume) syscalls and exit",
       [](CommandLine& c, const std::string&) { return set_true(c.print_ignored); }},
      {"o", "option", Arity::Required, "Override a configuration key: key=value (key.sub=value, list[]=value, list[N].k=value)",
       [](CommandLine& c, const std::string& v) { c.overrides.push_back(v); return std::string(); }},
      {"c", "", Arity::Required, "Configuration file (falco.yaml syntax)",
       [](CommandLine& c, const std::string& v) { c.config_file = v; return std::string(); }},
      {"", "dry-run", Arity::None, "Load configuration and rules, then exit without processing events",
       [](CommandLine& c, const std::string&) { return set_true(c.dry_run); }},
      {"h", "help", Arity::None, "Print this help and exit",
       [](CommandLine& c, const std::string&) { return set_true(c.help); }},
      {"", "version", Arity::None, "Print the version and exit",
       [](CommandLine& c, const std::string&) { return set_true(c.version); }},
      {"U", "unbuffered", Arity::None, "Unbuffered outputs (overrides buffered_outputs)",
       [](CommandLine& c, const std::string&) { return set_true(c.unbuffered); }},
      {"v", "", Arity::None, "Verbose: print processing statistics at the end",
       [](CommandLine& c, const std::string&) { return set_true(c.verbose); }},
      {"M", "", Arity::Required, "Stop after N seconds of event time",
       [](CommandLine& c, const std::string& v) {
         auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), c.duration_s);
         if (ec != std::errc() || p != v.data() + v.size()) return fmt::format("Invalid value for -M: {}", v);
         return std::string();
       }},
      {"p", "", Arity::Required, "Deprecated: append a format to every rule output",
       [](CommandLine& c, const std::string& v) {
         if (v != "c" && v != "container" && v != "k" && v != "kubernetes") c.extra_formats.push_back(v);
         return std::string();
       }},
      {"P", "pidfile", Arity::Required, "Write the process id to a file",
       [](CommandLine& c, const std::string& v) { c.pid_file = v; return std::string(); }},
      {"", "enable-source", Arity::Required, "Enable an event source (live mode)",
       [](CommandLine& c, const std::string& v) { c.enable_sources.push_back(v); return std::string(); }},
      {"", "disable-source", Arity::Required, "Disable an event source (live mode)",
       [](CommandLine& c, const std::string& v) { c.disable_sources.push_back(v); return std::string(); }},
      {"", "demo-capture", Arity::Required, "Write the built-in sample attack capture to FILE and exit",
       [](CommandLine& c, const std::string& v) { c.demo_capture = v; return std::string(); }},
      {"e", "", Arity::Required, "Replay a capture file (= -o engine.kind=replay -o engine.replay.capture_file=FILE)",
       [](CommandLine& c, const std::string& v) {
         c.overrides.push_back("engine.kind=replay");
         c.overrides.push_back("engine.replay.capture_file=" + v);
         return std::string();
       }},
      {"", "edera-socket", Arity::Required,
       "Evaluate the Edera zones of the daemon at PATH (= -o engine.kind=edera -o edera.socket=PATH)",
       [](CommandLine& c, const std::string& v) {
         c.overrides.push_back("engine.kind=edera");
         c.overrides.push_back("edera.socket=" + v);
         return std::string();
       }},
      {"A", "", Arity::None, "Collect all syscalls (= -o base_syscalls.all=true)",
       [](CommandLine& c, const std::string&) { c.overrides.push_back("base_syscalls.all=true"); return std::string(); }},
      {"D", "", Arity::Required, "Disable the rules whose name contains the substring (repeatable)",
       [](CommandLine& c, const std::string& v) {
         c.disable_substrings.push_back(v);
         return add_rule_selection(c, "disable.rule=*" + v + "*");
       }},
      {"T", "", Arity::Required, "Disable the rules with this tag (repeatable)",
       [](CommandLine& c, const std::string& v) {
         c.disable_tags.push_back(v);
         return add_rule_selection(c, "disable.tag=" + v);
       }},
      {"t", "", Arity::Required, "Enable only the rules with one of these tags (repeatable)",
       [](CommandLine& c, const std::string& v) {
         if (c.enable_tags.empty()) add_rule_selection(c, "disable.rule=*");
         c.enable_tags.push_back(v);
         return add_rule_selection(c, "enable.tag=" + v);
       }},
  };
  return table;
}

const FlagSpec* find_short(char c) {
  for (const auto& f : flag_table())
    if (f.short_name[0] == c && f.short_name[1] == '\0') return &f;
  return nullptr;
}

const FlagSpec* find_long(std::string_view name) {
  for (const auto& f : flag_table())
    if (name == f.long_name) return &f;
  return nullptr;
}

// Takes the value of `spec` from the inline text or the next argument.
// Returns false when a required value is missing.
bool take_value(const FlagSpec& spec, std::optional<std::string> inline_value,
                std::span<const std::string> args, size_t& i, std::string& value) {
  if (spec.arity == Arity::None) return true;
  if (inline_value) { value = *inline_value; return true; }
  bool next_is_value = i + 1 < args.size() && !(args[i + 1].size() > 1 && args[i + 1][0] == '-');
  if (spec.arity == Arity::Optional) {
    if (next_is_value) value = args[++i];
    return true;
  }
  if (i + 1 >= args.size()) return false;
  value = args[++i];
  return true;
}

std::string validate(const CommandLine& c) {
  if (!c.enable_tags.empty() && (!c.disable_tags.empty() || !c.disable_substrings.empty()))
    return "You can not specify both disabled (-D/-T) and enabled (-t) rules";
  if (!c.enable_sources.empty() && !c.disable_sources.empty())
    return "You can not mix --enable-source and --disable-source";
  return {};
}

}  // namespace

CommandLineResult parse_command_line(const std::vector<std::string>& args) {
  CommandLineResult r;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const FlagSpec* spec = nullptr;
    std::optional<std::string> inline_value;
    std::string shown;
    if (a.rfind("--", 0) == 0 && a.size() > 2) {
      auto eq = a.find('=');
      std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) inline_value = a.substr(eq + 1);
      spec = find_long(name);
      shown = "--" + name;
    } else if (a.size() > 1 && a[0] == '-') {
      spec = find_short(a[1]);
      if (a.size() > 2) {
        if (spec && spec->arity == Arity::None) {
          // grouped boolean flags such as -LN are not supported: treat as unknown
          spec = nullptr;
        } else {
          inline_value = a.substr(2);
        }
      }
      shown = a.substr(0, 2);
    } else {
      r.error = fmt::format("Unexpected argument '{}'", a);
      return r;
    }
    if (!spec) {
      r.error = fmt::format("Option '{}' does not exist", a);
      return r;
    }
    std::string value;
    if (!take_value(*spec, inline_value, args, i, value)) {
      r.error = fmt::format("Option '{}' is missing an argument", shown);
      return r;
    }
    if (std::string err = spec->apply(r.cmd, value); !err.empty()) {
      r.error = err;
      return r;
    }
  }
  r.error = validate(r.cmd);
  return r;
}

std::string usage_text() {
  std::string out =
      "edera-guard - a Falco-compatible runtime security rule engine\n"
      "Usage:\n  edera-guard [OPTION...]\n"
      "  edera-guard events -e FILE [-p FORMAT] [FILTER]   print capture events (events --help)\n\n";
  for (const auto& f : flag_table()) {
    std::string names;
    if (f.short_name[0]) names += fmt::format("-{}", f.short_name);
    if (f.long_name[0]) names += fmt::format("{}--{}", names.empty() ? "" : ", ", f.long_name);
    if (f.arity == Arity::Required) names += " <arg>";
    if (f.arity == Arity::Optional) names += " [<arg>]";
    out += fmt::format("  {:<28} {}\n", names, f.help);
  }
  return out;
}

}  // namespace eg::cli
