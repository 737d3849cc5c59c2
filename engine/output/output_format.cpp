// Compiling and rendering rule output formats (see output_format.h).
//
// The tokenizer follows Falco's formatter: after `%` an optional width, then
// the longest prefix of the remaining text that is a field expression (or a
// transformer call); literal text continues right after it.
#include "engine/output/output_format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "engine/compiler/transformer_extractors.h"
#include "engine/extract/json_text.h"
#include "engine/output/alert.h"

namespace eg::output {
namespace {

// Transformers allowed in outputs: the first four transform a value, the
// others render as <NA> and contribute no output field (as in the reference).
struct TransformerSpec {
  std::string_view name;
  bool yields_value;
};
constexpr std::array<TransformerSpec, 8> kTransformers{{
    {"toupper", true}, {"tolower", true}, {"b64", true}, {"basename", true},
    {"len", false}, {"join", false}, {"concat", false}, {"getopt", false},
}};

const TransformerSpec* find_transformer(std::string_view name) {
  for (const auto& t : kTransformers)
    if (t.name == name) return &t;
  return nullptr;
}

size_t identifier_length(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_')) ++n;
  return n;
}

void skip_blanks(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
}

std::string strip_quotes(const std::string& arg) {
  if (arg.size() >= 2 && (arg.front() == '"' || arg.front() == '\'') && arg.back() == arg.front())
    return arg.substr(1, arg.size() - 2);
  return arg;
}

std::string canonical_key(const FieldPrefixMatch& m, const std::string& bracket) {
  std::string key(m.info->name);
  if (m.dotted_arg) return key + "." + *m.dotted_arg;
  if (m.bracket_arg) {
    if (bracket.empty()) return key + "[\"\"]";
    return key + "[" + bracket + "]";
  }
  return key;
}

FormatToken literal_token(std::string text) {
  FormatToken t;
  t.text = std::move(text);
  return t;
}

void apply_width(std::string& value, int width) {
  if (width <= 0) return;
  size_t w = static_cast<size_t>(width);
  if (value.size() > w) value.resize(w);
  else value.append(w - value.size(), ' ');
}

}  // namespace

bool apply_text_transformer(std::string_view name, std::string& value) {
  if (name == "toupper") {
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
    return true;
  }
  if (name == "tolower") {
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    return true;
  }
  if (name == "basename") {
    size_t slash = value.rfind('/');
    if (slash != std::string::npos) value = value.substr(slash + 1);
    return true;
  }
  if (name == "b64") {
    std::string decoded;
    if (!base64_decode(value, decoded)) return false;
    value = std::move(decoded);
    return true;
  }
  return false;
}

size_t OutputFormat::add_field(const FieldPrefixMatch& m, std::string_view text, std::string* error) {
  std::string bracket = m.bracket_arg ? strip_quotes(*m.bracket_arg) : std::string();
  std::string key = canonical_key(m, bracket);
  for (size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].key == key) return i;
  ExtractorRequest req;
  req.info = m.info;
  if (m.dotted_arg) req.arg = *m.dotted_arg;
  if (m.bracket_arg) req.arg = bracket;
  std::string err;
  std::unique_ptr<Extractor> ex = make_extractor(req, &err);
  if (!ex) {
    if (error) *error = err.empty() ? fmt::format("invalid formatting token {}", text) : err;
    return SIZE_MAX;
  }
  FormatField f;
  f.key = key;
  f.info = m.info;
  f.spec = render_spec(*m.info);
  f.extractor = std::move(ex);
  FieldOutput state;
  state.spec = f.spec;
  fields_.push_back(std::move(f));
  field_in_json_.push_back(false);
  state_.push_back(std::move(state));
  return fields_.size() - 1;
}

bool OutputFormat::parse_transformer(std::string_view& rest, FormatToken& tok, std::string* error) {
  // rest starts at "name(".
  while (true) {
    size_t n = identifier_length(rest);
    const TransformerSpec* t = n ? find_transformer(rest.substr(0, n)) : nullptr;
    if (!t || n >= rest.size() || rest[n] != '(') break;
    tok.transformers.emplace_back(t->name);
    tok.yields_value = tok.yields_value && t->yields_value;
    rest.remove_prefix(n + 1);
    skip_blanks(rest);
  }
  if (!tok.yields_value) {
    // arguments are not rendered: skip to the matching parentheses
    size_t depth = tok.transformers.size();
    size_t i = 0;
    for (; i < rest.size() && depth > 0; ++i) {
      if (rest[i] == '(') ++depth;
      else if (rest[i] == ')') --depth;
    }
    if (depth > 0) {
      if (error) *error = "unknown filter: unexpected token after '";
      return false;
    }
    rest.remove_prefix(i);
    return true;
  }
  FieldPrefixMatch m = match_field_prefix(rest);
  if (!m.info) {
    if (error) *error = "unknown filter: unexpected token after '";
    return false;
  }
  size_t idx = add_field(m, rest.substr(0, m.length), error);
  if (idx == SIZE_MAX) return false;
  tok.field = idx;
  field_in_json_[idx] = true;
  rest.remove_prefix(m.length);
  for (size_t k = 0; k < tok.transformers.size(); ++k) {
    skip_blanks(rest);
    if (rest.empty() || rest.front() != ')') {
      if (error) *error = "unknown filter: unexpected token after '";
      return false;
    }
    rest.remove_prefix(1);
  }
  return true;
}

