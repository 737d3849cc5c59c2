// Building alerts from rule matches (see alert_formatter.h).
#include "engine/output/alert_formatter.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace eg::output {
namespace {

bool entry_matches(const AppendOutputEntry& e, const RuleOutputInfo& rule) {
  if (e.match_source && *e.match_source != rule.source) return false;
  if (e.match_rule && *e.match_rule != rule.name) return false;
  for (const auto& t : e.match_tags)
    if (!rule.tags.count(t)) return false;
  return true;
}

std::shared_ptr<OutputFormat> compile_shared(const std::string& text, std::string* error) {
  auto f = OutputFormat::compile(text, error);
  if (!f) return nullptr;
  return std::make_shared<OutputFormat>(std::move(*f));
}

uint64_t extract_rawtime(const OutputFormat& f, const EventContext& ctx) {
  nlohmann::json j = nlohmann::json::object();
  f.render_fields(ctx, j);
  auto it = j.find("evt.rawtime");
  return it != j.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

}  // namespace

std::string effective_output(const RuleOutputInfo& rule, const OutputConfig& config) {
  std::string out = rule.output;
  for (const auto& e : config.append_output) {
    if (!entry_matches(e, rule)) continue;
    if (e.suggested_output) out += std::string(" ") + kSuggestedOutputSuffix;
    if (!e.extra_output.empty()) out += " " + e.extra_output;
  }
  for (const auto& p : config.extra_formats) out += " " + p;
  return out;
}

std::optional<RuleFormatter> RuleFormatter::compile(const RuleOutputInfo& rule, const OutputConfig& config,
                                                    std::string* error) {
  RuleFormatter r;
  r.config_ = &config;
  r.rule_ = rule;
  r.message_ = compile_shared(effective_output(rule, config), error);
  r.time_ = compile_shared(config.time_format_iso_8601 ? "%evt.time.iso8601" : "%evt.time", error);
  r.rawtime_ = compile_shared("%evt.rawtime", error);
  if (!r.message_ || !r.time_ || !r.rawtime_) return std::nullopt;
  std::string raw_fields;
  for (const auto& e : config.append_output) {
    if (!entry_matches(e, rule)) continue;
    for (const auto& x : e.extra_fields) {
      if (x.raw) {
        raw_fields += " %" + x.key;
        continue;
      }
      auto f = compile_shared(x.format, error);
      if (!f) return std::nullopt;
      r.named_extras_.push_back({x.key, f});
    }
  }
  if (!raw_fields.empty() && !(r.raw_extras_ = compile_shared(raw_fields, error))) return std::nullopt;
  r.tags_.assign(rule.tags.begin(), rule.tags.end());  // std::set: sorted, unique
  return r;
}

AlertPtr RuleFormatter::format(const EventContext& ctx) const {
  auto alert = std::make_shared<Alert>();
  alert->rule = rule_.name;
  alert->priority = rule_.priority;
  alert->source = rule_.source;
  alert->ts = extract_rawtime(*rawtime_, ctx);
  std::string message;
  message_->render_text(ctx, message);
  std::string time_text;
  time_->render_text(ctx, time_text);
  alert->text_line = time_text + ": " + std::string(priority_long_name(rule_.priority)) + " " + message;
  const OutputConfig& c = *config_;
  if (c.json_output) {
    nlohmann::json j = nlohmann::json::object();
    j["hostname"] = c.hostname;
    if (c.json_include_message_property) j["message"] = message;
    if (c.json_include_output_property) j["output"] = alert->text_line;
    if (c.json_include_output_fields_property) {
      nlohmann::json fields = nlohmann::json::object();
      message_->render_fields(ctx, fields);
      time_->render_fields(ctx, fields);
      if (raw_extras_) raw_extras_->render_fields(ctx, fields);
      for (const auto& x : named_extras_) {
        std::string v;
        x.format->render_text(ctx, v);
        fields[x.key] = v;
      }
      j["output_fields"] = std::move(fields);
    }
    j["priority"] = priority_long_name(rule_.priority);
    j["rule"] = rule_.name;
    j["source"] = rule_.source;
    if (c.json_include_tags_property) j["tags"] = tags_;
    j["time"] = json_time(alert->ts);
    alert->json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    alert->line = alert->json;
  } else {
    alert->line = escape_text_line(alert->text_line);
  }
  return alert;
}

}  // namespace eg::output
