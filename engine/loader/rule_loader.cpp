// The loader's orchestration (see rule_loader.h): per file, read items into
// the shared collector, then recompile everything if reading succeeded.
#include "engine/loader/rule_loader.h"

#include <map>

#include "engine/loader/collector.h"
#include "engine/loader/item_reader.h"
#include "engine/loader/rule_compiler.h"
#include "parser/rules/rules_yaml.h"

namespace eg {

struct RuleLoader::State {
  explicit State(LoaderOptions o) : options(std::move(o)), collector(options) {}
  LoaderOptions options;
  Collector collector;
  std::vector<FileLoadResult> results;
  std::map<std::string, std::string> contents;
  CompileOutput compiled;
  CompileCache compile_cache;
  std::optional<std::string> fatal;
  std::vector<std::vector<PluginVersion>> plugin_versions;
};

RuleLoader::RuleLoader(LoaderOptions options) : state_(std::make_unique<State>(std::move(options))) {}
RuleLoader::~RuleLoader() = default;

const FileLoadResult& RuleLoader::load(const RulesFileInput& file) {
  State& st = *state_;
  st.contents[file.name] = file.content;
  FileLoadResult result;
  result.name = file.name;
  LoadSink sink{&result};
  RulesYaml yaml = read_rules_yaml(file.content);
  if (read_rules_file(file.name, yaml, st.collector, sink) && !st.fatal) {
    compile_collected(st.collector, st.options, st.compile_cache, sink, st.compiled);
    if (st.compiled.fatal) st.fatal = st.compiled.fatal;
  }
  st.results.push_back(std::move(result));
  return st.results.back();
}

void RuleLoader::load_all(const std::vector<RulesFileInput>& files) {
  for (const auto& f : files) {
    load(f);
    if (state_->fatal) return;
  }
}

const std::vector<FileLoadResult>& RuleLoader::results() const { return state_->results; }

bool RuleLoader::ok() const {
  if (state_->fatal) return false;
  for (const auto& r : state_->results) {
    if (!r.successful) return false;
  }
  return true;
}

const std::optional<std::string>& RuleLoader::fatal_error() const { return state_->fatal; }

std::optional<std::string> RuleLoader::check_plugin_requirements() const {
  const auto& loaded = state_->options.loaded_plugins;
  for (const auto& alternatives : state_->collector.required_plugin_versions()) {
    bool decided = false;
    for (const auto& req : alternatives) {
      const PluginVersion* have = nullptr;
      for (const auto& p : loaded) {
        if (p.name == req.name) have = &p;
      }
      if (!have) continue;
      decided = true;
      auto want = parse_semver(req.version);
      auto got = parse_semver(have->version);
      if (!want || !got || got->major != want->major || *got < *want) {
        return "Plugin '" + req.name + "' version '" + have->version +
               "' is not compatible with required plugin version '" + req.version + "'";
      }
      break;
    }
    if (!decided) {
      std::string msg = "Plugin requirement not satisfied, must load one of: ";
      for (size_t i = 0; i < alternatives.size(); ++i) {
        if (i > 0) msg += ", ";
        msg += alternatives[i].name + " (>= " + alternatives[i].version + ")";
      }
      return msg;
    }
  }
  return std::nullopt;
}

const std::vector<CompiledRule>& RuleLoader::rules() const { return state_->compiled.rules; }
std::vector<CompiledRule>& RuleLoader::rules() { return state_->compiled.rules; }
const std::vector<CompiledList>& RuleLoader::lists() const { return state_->compiled.lists; }
const std::vector<CompiledMacro>& RuleLoader::macros() const { return state_->compiled.macros; }

std::string RuleLoader::required_engine_version() const {
  return state_->collector.required_engine_version().str();
}

const std::vector<std::vector<PluginVersion>>& RuleLoader::required_plugin_versions() const {
  return state_->collector.required_plugin_versions();
}

const std::string* RuleLoader::file_content(const std::string& name) const {
  auto it = state_->contents.find(name);
  return it == state_->contents.end() ? nullptr : &it->second;
}

const LoaderOptions& RuleLoader::options() const { return state_->options; }

}  // namespace eg
