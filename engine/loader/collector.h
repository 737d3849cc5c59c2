// The collector: every list, macro, rule and version requirement read so far
// from all files, with Falco's define / append / replace / enable semantics
// (language reference §2.2-§2.4, §3.5). Items keep the position (index) of
// their first definition; every define/append/replace bumps a global counter
// that becomes the item's visibility (§2.6, §2.7 ordering rules).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/loader/load_context.h"
#include "engine/loader/priority.h"
#include "engine/loader/rule_loader.h"

namespace eg {

// A scalar or a (nested) sequence of scalars from an exception definition.
struct ExceptionEntry {
  bool defined = false;
  bool is_list = false;
  std::string item;
  std::vector<ExceptionEntry> items;
  // Falco's notion of a usable entry: a non-empty scalar or a non-empty list.
  bool valid() const { return defined && (is_list ? !items.empty() : !item.empty()); }
};

struct ExceptionInfo {
  LoadContext ctx;
  std::string name;
  ExceptionEntry fields;
  ExceptionEntry comps;
  std::vector<ExceptionEntry> values;
};

struct ListInfo {
  LoadContext ctx;
  std::string name;
  std::vector<std::string> items;
  size_t index = 0;
  size_t visibility = 0;
};

struct MacroInfo {
  LoadContext ctx;
  LoadContext cond_ctx;
  std::string name;
  std::string cond;
  size_t index = 0;
  size_t visibility = 0;
};

struct RuleInfo {
  LoadContext ctx;
  LoadContext cond_ctx;
  LoadContext output_ctx;
  std::string name;
  std::string cond;
  std::string output;
  std::string desc;
  Priority priority = Priority::Debug;
  std::string source = "syscall";
  std::set<std::string> tags;
  std::vector<ExceptionInfo> exceptions;
  bool enabled = true;
  bool warn_evttypes = true;
  bool skip_if_unknown_filter = false;
  bool capture = false;
  uint32_t capture_duration = 0;
  bool unknown_source = false;
  size_t index = 0;
  size_t visibility = 0;
};

// A legacy append, an `override: append` or an `override: replace` item.
struct RuleUpdate {
  LoadContext ctx;
  std::optional<LoadContext> cond_ctx;
  std::optional<LoadContext> output_ctx;
  std::string name;
  std::string source;  // empty: not given
  std::optional<std::string> cond;
  std::optional<std::string> output;
  std::optional<std::string> desc;
  std::optional<std::set<std::string>> tags;
  std::optional<std::vector<ExceptionInfo>> exceptions;
  std::optional<Priority> priority;
  std::optional<bool> enabled;
  std::optional<bool> warn_evttypes;
  std::optional<bool> skip_if_unknown_filter;
  std::optional<bool> capture;
  std::optional<uint32_t> capture_duration;
  bool has_any_value() const {
    return cond || output || desc || tags || exceptions || priority || enabled || warn_evttypes ||
           skip_if_unknown_filter || capture || capture_duration;
  }
};

struct SemVer {
  uint32_t major = 0, minor = 0, patch = 0;
  bool operator<(const SemVer& o) const {
    return std::tie(major, minor, patch) < std::tie(o.major, o.minor, o.patch);
  }
  std::string str() const;
};
// "x.y.z" with trailing text ignored; nullopt when unparseable.
std::optional<SemVer> parse_semver(const std::string& text);

// Named definitions in order of first definition.
template <typename T>
class IndexedInfos {
 public:
  T* find(const std::string& name) {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &items_[it->second];
  }
  const T* find(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &items_[it->second];
  }
  T& insert(T info) {
    by_name_[info.name] = items_.size();
    items_.push_back(std::move(info));
    return items_.back();
  }
  std::vector<T>& items() { return items_; }
  const std::vector<T>& items() const { return items_; }

 private:
  std::vector<T> items_;
  std::unordered_map<std::string, size_t> by_name_;
};

struct LoadSink;  // where warnings go (rule_loader.cpp)

class Collector {
 public:
  explicit Collector(const LoaderOptions& options) : options_(options) {}

  void define_engine_version(const SemVer& v, const LoadContext& ctx);
  void define_plugin_versions(std::vector<PluginVersion> alternatives, const LoadContext& ctx);
  void define(ListInfo info);
  void append(ListInfo info);
  void define(MacroInfo info);
  void append(MacroInfo info);
  void define(RuleInfo info, LoadSink& sink);
  void append(RuleUpdate info);
  void replace(RuleUpdate info);
  void enable(const std::string& name, bool enabled, const LoadContext& ctx);

  const IndexedInfos<ListInfo>& lists() const { return lists_; }
  const IndexedInfos<MacroInfo>& macros() const { return macros_; }
  const IndexedInfos<RuleInfo>& rules() const { return rules_; }
  const SemVer& required_engine_version() const { return engine_version_; }
  const std::vector<std::vector<PluginVersion>>& required_plugin_versions() const {
    return plugin_versions_;
  }
  bool is_known_source(const std::string& source) const;
  // Checks the exception definition of §3.2, filling default comps.
  void validate_exception(ExceptionInfo& ex, bool known_source) const;

 private:
  const LoaderOptions& options_;
  IndexedInfos<ListInfo> lists_;
  IndexedInfos<MacroInfo> macros_;
  IndexedInfos<RuleInfo> rules_;
  SemVer engine_version_;
  std::vector<std::vector<PluginVersion>> plugin_versions_;
  size_t counter_ = 0;
};

// Is `field` a valid left-hand side for an exception (a field, optionally
// with an argument and transformers)?
bool is_valid_exception_field(const std::string& field);
// Is `op` a comparison operator Falco accepts in exception comps?
bool is_exception_operator(const std::string& op);
// "startswith oneof" and friends.
bool is_modifier_operator(const std::string& op);

}  // namespace eg
