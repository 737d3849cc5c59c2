// Reading rules-file items into the collector (see item_reader.h). One
// function per item kind, in the order Falco checks the keys, so that the
// first reported problem is the one Falco reports.
#include "engine/loader/item_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include <re2/re2.h>

#include "engine/loader/yaml_decode.h"
#include "parser/rules/rules_schema.h"

namespace eg {
namespace {

constexpr const char* kIdentifierRegex = "([a-zA-Z]+[a-zA-Z0-9_]*)";
constexpr const char* kBareStringRegex = "([^()\"'[:space:]=,]+)";
constexpr const char* kWarningAppend =
    "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' "
    "instead.";
constexpr const char* kWarningEnabled =
    "The standalone 'enabled' key usage is deprecated. The correct approach requires also a "
    "'replace' entry under the 'override' key (i.e. 'enabled: replace').";
constexpr const char* kErrorOverrideAppend =
    "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. "
    "'condition: append') under 'override' instead.";

struct KnownKeys {
  std::string_view kind;
  std::vector<std::string_view> keys;
};

const std::vector<std::string_view> kRuleKeys{
    "rule", "condition", "output", "desc", "priority", "source", "enabled", "capture",
    "capture_duration", "warn_evttypes", "skip-if-unknown-filter", "tags", "exceptions", "override",
    "append"};
const std::vector<std::string_view> kMacroKeys{"macro", "condition", "append", "override"};
const std::vector<std::string_view> kListKeys{"list", "items", "append", "override"};
const std::vector<std::string_view> kEngineVersionKeys{"required_engine_version"};
const std::vector<std::string_view> kPluginVersionsKeys{"required_plugin_versions"};

const std::set<std::string> kRuleAppendable{"condition", "output", "desc", "tags", "exceptions"};
const std::set<std::string> kRuleReplaceable{"condition", "output", "desc", "priority", "capture",
                                             "capture_duration", "tags", "exceptions", "enabled",
                                             "warn_evttypes", "skip-if-unknown-filter"};

const re2::RE2& identifier_regex() {
  static const re2::RE2 rx(kIdentifierRegex, re2::RE2::POSIX);
  return rx;
}
const re2::RE2& bare_string_regex() {
  static const re2::RE2 rx(kBareStringRegex, re2::RE2::POSIX);
  return rx;
}

void warn_unknown_keys(const YAML::Node& item, const std::vector<std::string_view>& known,
                       const LoadContext& ctx, LoadSink& sink) {
  for (auto it = item.begin(); it != item.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string& key = it->first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      sink.warn(LoadWarningCode::UnknownKey, "Unknown key '" + key + "'. The key will be ignored.", ctx);
    }
  }
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// ---- version requirements --------------------------------------------------

void read_engine_version(const YAML::Node& item, const LoadContext& parent, Collector& collector,
                         LoadSink& sink) {
  LoadContext ctx = child_context(parent, item, "required_engine_version");
  warn_unknown_keys(item, kEngineVersionKeys, ctx, sink);
  SemVer version;
  try {
    uint32_t minor = 0;
    decode_value(item, "required_engine_version", minor, ctx);
    version = SemVer{0, minor, 0};
  } catch (const LoadFailure&) {
    std::string text;
    decode_value(item, "required_engine_version", text, ctx);
    auto parsed = parse_semver(text);
    if (!parsed) {
      fail_yaml("Unable to parse engine version '" + text +
                    "' as a semver string. Expected \"x.y.z\" semver format.",
                ctx);
    }
    version = *parsed;
  }
  collector.define_engine_version(version, ctx);
}

void read_plugin_versions(const YAML::Node& item, const LoadContext& parent, Collector& collector,
                          LoadSink& sink) {
  warn_unknown_keys(item, kPluginVersionsKeys, child_context(parent, item, "required plugin versions"),
                    sink);
  const YAML::Node reqs = item["required_plugin_versions"];
  LoadContext ctx = child_context(parent, reqs, "required plugin versions");
  if (!reqs.IsSequence()) fail_yaml("Value of required_plugin_versions must be a sequence", ctx);
  for (const YAML::Node& plugin : reqs) {
    LoadContext tmp = child_context(ctx, plugin, "required plugin versions entry");
    if (!plugin.IsMap()) fail_yaml("Plugin version must be a mapping", tmp);
    PluginVersion req;
    decode_value(plugin, "name", req.name, tmp);
    LoadContext pctx = child_context(ctx, plugin, "required plugin versions entry", req.name);
    decode_value(plugin, "version", req.version, pctx);
    std::vector<PluginVersion> alternatives{req};
    const YAML::Node alts = plugin["alternatives"];
    if (alts.IsDefined()) {
      if (!alts.IsSequence()) fail_yaml("Value of plugin version alternatives must be a sequence", pctx);
      for (const YAML::Node& alt : alts) {
        LoadContext actx = child_context(pctx, alt, "required plugin versions alternative");
        if (!alt.IsMap()) fail_yaml("Plugin version alternative must be a mapping", actx);
        PluginVersion a;
        decode_value(alt, "name", a.name, actx);
        actx = child_context(pctx, alt, "required plugin versions alternative", a.name);
        decode_value(alt, "version", a.version, actx);
        alternatives.push_back(a);
      }
    }
    collector.define_plugin_versions(std::move(alternatives), pctx);
  }
}

// ---- overrides ---------------------------------------------------------------

struct Overrides {
  std::set<std::string> append;
  std::set<std::string> replace;
  bool any() const { return !append.empty() || !replace.empty(); }
};

Overrides decode_overrides(const YAML::Node& item, const std::set<std::string>& appendable,
                           const std::set<std::string>& replaceable, const LoadContext& ctx) {
  Overrides out;
  const YAML::Node val = item["override"];
  if (!val.IsDefined() || !val.IsMap()) return out;
  LoadContext octx = child_context(ctx, item, "overrides");
  for (auto it = val.begin(); it != val.end(); ++it) {
    std::string key = it->first.as<std::string>();
    std::string operation = it->second.as<std::string>();
    bool can_append = appendable.count(key) > 0;
    bool can_replace = replaceable.count(key) > 0;
    if (operation == "append") {
      if (!can_append) {
        fail_yaml("Key '" + key + "' cannot be appended to, use 'replace' instead",
                  child_context(octx, it->first, "overrides", key));
      }
      out.append.insert(key);
    } else if (operation == "replace") {
      if (!can_replace) {
        fail_yaml("Key '" + key + "' cannot be replaced", child_context(octx, it->first, "overrides", key));
      }
      out.replace.insert(key);
    } else {
      std::string msg = "Invalid override operation for key '" + key + "': '" + operation +
                        "'. Allowed values are: ";
      if (can_append) msg += "append ";
      if (can_replace) msg += "replace ";
      fail_yaml(msg, child_context(octx, it->second, "value for", key));
    }
  }
  return out;
}

// ---- exceptions --------------------------------------------------------------

void decode_exception_entry(const YAML::Node& item, const char* key, ExceptionEntry& out,
                            const LoadContext& ctx, bool optional) {
  const YAML::Node val = key == nullptr ? item : item[key];
  if (!val.IsDefined() && optional) return;
  if (!val.IsDefined()) fail_yaml(std::string("Item has no mapping for key '") + key + "'", ctx);
  LoadContext valctx = child_context(ctx, val, "value for", key == nullptr ? "" : key);
  if (val.IsScalar()) {
    if (val.Scalar().empty()) fail_yaml("Value must be non-empty", valctx);
    out.defined = true;
    out.is_list = false;
    out.item = val.Scalar();
  }
  if (val.IsSequence()) {
    out.defined = true;
    out.is_list = true;
    for (const YAML::Node& v : val) {
      ExceptionEntry sub;
      LoadContext lctx = child_context(valctx, v, "exception");
      decode_exception_entry(v, nullptr, sub, lctx, false);
      out.items.push_back(std::move(sub));
    }
  }
}

void trim_comps(ExceptionEntry& comps) {
  if (!comps.is_list) {
    comps.item = trim(comps.item);
    return;
  }
  for (auto& c : comps.items) c.item = trim(c.item);
}

std::vector<ExceptionInfo> read_exceptions(const YAML::Node& item, const LoadContext& parent,
                                           bool append, LoadSink& sink) {
  std::vector<ExceptionInfo> out;
  const YAML::Node exs = item["exceptions"];
  if (!exs.IsDefined() || exs.IsNull()) return out;
  LoadContext exes_ctx = child_context(parent, exs, "exceptions");
  if (!exs.IsSequence()) fail_yaml("Rule exceptions must be a sequence", exes_ctx);
  for (const YAML::Node& ex : exs) {
    LoadContext tmp = child_context(exes_ctx, ex, "exception");
    if (!ex.IsMap()) fail_yaml("Rule exception must be a mapping", tmp);
    std::string name;
    decode_value(ex, "name", name, tmp);
    ExceptionInfo info;
    info.ctx = child_context(parent, ex, "exception", name);
    info.name = name;
    for (const auto& prev : out) {
      if (prev.name == name) {
        sink.warn(LoadWarningCode::ExceptionNameNotUnique,
                  "Multiple definitions of exception '" + name + "' in the same rule", info.ctx);
        break;
      }
    }
    decode_exception_entry(ex, "fields", info.fields, info.ctx, append);
    decode_exception_entry(ex, "comps", info.comps, info.ctx, true);
    trim_comps(info.comps);
    const YAML::Node vals = ex["values"];
    if (vals.IsDefined()) {
      LoadContext vals_ctx = child_context(info.ctx, vals, "exception values");
      if (!vals.IsSequence()) fail_yaml("Rule exception values must be a sequence", vals_ctx);
      for (const YAML::Node& v : vals) {
        LoadContext vctx = child_context(vals_ctx, v, "exception value");
        ExceptionEntry entry;
        decode_exception_entry(v, nullptr, entry, vctx, false);
        info.values.push_back(std::move(entry));
      }
    } else if (append) {
      sink.warn(LoadWarningCode::AppendNoValues, "Overriding/appending exception with no values", info.ctx);
    }
    out.push_back(std::move(info));
  }
  return out;
}

// ---- lists and macros -------------------------------------------------------

void read_list(const YAML::Node& item, const LoadContext& parent, Collector& collector, LoadSink& sink) {
  std::string name;
  decode_value(item, "list", name, child_context(parent, item, "list"));
  LoadContext ctx = child_context(parent, item, "list", name);
  warn_unknown_keys(item, kListKeys, ctx, sink);
  if (!re2::RE2::FullMatch(name, bare_string_regex())) {
    sink.warn(LoadWarningCode::InvalidListName,
              std::string("List has an invalid name. List names should match a regular expression: ") +
                  kBareStringRegex,
              ctx);
  }
  ListInfo info;
  info.ctx = ctx;
  info.name = name;
  decode_string_sequence(item, "items", false, [&](std::string s) { info.items.push_back(std::move(s)); }, ctx);
  bool append = false;
  decode_optional(item, "append", append, ctx);
  if (append) sink.warn(LoadWarningCode::DeprecatedItem, kWarningAppend, ctx);
  const std::set<std::string> overridable{"items"};
  Overrides ov = decode_overrides(item, overridable, overridable, ctx);
  if (append && ov.any()) fail_yaml(kErrorOverrideAppend, ctx);
  append = append || ov.append.count("items") > 0;
  if (append) {
    collector.append(std::move(info));
  } else {
    collector.define(std::move(info));
  }
}

void read_macro(const YAML::Node& item, const LoadContext& parent, Collector& collector, LoadSink& sink) {
  std::string name;
  decode_value(item, "macro", name, child_context(parent, item, "macro"));
  LoadContext ctx = child_context(parent, item, "macro", name);
  warn_unknown_keys(item, kMacroKeys, ctx, sink);
  if (!re2::RE2::FullMatch(name, identifier_regex())) {
    sink.warn(LoadWarningCode::InvalidMacroName,
              std::string("Macro has an invalid name. Macro names should match a regular expression: ") +
                  kIdentifierRegex,
              ctx);
  }
  MacroInfo info;
  info.ctx = ctx;
  info.name = name;
  decode_value(item, "condition", info.cond, ctx);
  info.cond_ctx = child_context(ctx, item["condition"], "macro condition");
  bool append = false;
  decode_optional(item, "append", append, ctx);
  if (append) sink.warn(LoadWarningCode::DeprecatedItem, kWarningAppend, ctx);
  const std::set<std::string> overridable{"condition"};
  Overrides ov = decode_overrides(item, overridable, overridable, ctx);
  if (append && ov.any()) fail_yaml(kErrorOverrideAppend, ctx);
  append = append || ov.append.count("condition") > 0;
  if (append) {
    collector.append(std::move(info));
  } else {
    collector.define(std::move(info));
  }
}

// ---- rules -------------------------------------------------------------------

Priority decode_priority(const YAML::Node& item, const LoadContext& ctx) {
  std::string text;
  decode_value(item, "priority", text, ctx);
  auto p = parse_priority(text);
  if (!p) fail_yaml("Invalid priority", child_context(ctx, item["priority"], "rule priority"));
  return *p;
}

std::set<std::string> decode_tags(const YAML::Node& item, const LoadContext& ctx) {
  std::set<std::string> tags;
  decode_string_sequence(item, "tags", true, [&](std::string s) { tags.insert(std::move(s)); }, ctx);
  return tags;
}

void read_source_of_update(const YAML::Node& item, RuleUpdate& update) {
  const YAML::Node src = item["source"];
  if (src.IsDefined() && src.IsScalar()) update.source = src.Scalar();
}

// Fills the update with the keys listed for `op`; removes them from `expected`.
void decode_update_keys(const YAML::Node& item, const std::set<std::string>& listed, const char* op,
                        std::set<std::string>& expected, RuleUpdate& v, bool append,
                        const LoadContext& ctx, LoadSink& sink) {
  auto take = [&](const std::string& key) {
    if (listed.count(key) == 0) return false;
    if (expected.count(key) == 0) {
      fail_yaml(std::string("An ") + op + " override for '" + key + "' was specified but '" + key +
                    "' is not defined",
                ctx);
    }
    expected.erase(key);
    return true;
  };
  if (take("condition")) {
    v.cond.emplace();
    decode_value(item, "condition", *v.cond, ctx);
    v.cond_ctx = child_context(ctx, item["condition"], "rule condition");
  }
  if (take("exceptions")) v.exceptions = read_exceptions(item, ctx, append, sink);
  if (take("output")) {
    v.output.emplace();
    decode_value(item, "output", *v.output, ctx);
    v.output_ctx = child_context(ctx, item["output"], "rule output");
  }
  if (take("desc")) {
    v.desc.emplace();
    decode_value(item, "desc", *v.desc, ctx);
  }
  if (take("tags")) v.tags = decode_tags(item, ctx);
  if (take("priority")) v.priority = decode_priority(item, ctx);
  if (take("enabled")) {
    v.enabled.emplace();
    decode_value(item, "enabled", *v.enabled, ctx);
  }
  if (take("warn_evttypes")) {
    v.warn_evttypes.emplace();
    decode_value(item, "warn_evttypes", *v.warn_evttypes, ctx);
  }
  if (take("skip-if-unknown-filter")) {
    v.skip_if_unknown_filter.emplace();
    decode_value(item, "skip-if-unknown-filter", *v.skip_if_unknown_filter, ctx);
  }
  if (take("capture")) {
    v.capture.emplace();
    decode_value(item, "capture", *v.capture, ctx);
  }
  if (take("capture_duration")) {
    v.capture_duration.emplace();
    decode_value(item, "capture_duration", *v.capture_duration, ctx);
  }
}

void read_rule_overrides(const YAML::Node& item, const std::string& name, const Overrides& ov,
                         const LoadContext& ctx, Collector& collector, LoadSink& sink) {
  std::set<std::string> expected;
  for (const auto& key : kRuleAppendable) {
    if (item[key].IsDefined()) expected.insert(key);
  }
  for (const auto& key : kRuleReplaceable) {
    if (item[key].IsDefined()) expected.insert(key);
  }
  if (!ov.append.empty()) {
    RuleUpdate v;
    v.ctx = ctx;
    v.name = name;
    read_source_of_update(item, v);
    decode_update_keys(item, ov.append, "append", expected, v, true, ctx, sink);
    collector.append(std::move(v));
  }
  if (!ov.replace.empty()) {
    RuleUpdate v;
    v.ctx = ctx;
    v.name = name;
    read_source_of_update(item, v);
    decode_update_keys(item, ov.replace, "replace", expected, v, false, ctx, sink);
    collector.replace(std::move(v));
  }
  for (const auto& key : expected) {
    fail_yaml("Unexpected key '" + key + "': no corresponding entry under 'override' is defined.",
              child_context(ctx, item[key], "overrides", key));
  }
}

void read_rule_legacy_append(const YAML::Node& item, const std::string& name, const LoadContext& ctx,
                             Collector& collector, LoadSink& sink) {
  RuleUpdate v;
  v.ctx = ctx;
  v.name = name;
  read_source_of_update(item, v);
  if (item["condition"].IsDefined()) {
    v.cond_ctx = child_context(ctx, item["condition"], "rule condition");
    v.cond.emplace();
    decode_value(item, "condition", *v.cond, ctx);
  }
  if (item["exceptions"].IsDefined()) v.exceptions = read_exceptions(item, ctx, true, sink);
  collector.append(std::move(v));
}

void read_rule_definition(const YAML::Node& item, const std::string& name, const LoadContext& ctx,
                          Collector& collector, LoadSink& sink) {
  RuleInfo v;
  v.ctx = ctx;
  v.cond_ctx = ctx;
  v.output_ctx = ctx;
  v.name = name;
  if (!item["condition"].IsDefined() && !item["output"].IsDefined() && !item["desc"].IsDefined() &&
      !item["priority"].IsDefined()) {
    bool enabled = true;
    decode_value(item, "enabled", enabled, ctx);
    sink.warn(LoadWarningCode::DeprecatedItem, kWarningEnabled, ctx);
    collector.enable(name, enabled, ctx);
    return;
  }
  decode_value(item, "condition", v.cond, ctx);
  v.cond_ctx = child_context(ctx, item["condition"], "rule condition");
  decode_value(item, "output", v.output, ctx);
  v.output_ctx = child_context(ctx, item["output"], "rule output");
  decode_value(item, "desc", v.desc, ctx);
  v.priority = decode_priority(item, ctx);
  v.output = trim(v.output);
  decode_optional(item, "source", v.source, ctx);
  decode_optional(item, "enabled", v.enabled, ctx);
  decode_optional(item, "warn_evttypes", v.warn_evttypes, ctx);
  decode_optional(item, "skip-if-unknown-filter", v.skip_if_unknown_filter, ctx);
  decode_optional(item, "capture", v.capture, ctx);
  decode_optional(item, "capture_duration", v.capture_duration, ctx);
  v.tags = decode_tags(item, ctx);
  v.exceptions = read_exceptions(item, ctx, false, sink);
  collector.define(std::move(v), sink);
}

void read_rule(const YAML::Node& item, const LoadContext& parent, Collector& collector, LoadSink& sink) {
  std::string name;
  decode_value(item, "rule", name, child_context(parent, item, "rule"));
  LoadContext ctx = child_context(parent, item, "rule", name);
  warn_unknown_keys(item, kRuleKeys, ctx, sink);
  bool has_append_flag = false;
  decode_optional(item, "append", has_append_flag, ctx);
  if (has_append_flag) sink.warn(LoadWarningCode::DeprecatedItem, kWarningAppend, ctx);
  Overrides ov = decode_overrides(item, kRuleAppendable, kRuleReplaceable, ctx);
  if (has_append_flag && ov.any()) fail_yaml(kErrorOverrideAppend, ctx);
  if (ov.any()) {
    read_rule_overrides(item, name, ov, ctx, collector, sink);
  } else if (has_append_flag) {
    read_rule_legacy_append(item, name, ctx, collector, sink);
  } else {
    read_rule_definition(item, name, ctx, collector, sink);
  }
}

// Which of the keys that decide an item's kind a mapping has, read in one
// pass over its keys (what `item[key].IsDefined()` says for each: a scalar key
// equal to it). yaml-cpp's lookup of a missing key on a const node formats the
// key with a stringstream, and every item lacks most of these keys.
struct ItemKeys {
  bool engine_version = false, plugin_versions = false, list = false, macro = false, rule = false;
};

ItemKeys item_keys(const YAML::Node& item) {
  ItemKeys k;
  for (auto it = item.begin(); it != item.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string& key = it->first.Scalar();
    k.engine_version = k.engine_version || key == "required_engine_version";
    k.plugin_versions = k.plugin_versions || key == "required_plugin_versions";
    k.list = k.list || key == "list";
    k.macro = k.macro || key == "macro";
    k.rule = k.rule || key == "rule";
  }
  return k;
}

void read_item(const YAML::Node& item, const LoadContext& parent, Collector& collector, LoadSink& sink) {
  if (!item.IsMap()) {
    fail_yaml("Unexpected element type. Each element should be a yaml associative array.",
              child_context(parent, item, "rules content item"));
  }
  const ItemKeys keys = item_keys(item);
  if (keys.engine_version) {
    read_engine_version(item, parent, collector, sink);
  } else if (keys.plugin_versions) {
    read_plugin_versions(item, parent, collector, sink);
  } else if (keys.list) {
    read_list(item, parent, collector, sink);
  } else if (keys.macro) {
    read_macro(item, parent, collector, sink);
  } else if (keys.rule) {
    read_rule(item, parent, collector, sink);
  } else {
    sink.warn(LoadWarningCode::UnknownItem, "Unknown top level item",
              child_context(parent, item, "rules content item"));
  }
}

}  // namespace

bool read_rules_file(const std::string& name, const RulesYaml& yaml, Collector& collector,
                     LoadSink& sink) {
  LoadContext ctx = file_context(name);
  if (yaml.error) {
    LoadContext ectx = yaml.error->mark
                           ? child_context(ctx, YAML::Mark(), "value for")
                           : ctx;
    if (yaml.error->mark) {
      auto& pos = ectx.locations.back().position;
      pos.line = yaml.error->mark->line;
      pos.column = yaml.error->mark->column;
      pos.offset = yaml.error->mark->offset;
    }
    sink.fail(LoadErrorCode::YamlParse, yaml.error->message, ectx);
    return false;
  }
  // Like Falco, the schema status comes from the first document; a file
  // without documents has none.
  if (!yaml.documents.empty()) {
    sink.result->has_schema_status = true;
    const YAML::Node& first = yaml.documents.front();
    if (first.IsDefined() && !first.IsNull()) sink.result->schema_warnings = check_rules_schema(first);
    sink.result->schema_valid = sink.result->schema_warnings.empty();
  }
  for (const YAML::Node& doc : yaml.documents) {
    if (!doc.IsDefined() || doc.IsNull()) continue;
    try {
      if (!doc.IsMap() && !doc.IsSequence()) fail_yaml("Rules content is not yaml", ctx);
      if (!doc.IsSequence()) fail_yaml("Rules content is not yaml array of objects", ctx);
      for (const YAML::Node& item : doc) {
        if (!item.IsNull()) read_item(item, ctx, collector, sink);
      }
    } catch (const LoadFailure& f) {
      sink.fail(f.code, f.message, f.context);
      return false;
    } catch (const YAML::Exception& e) {
      sink.fail(LoadErrorCode::YamlValidate, e.what(), child_context(ctx, e.mark, "value for"));
      return false;
    } catch (const std::exception& e) {
      sink.fail(LoadErrorCode::Validate, e.what(), ctx);
      return false;
    }
  }
  return true;
}

}  // namespace eg
