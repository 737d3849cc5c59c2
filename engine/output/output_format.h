// A rule output format compiled once at load time (language reference §7.1):
// literal text and `%` tokens, each token a field (longest field-name prefix,
// optional width) or a transformer over a field. Rendering an event gives the
// text (missing values as <NA>, since Falco always prefixes rule outputs with
// `*`) and, optionally, the JSON `output_fields` entries of its plain fields.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/extract/extractor.h"
#include "engine/extract/value_render.h"

namespace eg::output {

// One field occurrence: the extractor and how its values print.
struct FormatField {
  std::string key;  // canonical name: "proc.name", "proc.aname[2]", "evt.arg.res"
  const FieldInfo* info = nullptr;
  RenderSpec spec;
  std::shared_ptr<Extractor> extractor;
  // The field's JSON can be its text (json_is_text() may hold): a scalar
  // number in a decimal/id format or a boolean, without a JSON special case.
  bool json_may_be_text = false;
};

struct FormatToken {
  enum Kind { Literal, Field, Transformer } kind = Literal;
  std::string text;         // Literal
  int width = -1;           // Field/Transformer: pad/truncate to this many bytes
  size_t field = 0;         // index into fields() (Field; Transformer: its innermost field)
  std::vector<std::string> transformers;  // Transformer: outermost first
  bool yields_value = true;  // false for transformers rendered as <NA> (len, join, ...)
};

class OutputFormat {
 public:
  // Compiles `format`. A leading `*` is consumed; `%container.info` is
  // removed. Returns nullopt and sets `error` on an invalid format.
  static std::optional<OutputFormat> compile(std::string_view format, std::string* error);

  // Renders the text (missing values as <NA>). Each field's values stay
  // available to append_field_json() until the next render_text().
  void render_text(const EventContext& ctx, std::string& out) const;
  // Adds the output_fields entries (plain fields and transformer inner fields).
  void render_fields(const EventContext& ctx, nlohmann::json& fields) const;
  // The JSON value of field `i` (what render_fields puts under its key) from
  // the extraction of the last render_text(), written as text: an alert
  // extracts each field once for both its text and its JSON. Where the JSON
  // is the text itself (numbers, booleans), it is copied from the string the
  // last render_text() wrote to, which must still hold it.
  void append_field_json(size_t i, std::string& out) const;

  const std::vector<FormatToken>& tokens() const { return tokens_; }
  const std::vector<FormatField>& fields() const { return fields_; }
  bool field_in_json(size_t i) const { return field_in_json_[i]; }

 private:
  size_t add_field(const FieldPrefixMatch& m, std::string_view text, std::string* error);
  bool parse_token(std::string_view& rest, std::string* error);
  bool parse_transformer(std::string_view& rest, FormatToken& tok, std::string* error);
  // One Field or Transformer token: extracts its field and appends its text.
  void render_token(const EventContext& ctx, const FormatToken& tok, std::string& out) const;

  std::vector<FormatToken> tokens_;
  std::vector<FormatField> fields_;
  std::vector<bool> field_in_json_;
  mutable FieldValues scratch_;
  mutable std::vector<FieldValues> values_;  // per field: its last extraction
  mutable std::vector<char> have_;           // per field: that extraction had a value
  // Per field: where render_text() wrote the text of its last extraction when
  // that text is also its JSON (size 0: it is not).
  struct TextSpan {
    const std::string* text = nullptr;
    size_t start = 0, size = 0;
  };
  mutable std::vector<TextSpan> text_at_;
};

// Applies a text transformer to a rendered string; false when the transformer
// produces no value for it (b64 of undecodable input) or is unknown.
bool apply_text_transformer(std::string_view name, std::string& value);

}  // namespace eg::output
