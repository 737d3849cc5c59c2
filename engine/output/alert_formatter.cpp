// Building alerts from rule matches (see alert_formatter.h).
#include "engine/output/alert_formatter.h"

#include <algorithm>
#include <atomic>
#include <map>

#include <nlohmann/json.hpp>

#include "engine/extract/json_text.h"

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

// evt.rawtime as render_fields would put it in JSON: an unsigned number, else 0.
uint64_t extract_rawtime(const OutputFormat& f, const EventContext& ctx, FieldValues& values) {
  const FormatField& field = f.fields().front();
  values.clear();
  if (!field.extractor->extract(ctx, values)) return 0;
  if (values.size() == 1 && (values[0].type == FieldType::ABSTIME || values[0].type == FieldType::UINT64))
    return values[0].u64;  // the common case, without building a JSON value
  nlohmann::json j = eg::render_json(field.spec, values);
  return j.is_number_unsigned() ? j.get<uint64_t>() : 0;
}

std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
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
  r.plan_json();
  return r;
}

void RuleFormatter::plan_json() {
  // Later entries with the same key replace earlier ones, as assignments into
  // the document did: message fields, the time field, raw extras, named extras.
  std::map<std::string, JsonMember> members;
  for (const OutputFormat* f : {message_.get(), time_.get(), raw_extras_.get()}) {
    if (f == nullptr) continue;
    for (size_t i = 0; i < f->fields().size(); ++i)
      if (f->field_in_json(i)) members[f->fields()[i].key] = JsonMember{{}, &f->field_output(i), f == raw_extras_.get(), i};
  }
  for (size_t i = 0; i < named_extras_.size(); ++i) members[named_extras_[i].key] = JsonMember{{}, nullptr, false, i};
  json_members_.clear();
  members_room_ = 0;
  for (auto& [key, m] : members) {
    m.key_open = PaddedText((json_members_.empty() ? "" : ",") + json_quoted(key) + ":\"");
    members_room_ += m.key_open.size() + kMemberSlack;
    json_members_.push_back(std::move(m));
  }
  json_head_ = PaddedText("{\"hostname\":" + json_quoted(config_->hostname));
  std::string tail = ",\"priority\":" + json_quoted(priority_long_name(rule_.priority)) + ",\"rule\":" + json_quoted(rule_.name) +
               ",\"source\":" + json_quoted(rule_.source);
  if (config_->json_include_tags_property) {
    tail += ",\"tags\":[";
    for (size_t i = 0; i < tags_.size(); ++i) {
      if (i) tail += ',';
      append_json_string(tail, tags_[i]);
    }
    tail += ']';
  }
  json_tail_ = PaddedText(tail + ",\"time\":\"");
  priority_text_ = PaddedText(": " + std::string(priority_long_name(rule_.priority)) + " ");
  priority_plain_ = json_plain(priority_text_.view());
}

namespace {

// `s` escaped at the end of `out`, between the quotes the caller wrote or
// writes; returns whether the body is `s` itself.
bool append_body(TextBuffer& out, std::string_view s) {
  bool plain = false;
  out.commit(write_json_string_body(out.room(json_body_bound(s.size())), s, &plain));
  return plain;
}

// The same for text known to be json_plain() when `plain`: copied as it is.
void append_body(TextBuffer& out, std::string_view s, bool plain) {
  if (plain) out.append(s);
  else append_body(out, s);
}

}  // namespace

