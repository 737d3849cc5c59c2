// Text and JSON rendering of extracted field values, exactly as Falco prints
// them in alert text (`%field`) and in JSON `output_fields`.
//
// Rendering depends only on the values (each carries its own type), the print
// format of the field and, for a handful of event-time fields, the field name:
// Falco prints `evt.time` as a clock string but puts integer nanoseconds in JSON,
// and the zero-padded `evt.*time.ns` fields are JSON integers. Extractors of the
// time-as-text fields therefore return a CHARBUF value whose `u64` also holds the
// event timestamp.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fields/field_registry.h"
#include "fields/field_value.h"

namespace eg {

inline constexpr std::string_view kNoValueText = "<NA>";

// How one extraction is rendered: the field's print format, whether it is a
// list field, and the JSON special cases of the field (by name).
struct RenderSpec {
  PrintFormat format = PrintFormat::Na;
  bool is_list = false;
  bool json_time_as_integer = false;    // evt.time, evt.time.s, evt.time.iso8601, evt.datetime*
  bool json_integer_always = false;     // evt.rawtime*, evt.reltime*, evt.deltatime*, evt.latency*
  bool json_always_zero = false;        // evt.deltatime* (second extraction of the same event)
};
RenderSpec render_spec(const FieldInfo& info);

// One value as text ("%u", "%X", "%.1f", "true", dotted quad, ...), appended to `out`.
void append_value_text(std::string& out, const FieldValue& v, PrintFormat format);
// One value as JSON (numbers for decimal/id formats, strings for hex/octal/padded).
nlohmann::json value_json(const FieldValue& v, PrintFormat format);

// A whole extraction as Falco's text: "<NA>" for no value, "(a,b)" for lists.
std::string render_text(const RenderSpec& spec, const FieldValues& values);
void append_text(std::string& out, const RenderSpec& spec, const FieldValues& values);
std::string render_text(const FieldInfo& info, const FieldValues& values);
// A whole extraction as Falco's JSON value: null for no value, arrays for lists.
nlohmann::json render_json(const RenderSpec& spec, const FieldValues& values);
nlohmann::json render_json(const FieldInfo& info, const FieldValues& values);
// render_json() written as JSON text (what nlohmann's dump prints), without
// building the document; value_json() likewise.
void append_json(std::string& out, const RenderSpec& spec, const FieldValues& values);
void append_value_json(std::string& out, const FieldValue& v, PrintFormat format);
// True when append_json() writes exactly what append_text() writes for the
// same values (one integer in a decimal/id format, or a boolean): the JSON
// can then be copied from the text already rendered.
bool json_is_text(const RenderSpec& spec, const FieldValues& values);

// Types whose value is the string itself, in text (and, escaped, in JSON).
inline bool is_plain_string(FieldType t) {
  return t == FieldType::CHARBUF || t == FieldType::FSPATH || t == FieldType::FSRELPATH;
}
// The text of an integer in a decimal/id format or of a boolean, written at
// `dst` (room for kShortValueText bytes); returns its end, or nullptr for any
// other value. That text is also the value's JSON (json_is_text).
inline constexpr size_t kShortValueText = 24;
char* write_short_value_text(char* dst, const FieldValue& v, PrintFormat format);

// Binary buffer text as Falco prints BYTEBUF values by default: printable ASCII
// kept, every other byte as '.'.
void append_printable_buffer(std::string& out, std::string_view bytes);

}  // namespace eg
