// Define / append / replace / enable of collected items (see collector.h).
#include "engine/loader/collector.h"

#include <cstdlib>
#include <unordered_set>

#include "engine/loader/load_sink.h"

namespace eg {
namespace {

[[noreturn]] void fail(const std::string& message, const LoadContext& ctx) {
  throw LoadFailure{LoadErrorCode::Validate, message, ctx};
}

bool parse_uint(const std::string& s, size_t& pos, uint32_t& out) {
  size_t start = pos;
  uint64_t v = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + static_cast<uint64_t>(s[pos] - '0');
    if (v > 0xffffffffull) return false;
    ++pos;
  }
  out = static_cast<uint32_t>(v);
  return pos > start;
}

}  // namespace

std::string SemVer::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<SemVer> parse_semver(const std::string& text) {
  SemVer v;
  size_t pos = 0;
  if (!parse_uint(text, pos, v.major) || pos >= text.size() || text[pos++] != '.') return std::nullopt;
  if (!parse_uint(text, pos, v.minor) || pos >= text.size() || text[pos++] != '.') return std::nullopt;
  if (!parse_uint(text, pos, v.patch)) return std::nullopt;
  return v;
}

void Collector::define_engine_version(const SemVer& v, const LoadContext& ctx) {
  auto engine = parse_semver(options_.engine_version).value_or(SemVer{});
  if (engine.major != v.major || engine < v) {
    fail("Rules require engine version " + v.str() + ", but engine version is " + engine.str(), ctx);
  }
  if (engine_version_ < v) engine_version_ = v;
}

void Collector::define_plugin_versions(std::vector<PluginVersion> alternatives,
                                       const LoadContext& ctx) {
  std::unordered_set<std::string> names;
  for (const auto& alt : alternatives) {
    if (!parse_semver(alt.version)) {
      fail("Invalid required version '" + alt.version + "' for plugin '" + alt.name + "'", ctx);
    }
    if (!names.insert(alt.name).second) {
      fail("Defined multiple alternative version requirements for plugin '" + alt.name + "'", ctx);
    }
  }
  plugin_versions_.push_back(std::move(alternatives));
}

template <typename Infos, typename Info>
static void define_info(Infos& infos, Info info, size_t index) {
  if (auto* prev = infos.find(info.name)) {
    info.index = prev->index;
    info.visibility = index;
    *prev = std::move(info);
  } else {
    info.index = index;
    info.visibility = index;
    infos.insert(std::move(info));
  }
}

void Collector::define(ListInfo info) { define_info(lists_, std::move(info), counter_++); }

void Collector::append(ListInfo info) {
  ListInfo* prev = lists_.find(info.name);
  if (!prev) {
    fail("List uses 'append' or 'override.items: append' but no list by that name already exists",
         info.ctx);
  }
  prev->items.insert(prev->items.end(), info.items.begin(), info.items.end());
  prev->visibility = counter_++;
}

void Collector::define(MacroInfo info) { define_info(macros_, std::move(info), counter_++); }

void Collector::append(MacroInfo info) {
  MacroInfo* prev = macros_.find(info.name);
  if (!prev) {
    fail("Macro uses 'append' or 'override.condition: append' but no macro by that name already "
         "exists",
         info.ctx);
  }
  prev->cond += " " + info.cond;
  prev->visibility = counter_++;
}

bool Collector::is_known_source(const std::string& source) const {
  for (const auto& s : options_.known_sources) {
    if (s == source) return true;
  }
  return false;
}

void Collector::define(RuleInfo info, LoadSink& sink) {
  if (const RuleInfo* prev = rules_.find(info.name)) {
    if (prev->source != info.source) fail("Rule has been re-defined with a different source", info.ctx);
  }
  bool known = is_known_source(info.source);
  if (!known) {
    info.unknown_source = true;
    sink.warn(LoadWarningCode::UnknownSource, "Unknown source " + info.source + ", skipping", info.ctx);
  }
  for (auto& ex : info.exceptions) {
    if (!ex.fields.valid()) {
      fail("Rule exception item must have fields property with a list of fields", ex.ctx);
    }
    validate_exception(ex, known);
  }
  define_info(rules_, std::move(info), counter_++);
}