bool OutputFormat::parse_token(std::string_view& rest, std::string* error) {
  // rest starts right after '%'
  FormatToken tok;
  size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits) tok.width = std::stoi(std::string(rest.substr(0, digits)));
  rest.remove_prefix(digits);
  if (rest.empty()) {
    if (error) *error = "empty formatting token";
    return false;
  }
  size_t ident = identifier_length(rest);
  if (ident && ident < rest.size() && rest[ident] == '(' && find_transformer(rest.substr(0, ident))) {
    tok.kind = FormatToken::Transformer;
    if (!parse_transformer(rest, tok, error)) return false;
    tokens_.push_back(std::move(tok));
    return true;
  }
  FieldPrefixMatch m = match_field_prefix(rest);
  if (!m.info) {
    if (error) *error = "unknown filter: unexpected token after '";
    return false;
  }
  size_t idx = add_field(m, rest.substr(0, m.length), error);
  if (idx == SIZE_MAX) return false;
  tok.kind = FormatToken::Field;
  tok.field = idx;
  field_in_json_[idx] = true;
  rest.remove_prefix(m.length);
  tokens_.push_back(std::move(tok));
  return true;
}

std::optional<OutputFormat> OutputFormat::compile(std::string_view format, std::string* error) {
  std::string text(format);
  for (size_t at; (at = text.find("%container.info")) != std::string::npos;) text.erase(at, 15);
  std::string_view rest(text);
  if (!rest.empty() && rest.front() == '*') rest.remove_prefix(1);
  OutputFormat f;
  std::string literal;
  while (!rest.empty()) {
    char c = rest.front();
    rest.remove_prefix(1);
    if (c != '%') {
      literal.push_back(c);
      continue;
    }
    if (!literal.empty()) f.tokens_.push_back(literal_token(std::move(literal)));
    literal.clear();
    if (!f.parse_token(rest, error)) return std::nullopt;
  }
  if (!literal.empty()) f.tokens_.push_back(literal_token(std::move(literal)));
  f.plan_steps();
  return f;
}

void OutputFormat::plan_steps() {
  for (size_t t = 0; t < tokens_.size(); ++t) {
    const FormatToken& tok = tokens_[t];
    if (tok.kind == FormatToken::Literal) {  // literals never follow each other
      (steps_.empty() ? lead_ : steps_.back().suffix) = PaddedText(tok.text);
      literals_plain_ = literals_plain_ && json_plain(tok.text);
      continue;
    }
    Step s;
    s.token = static_cast<uint32_t>(t);
    if (tok.yields_value) {
      const FormatField& f = fields_[tok.field];
      s.extractor = f.extractor.get();
      s.field = static_cast<uint32_t>(tok.field);
      s.simple = tok.kind == FormatToken::Field && tok.width <= 0 && !f.spec.is_list;
      s.format = f.spec.format;
      // A scalar without a JSON special case: a string's JSON is its text
      // quoted, a decimal/id number's or boolean's the text itself.
      const bool from_text = !f.spec.is_list && !f.spec.json_time_as_integer && !f.spec.json_always_zero &&
                             !f.spec.json_integer_always;
      s.values_json = !f.spec.is_list && f.spec.json_time_as_integer ? JsonFrom::TimeInteger : JsonFrom::Values;
      s.string_json = from_text ? JsonFrom::QuotedText : s.values_json;
      s.number_json = from_text ? JsonFrom::Text : s.values_json;
      if (s.simple && from_text) {
        const TextAccess text = f.extractor->text_access();
        if (text.fn != nullptr && is_plain_string(text.type)) s.text = text;
      }
    }
    steps_.push_back(std::move(s));
  }
}

inline void OutputFormat::render_no_value(FieldOutput& st, const PaddedText& suffix, TextBuffer& out) const {
  st.json = JsonFrom::Null;
  char* at = out.room(kNoValueText.size() + suffix.size());
  std::memcpy(at, kNoValueText.data(), kNoValueText.size());
  copy_padded(at + kNoValueText.size(), suffix.data(), suffix.size());
  out.commit(at + kNoValueText.size() + suffix.size());
}

