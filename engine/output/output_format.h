// A rule output format compiled once at load time (language reference §7.1):
// literal text and `%` tokens, each token a field (longest field-name prefix,
// optional width) or a transformer over a field. Rendering an event gives the
// text (missing values as <NA>, since Falco always prefixes rule outputs with
// `*`) and, optionally, the JSON `output_fields` entries of its plain fields.
//
// Alerts render into a TextBuffer: each token knows at compile time whether
// it takes the short way (a field without width or transformer: its string
// or number written straight from the extracted value, with the literal
// after it in the same write) and each field remembers how its JSON follows
// from what was rendered (a copy of the text, the quoted text, the event
// time as an integer, null, or written from the values), so the JSON of an
// alert reuses its text instead of rendering every value a second time.
#pragma once

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/extract/extractor.h"
#include "engine/extract/value_render.h"
#include "engine/output/alert.h"
#include "engine/output/text_buffer.h"

namespace eg::output {

// One field occurrence: the extractor and how its values print.
struct FormatField {
  std::string key;  // canonical name: "proc.name", "proc.aname[2]", "evt.arg.res"
  const FieldInfo* info = nullptr;
  RenderSpec spec;
  std::shared_ptr<Extractor> extractor;
};

struct FormatToken {
  enum Kind { Literal, Field, Transformer } kind = Literal;
  std::string text;         // Literal
  int width = -1;           // Field/Transformer: pad/truncate to this many bytes
  size_t field = 0;         // index into fields() (Field; Transformer: its innermost field)
  std::vector<std::string> transformers;  // Transformer: outermost first
  bool yields_value = true;  // false for transformers rendered as <NA> (len, join, ...)
};

// How a field's JSON follows from its last extraction.
enum class JsonFrom : uint8_t {
  Null,         // no value
  Values,       // written from the values (append_json)
  Text,         // its text, as it is (a number in a decimal/id format, a boolean)
  QuotedText,   // its text as a JSON string (a string value)
  TimeInteger,  // the event time of the value (its u64) as an integer
};

// A field's last extraction: its values, where its text went in the buffer
// the format last rendered into, and how its JSON follows.
struct FieldOutput {
  FieldValues values;
  RenderSpec spec;
  uint32_t start = 0, size = 0;
  JsonFrom json = JsonFrom::Null;
};

// The JSON value of `f` at the end of `out`; `text` is the buffer the field
// was rendered into, `text_plain` whether all of it is json_plain() (then a
// string's JSON is its text between quotes). `scratch` holds values written
// the general way.
void append_field_json(TextBuffer& out, const FieldOutput& f, const char* text, bool text_plain, std::string& scratch);

// An output_fields member of one of the common kinds (a number's or a plain
// string's text, null, the event time) written at `at`, which has room for
// the key, the value's text and kMemberSlack more bytes; returns the end, or
// nullptr for the other kinds (append_field_json writes those). `key_open`
// is `"key":"` (after a comma from the second member on): the key and the
// quote a string value starts with.
inline constexpr size_t kMemberSlack = 40;
[[gnu::always_inline]] inline char* write_json_member(char* at, const PaddedText& key_open, const FieldOutput& f,
                                                     const char* text, bool text_plain) {
  const size_t k = key_open.size() - 1;  // without the quote
  const size_t n = f.size;
  switch (f.json) {
    case JsonFrom::QuotedText:
      if (!text_plain) return nullptr;
      copy_padded(at, key_open.data(), k + 1);
      copy_bytes(at + k + 1, text + f.start, n);
      at[k + 1 + n] = '"';
      return at + k + n + 2;
    case JsonFrom::Text:
      copy_padded(at, key_open.data(), k);
      copy_bytes(at + k, text + f.start, n);
      return at + k + n;
    case JsonFrom::Null:
      copy_padded(at, key_open.data(), k);
      std::memcpy(at + k, "null", 4);
      return at + k + 4;
    case JsonFrom::TimeInteger:
      copy_padded(at, key_open.data(), k);
      return write_time_integer(at + k, f.values.front().u64);
    case JsonFrom::Values:
      break;
  }
  return nullptr;
}

class OutputFormat {
 public:
  // Compiles `format`. A leading `*` is consumed; `%container.info` is
  // removed. Returns nullopt and sets `error` on an invalid format.
  static std::optional<OutputFormat> compile(std::string_view format, std::string* error);