void Collector::append(RuleUpdate info) {
  RuleInfo* prev = rules_.find(info.name);
  if (!prev) {
    fail("Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists",
         info.ctx);
  }
  if (!info.cond && !info.exceptions && !info.output && !info.desc && !info.tags) {
    fail("Appended rule must have exceptions or condition property", info.ctx);
  }
  if (!info.source.empty() && prev->source != info.source) {
    fail("Rule has been re-defined with a different source", info.ctx);
  }
  if (info.exceptions) {
    for (auto& ex : *info.exceptions) {
      ExceptionInfo* existing = nullptr;
      for (auto& pe : prev->exceptions) {
        if (pe.name == ex.name) {
          existing = &pe;
          break;
        }
      }
      if (!existing) {
        if (!ex.fields.valid()) fail("Rule exception must have fields property with a list of fields", ex.ctx);
        if (ex.values.empty()) fail("Rule exception must have values property with a list of values", ex.ctx);
        validate_exception(ex, !prev->unknown_source);
        prev->exceptions.push_back(std::move(ex));
      } else {
        if (ex.fields.valid()) fail("Can not append exception fields to existing exception, only values", ex.ctx);
        if (ex.comps.valid()) fail("Can not append exception comps to existing exception, only values", ex.ctx);
        existing->values.insert(existing->values.end(), ex.values.begin(), ex.values.end());
      }
    }
  }
  if (info.cond && !info.cond->empty()) prev->cond += " " + *info.cond;
  if (info.output && !info.output->empty()) prev->output += " " + *info.output;
  if (info.desc && !info.desc->empty()) prev->desc += " " + *info.desc;
  if (info.tags) prev->tags.insert(info.tags->begin(), info.tags->end());
  prev->visibility = counter_++;
}

void Collector::replace(RuleUpdate info) {
  RuleInfo* prev = rules_.find(info.name);
  if (!prev) {
    fail("An 'override.<key>: replace' to a rule was requested but no rule by that name already "
         "exists",
         info.ctx);
  }
  if (!info.has_any_value()) fail("The rule must have at least one field that can be replaced", info.ctx);
  if (!info.source.empty() && prev->source != info.source) {
    fail("Rule has been re-defined with a different source", info.ctx);
  }
  if (info.cond) {
    prev->cond = *info.cond;
    if (info.cond_ctx) prev->cond_ctx = *info.cond_ctx;
  }
  if (info.output) {
    prev->output = *info.output;
    if (info.output_ctx) prev->output_ctx = *info.output_ctx;
  }
  if (info.desc) prev->desc = *info.desc;
  if (info.tags) prev->tags = *info.tags;
  if (info.exceptions) prev->exceptions = *info.exceptions;
  if (info.priority) prev->priority = *info.priority;
  if (info.enabled) prev->enabled = *info.enabled;
  if (info.warn_evttypes) prev->warn_evttypes = *info.warn_evttypes;
  if (info.skip_if_unknown_filter) prev->skip_if_unknown_filter = *info.skip_if_unknown_filter;
  if (info.capture) prev->capture = *info.capture;
  if (info.capture_duration) prev->capture_duration = *info.capture_duration;
  prev->visibility = counter_++;
}

void Collector::enable(const std::string& name, bool enabled, const LoadContext& ctx) {
  RuleInfo* prev = rules_.find(name);
  if (!prev) fail("Rule has 'enabled' key but no rule by that name already exists", ctx);
  prev->enabled = enabled;
}

void Collector::validate_exception(ExceptionInfo& ex, bool known_source) const {
  if (ex.fields.is_list) {
    if (!ex.comps.valid()) {
      ex.comps = ExceptionEntry{};
      ex.comps.defined = true;
      ex.comps.is_list = true;
      for (size_t i = 0; i < ex.fields.items.size(); ++i) {
        ExceptionEntry eq;
        eq.defined = true;
        eq.item = "=";
        ex.comps.items.push_back(eq);
      }
    }
    if (ex.fields.items.size() != ex.comps.items.size()) {
      fail("Fields and comps lists must have equal length", ex.ctx);
    }
    for (const auto& c : ex.comps.items) {
      if (!is_exception_operator(c.item)) fail("'" + c.item + "' is not a supported comparison operator", ex.ctx);
    }
    if (known_source) {
      for (const auto& f : ex.fields.items) {
        if (!is_valid_exception_field(f.item)) fail("'" + f.item + "' is not a supported filter field", ex.ctx);
      }
    }
  } else {
    if (!ex.comps.valid()) {
      ex.comps = ExceptionEntry{};
      ex.comps.defined = true;
      ex.comps.is_list = false;
      ex.comps.item = "in";
    }
    if (ex.comps.is_list) fail("Fields and comps must both be strings", ex.ctx);
    const std::string& op = ex.comps.item;
    if (op != "in" && op != "pmatch" && op != "intersects" && !is_modifier_operator(op)) {
      fail("When fields is a single value, comps must be one of (in, pmatch, intersects) or a "
           "modifier operator (e.g. startswith oneof)",
           ex.ctx);
    }
    if (known_source && !is_valid_exception_field(ex.fields.item)) {
      fail("'" + ex.fields.item + "' is not a supported filter field", ex.ctx);
    }
  }
}

}  // namespace eg