inline void OutputFormat::render_string(FieldOutput& st, std::string_view str, const Step& step,
                                        TextBuffer& out) const {
  const PaddedText& suffix = step.suffix;
  const size_t start = out.size();
  char* at = out.room(str.size() + suffix.size());
  copy_bytes(at, str.data(), str.size());
  if (last_plain_) last_plain_ = short_json_plain(str.data(), str.size());
  copy_padded(at + str.size(), suffix.data(), suffix.size());
  out.commit(at + str.size() + suffix.size());
  st.start = static_cast<uint32_t>(start);
  st.size = static_cast<uint32_t>(str.size());
  st.json = step.string_json;
}

inline void OutputFormat::render_simple(const EventContext& ctx, const Step& step, TextBuffer& out) const {
  FieldOutput& st = state_[step.field];
  st.values.clear();
  const PaddedText& suffix = step.suffix;
  if (step.text.fn != nullptr) {  // a text field: its text, without a value vector
    std::string_view str;
    if (!step.text.fn(ctx, *step.text.scratch, str)) return render_no_value(st, suffix, out);
    return render_string(st, str, step, out);
  }
  if (!step.extractor->extract(ctx, st.values)) return render_no_value(st, suffix, out);
  const FieldValue& v = st.values.front();
  const size_t start = out.size();
  if (is_plain_string(v.type)) return render_string(st, v.str, step, out);  // most values: the string itself
  char* at = out.room(kShortValueText + suffix.size());
  if (char* end = write_short_value_text(at, v, step.format)) {
    copy_padded(end, suffix.data(), suffix.size());
    out.commit(end + suffix.size());
    st.start = static_cast<uint32_t>(start);
    st.size = static_cast<uint32_t>(end - at);
    st.json = step.number_json;
    return;
  }
  st.json = step.values_json;
  render_general(tokens_[step.token], true, out);
  out.append(suffix);
}

void OutputFormat::render_token(const EventContext& ctx, const Step& step, TextBuffer& out) const {
  const FormatToken& tok = tokens_[step.token];
  bool have = false;
  if (step.extractor) {
    FieldOutput& st = state_[step.field];
    st.values.clear();
    have = step.extractor->extract(ctx, st.values);
    st.json = have ? step.values_json : JsonFrom::Null;
  }
  render_general(tok, have, out);
  out.append(step.suffix);
}

void OutputFormat::render(const EventContext& ctx, TextBuffer& out) const {
  last_out_ = &out;
  last_plain_ = literals_plain_;
  out.append(lead_);
  for (const Step& step : steps_) {
    if (step.simple) render_simple(ctx, step, out);
    else render_token(ctx, step, out);
  }
}

void OutputFormat::render_text(const EventContext& ctx, std::string& out) const {
  own_.clear();
  render(ctx, own_);
  out.append(own_.view());
}

void OutputFormat::render_general(const FormatToken& tok, bool have, TextBuffer& out) const {
  std::string& value = general_;
  value.clear();
  if (have) {
    append_text(value, fields_[tok.field].spec, state_[tok.field].values);
    // transformers apply innermost first
    for (auto it = tok.transformers.rbegin(); have && it != tok.transformers.rend(); ++it)
      have = apply_text_transformer(*it, value);
  }
  if (!have) value.assign(kNoValueText);
  apply_width(value, tok.width);
  out.append(value);
  if (last_plain_) last_plain_ = json_plain(value);
}

void OutputFormat::render_fields(const EventContext& ctx, nlohmann::json& out) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!field_in_json_[i]) continue;
    const FormatField& f = fields_[i];
    scratch_.clear();
    if (f.extractor->extract(ctx, scratch_))
      out[f.key] = eg::render_json(f.spec, scratch_);
    else
      out[f.key] = nullptr;
  }
}

void append_field_json(TextBuffer& out, const FieldOutput& f, const char* text, bool text_plain, std::string& scratch) {
  switch (f.json) {
    case JsonFrom::Null:
      out.append("null", 4);
      return;
    case JsonFrom::Text:
      out.append(text + f.start, f.size);
      return;
    case JsonFrom::QuotedText: {
      const std::string_view value(text + f.start, f.size);
      char* at = out.room((text_plain ? value.size() : json_body_bound(value.size())) + 2);
      *at++ = '"';
      if (text_plain) {
        copy_bytes(at, value.data(), value.size());
        at += value.size();
      } else {
        at = write_json_string_body(at, value);
      }
      *at++ = '"';
      out.commit(at);
      return;
    }
    case JsonFrom::TimeInteger:
      out.commit(write_time_integer(out.room(kTimeIntegerSize), f.values.front().u64));
      return;
    case JsonFrom::Values:
      scratch.clear();
      append_json(scratch, f.spec, f.values);
      out.append(scratch);
      return;
  }
}

void OutputFormat::append_field_json(size_t i, std::string& out) const {
  TextBuffer json;
  std::string scratch;
  const char* text = last_out_ ? last_out_->data() : nullptr;
  output::append_field_json(json, state_[i], text, last_out_ != nullptr && json_plain(last_out_->view()), scratch);
  out.append(json.view());
}

}  // namespace eg::output