  // Renders the text (missing values as <NA>) at the end of `out`. Each
  // field's values and where its text went (field_output()) stay until the
  // next render.
  void render(const EventContext& ctx, TextBuffer& out) const;
  // The last extraction of field `i`; the object stays where it is for the
  // life of the format, so callers may keep pointers to it.
  const FieldOutput& field_output(size_t i) const { return state_[i]; }
  // Whether all the text the last render() wrote is json_plain() (each value
  // is checked as it is written, the literals once at compile time): its
  // JSON string body is then the text itself.
  bool last_plain() const { return last_plain_; }

  // render() appended to a string (through a buffer of the format).
  void render_text(const EventContext& ctx, std::string& out) const;
  // Adds the output_fields entries (plain fields and transformer inner fields).
  void render_fields(const EventContext& ctx, nlohmann::json& fields) const;
  // The JSON value of field `i` (what render_fields puts under its key) from
  // the extraction of the last render_text() or render(), written as text: an
  // alert extracts each field once for both its text and its JSON. The
  // buffer of that render must still hold what it wrote.
  void append_field_json(size_t i, std::string& out) const;

  const std::vector<FormatToken>& tokens() const { return tokens_; }
  const std::vector<FormatField>& fields() const { return fields_; }
  bool field_in_json(size_t i) const { return field_in_json_[i]; }

 private:
  // A Field or Transformer token as rendering walks it, with the literal
  // text that follows it.
  struct Step {
    Extractor* extractor = nullptr;  // the field's (null: a transformer without value)
    uint32_t field = 0, token = 0;
    // A field without width or transformer, of a scalar field: rendered
    // straight from its value; the kinds of JSON that then follow.
    bool simple = false;
    PrintFormat format = PrintFormat::Na;
    JsonFrom string_json = JsonFrom::Values, number_json = JsonFrom::Values, values_json = JsonFrom::Values;
    // A simple step of a text field whose JSON is its quoted text: the
    // field's plain text function (Extractor::text_access), called instead
    // of extracting a value vector.
    TextAccess text;
    PaddedText suffix;
  };

  size_t add_field(const FieldPrefixMatch& m, std::string_view text, std::string* error);
  bool parse_token(std::string_view& rest, std::string* error);
  bool parse_transformer(std::string_view& rest, FormatToken& tok, std::string* error);
  void plan_steps();
  [[gnu::always_inline]] inline void render_simple(const EventContext& ctx, const Step& step, TextBuffer& out) const;
  [[gnu::always_inline]] inline void render_no_value(FieldOutput& st, const PaddedText& suffix, TextBuffer& out) const;
  [[gnu::always_inline]] inline void render_string(FieldOutput& st, std::string_view str, const Step& step,
                                                   TextBuffer& out) const;
  // Any other token: extracts its field and appends its text.
  void render_token(const EventContext& ctx, const Step& step, TextBuffer& out) const;
  void render_general(const FormatToken& tok, bool have, TextBuffer& out) const;

  std::vector<FormatToken> tokens_;
  std::vector<FormatField> fields_;
  std::vector<bool> field_in_json_;
  PaddedText lead_;  // the literal before the first field
  bool literals_plain_ = true;
  std::vector<Step> steps_;
  mutable FieldValues scratch_;
  mutable std::vector<FieldOutput> state_;  // per field
  mutable const TextBuffer* last_out_ = nullptr;
  mutable bool last_plain_ = true;
  mutable TextBuffer own_;       // render_text()'s
  mutable std::string general_;  // text of a token rendered the general way
};

// Applies a text transformer to a rendered string; false when the transformer
// produces no value for it (b64 of undecodable input) or is unknown.
bool apply_text_transformer(std::string_view name, std::string& value);

}  // namespace eg::output
