// Public API of the rules loader: load Falco rules files in order, get the
// per-file results (-V), the listing (-L/-l) and the compiled rules in
// evaluation order.
//
// Semantics follow Falco's engine: one shared collector over all files, items
// read in file order, everything compiled again after each file, the first
// error of a file stops that file. Configuration-driven rule selection and the
// minimum priority are applied by the caller on `rules()`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/compiler/filter.h"
#include "engine/loader/load_result.h"
#include "engine/loader/priority.h"
#include "parser/condition/ast.h"

namespace eg {

struct RulesFileInput {
  std::string name;     // as given on the command line; appears in every report
  std::string content;  // the file's bytes
};

struct PluginVersion {
  std::string name;
  std::string version;
};

struct LoaderOptions {
  std::string engine_version = "0.63.0";
  // Event sources whose rules are compiled; rules of other sources are kept
  // but skipped with LOAD_UNKNOWN_SOURCE.
  std::vector<std::string> known_sources = {"syscall"};
  // Plugins that count as loaded for required_plugin_versions.
  std::vector<PluginVersion> loaded_plugins = {{"container", "0.7.1"}};
  // Formats appended to every rule output before validation (append_output
  // `extra_output` of the configuration); errors in them are not downgraded
  // by skip-if-unknown-filter.
  std::vector<std::string> extra_output_formats;
  // Appended to every output for -L output_compiled / output_fields (what the
  // container plugin's suggested_output adds in the reference setup).
  std::string suggested_output_suffix =
      "container_id=%container.id container_name=%container.name "
      "container_image_repository=%container.image.repository "
      "container_image_tag=%container.image.tag k8s_pod_name=%k8s.pod.name "
      "k8s_ns_name=%k8s.ns.name";
  // Whether a compile reuses what an earlier compile of this loader resolved
  // for a macro or rule whose inputs did not change (compile_cache.h). The
  // results are the same either way; false makes every compile start afresh
  // (tests compare the two).
  bool reuse_compile_results = true;
};

struct RuleExceptionSummary {
  std::string name;
  std::vector<std::string> fields;
  std::vector<std::string> comps;
};

// One rule after the last successful compile, in evaluation order.
struct CompiledRule {
  std::string name;
  std::string description;
  Priority priority = Priority::Debug;
  std::string source = "syscall";
  std::set<std::string> tags;
  bool enabled = true;
  bool capture = false;
  uint32_t capture_duration = 0;
  std::string condition;  // text as written, after appends
  std::string output;     // raw rule output (trimmed), without extra formats
  std::vector<RuleExceptionSummary> exceptions;
  std::shared_ptr<const ast::Expr> ast;  // resolved: macros inlined, lists and exceptions applied
  std::shared_ptr<Filter> filter;        // compiled condition
  // The macro results its filter shares with the other rules of its compile;
  // begin_event() before each event (Ruleset does).
  std::shared_ptr<SharedResults> shared_results;
  std::vector<uint16_t> event_codes;     // sorted event-type set (§6.1), includes async code
  std::vector<std::string> used_macros;  // macros named in the rule's own condition
  std::vector<std::string> used_lists;   // lists named in the rule's own condition
  // -L details.
  std::vector<std::string> condition_fields;
  std::vector<std::string> condition_operators;
  std::vector<std::string> exception_fields;
  std::vector<std::string> exception_operators;
  std::string output_compiled;  // output + extra formats + suggested suffix
  std::vector<std::string> output_fields;
};

struct CompiledList {
  std::string name;
  std::vector<std::string> items;           // items that are not list references
  std::vector<std::string> items_compiled;  // one level of list references expanded
  std::vector<std::string> lists;           // referenced lists
  bool used = false;
};

struct CompiledMacro {
  std::string name;
  std::string condition;
  std::shared_ptr<const ast::Expr> ast;  // resolved
  std::vector<std::string> used_macros;
  std::vector<std::string> used_lists;
  std::vector<std::string> condition_fields;
  std::vector<std::string> condition_operators;
  std::vector<uint16_t> event_codes;
  bool used = false;
};

class RuleLoader {
 public:
  explicit RuleLoader(LoaderOptions options = {});
  ~RuleLoader();
  RuleLoader(const RuleLoader&) = delete;
  RuleLoader& operator=(const RuleLoader&) = delete;

  // Loads one file into the shared collector and recompiles everything.
  // Returns the file's result (also kept in results()).
  const FileLoadResult& load(const RulesFileInput& file);
  // Loads files in order; does not stop at a failing file (like -V).
  void load_all(const std::vector<RulesFileInput>& files);

  const std::vector<FileLoadResult>& results() const;
  // True when every file loaded so far succeeded and no fatal error occurred.
  bool ok() const;
  // A fatal application error (Falco prints "Runtime error: <text>. Exiting.").
  const std::optional<std::string>& fatal_error() const;

  // Checks required_plugin_versions against the loaded plugins. Returns
  // Falco's message ("Plugin requirement not satisfied, must load one of: ...")
  // when unsatisfied (fatal, exit 1).
  std::optional<std::string> check_plugin_requirements() const;

  // The compiled rules of the last successful compile, in evaluation order
  // (excludes unknown-source and skipped rules, includes disabled ones).
  const std::vector<CompiledRule>& rules() const;
  std::vector<CompiledRule>& rules();
  const std::vector<CompiledList>& lists() const;
  const std::vector<CompiledMacro>& macros() const;
  std::string required_engine_version() const;  // highest seen, "0.0.0" if none
  // required_plugin_versions items, in order: entry + alternatives.
  const std::vector<std::vector<PluginVersion>>& required_plugin_versions() const;

  // The contents of every file loaded, by name (for snippets).
  const std::string* file_content(const std::string& name) const;

  const LoaderOptions& options() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// -V rendering. Text mode: what goes to stdout and to stderr (the warnings
// report of "Ok, with warnings" files; "Error: <report>" when invalid).
struct ValidateTextOutput {
  std::string stdout_text;
  std::string stderr_text;
};
ValidateTextOutput render_validate_text(const RuleLoader& loader);
// JSON mode: one line `{"falco_load_results":[...]}` plus newline.
std::string render_validate_json(const RuleLoader& loader);
// The verbose report of one result (status line, errors, warnings).
std::string render_result_verbose(const RuleLoader& loader, const FileLoadResult& result);

// -L / -l rendering. Both throw std::runtime_error where Falco's -L stops
// with "Runtime error: <what>. Exiting." (a condition nested too deeply for
// the describe step's parser limit of 100).
std::string render_rules_list_text(const RuleLoader& loader);
std::string render_rules_list_json(const RuleLoader& loader);  // one line + newline

}  // namespace eg