void RuleFormatter::render_json(const EventContext& ctx, size_t message_at, Alert& alert) const {
  const OutputConfig& c = *config_;
  const std::string_view line = line_.view();
  // each part was checked as it was written
  const bool line_plain = priority_plain_ && time_->last_plain() && message_->last_plain();
  TextBuffer& j = json_;
  j.clear();
  j.append(json_head_);
  if (c.json_include_message_property) {
    j.append(",\"message\":\"");
    append_body(j, line.substr(message_at), message_->last_plain());
    j.push_back('"');
  }
  if (c.json_include_output_property) {
    j.append(",\"output\":\"");
    append_body(j, line, line_plain);
    j.push_back('"');
  }
  if (c.json_include_output_fields_property) {
    bool extras_plain = false;
    if (raw_extras_) {
      raw_text_.clear();
      raw_extras_->render(ctx, raw_text_);  // extracts its fields for append_field_json
      extras_plain = raw_extras_->last_plain();
    }
    std::vector<std::string>& extras = extras_text_;
    extras.resize(named_extras_.size());
    for (size_t i = 0; i < named_extras_.size(); ++i) {
      extras[i].clear();
      named_extras_[i].format->render_text(ctx, extras[i]);
    }
    static const PaddedText kFieldsOpen(",\"output_fields\":{");
    j.append(kFieldsOpen);
    // Room for every member at once: the keys, their slack, and the values'
    // texts (all within the two rendered buffers); the other kinds make
    // their own room and the bound is asked for again after them.
    const size_t bound = members_room_ + line.size() + raw_text_.size();
    char* at = j.room(bound);
    for (const JsonMember& m : json_members_) {
      const bool raw = m.from_raw_extras;
      const char* text = raw ? raw_text_.data() : line.data();
      const bool plain = raw ? extras_plain : line_plain;
      if (m.field) {
        if (char* end = write_json_member(at, m.key_open, *m.field, text, plain)) {
          at = end;
          continue;
        }
      }
      j.commit(at);
      if (m.field) {
        j.append(m.key_open.data(), m.key_open.size() - 1);  // without the quote
        append_field_json(j, *m.field, text, plain, json_scratch_);
      } else {
        j.append(m.key_open);
        append_body(j, extras[m.index]);
        j.push_back('"');
      }
      at = j.room(bound);
    }
    j.commit(at);
    j.push_back('}');
  }
  j.append(json_tail_);
  char* at = j.room(kJsonTimeSize + 2);
  at = write_json_time(at, alert.ts);
  *at++ = '"';
  *at++ = '}';
  j.commit(at);
  alert.json.assign(j.data(), j.size());
}

std::shared_ptr<Alert> RuleFormatter::new_alert() const {
  auto a = std::make_shared<Alert>();
  a->rule = rule_.name;  // recycled alerts keep these: a formatter makes alerts of one rule
  a->priority = rule_.priority;
  a->source = rule_.source;
  return a;
}

std::shared_ptr<Alert> RuleFormatter::recycled_alert() const {
  const size_t n = recycled_.size();
  // The oldest, or the one after it when a sink keeps the oldest.
  for (size_t k = 0; k < std::min<size_t>(n, 2); ++k) {
    const size_t i = (next_recycled_ + k) % n;
    if (recycled_[i].use_count() == 1) {
      // Every sink has released it; their releases (acq_rel decrements of the
      // count just read) happen before this fence, so their reads of the
      // strings happen before the writes of the new alert.
      std::atomic_thread_fence(std::memory_order_acquire);
      next_recycled_ = (i + 1) % n;
      return recycled_[i];
    }
  }
  if (n >= kMaxRecycled) {
    std::shared_ptr<Alert>& slot = recycled_[next_recycled_];
    slot = new_alert();
    next_recycled_ = (next_recycled_ + 1) % n;
    return slot;
  }
  // The newest: just before the oldest, which stays next.
  auto at = recycled_.insert(recycled_.begin() + static_cast<std::ptrdiff_t>(next_recycled_), new_alert());
  next_recycled_ = (next_recycled_ + 1) % (n + 1);
  return *at;
}

AlertPtr RuleFormatter::format(const EventContext& ctx) const {
  std::shared_ptr<Alert> alert = recycled_alert();
  TextBuffer& line = line_;
  line.clear();
  time_->render(ctx, line);
  // evt.time's value carries the event time (value_render.h): the same as
  // evt.rawtime, without extracting that too
  const FieldOutput& time = time_->field_output(0);
  alert->ts = time.json != JsonFrom::Null ? time.values.front().u64 : extract_rawtime(*rawtime_, ctx, rawtime_values_);
  line.append(priority_text_);
  const size_t message_at = line.size();
  message_->render(ctx, line);
  alert->text_line.assign(line.data(), line.size());
  alert->escaped_text.clear();
  if (config_->json_output) {
    render_json(ctx, message_at, *alert);
  } else {
    alert->json.clear();
    if (priority_plain_ && time_->last_plain() && message_->last_plain())
      alert->escaped_text.assign(line.data(), line.size());
    else append_json_string_body(alert->escaped_text, line.view());  // escape_text_line, in place
  }
  return alert;
}

}  // namespace eg::output
