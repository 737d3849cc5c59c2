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

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
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
namespace render_detail {

enum class NumClass : uint8_t { None, Signed, Unsigned };

// Per field type: number class and the width values print with (values are
// stored widened; libsinsp reads the raw bytes with the type's size). A table
// because every rendered value asks.
struct TypeRender {
  NumClass num = NumClass::None;
  uint8_t bits = 64;
};
inline constexpr std::array<TypeRender, 256> kTypeRender = [] {
  std::array<TypeRender, 256> t{};
  using T = FieldType;
  auto set = [&t](T type, NumClass c, uint8_t bits) { t[static_cast<uint8_t>(type)] = {c, bits}; };
  for (T x : {T::INT64, T::PID, T::FD, T::ERRNO}) set(x, NumClass::Signed, 64);
  for (T x : {T::INT32, T::FD32, T::PID32}) set(x, NumClass::Signed, 32);
  set(T::INT16, NumClass::Signed, 16);
  set(T::INT8, NumClass::Signed, 8);
  for (T x : {T::UINT64, T::RELTIME, T::ABSTIME, T::SYSCALLID, T::SIGTYPE}) set(x, NumClass::Unsigned, 64);
  for (T x : {T::UINT32, T::FLAGS32, T::ENUMFLAGS32, T::UID, T::GID, T::MODE}) set(x, NumClass::Unsigned, 32);
  for (T x : {T::UINT16, T::PORT, T::FLAGS16, T::ENUMFLAGS16}) set(x, NumClass::Unsigned, 16);
  for (T x : {T::UINT8, T::L4PROTO, T::FLAGS8, T::ENUMFLAGS8}) set(x, NumClass::Unsigned, 8);
  return t;
}();

inline char* write_decimal(char* p, uint64_t v) {
  if (v < 10) {  // 0, 1, ...: many ids and flags
    *p = static_cast<char>('0' + v);
    return p + 1;
  }
  return std::to_chars(p, p + 20, v).ptr;
}

}  // namespace render_detail

// The text of an integer in a decimal/id format or of a boolean, written at
// `dst` (room for kShortValueText bytes); returns its end, or nullptr for any
// other value. That text is also the value's JSON (json_is_text). Inline:
// alert formatting writes every such value with it.
inline constexpr size_t kShortValueText = 24;
inline char* write_short_value_text(char* dst, const FieldValue& v, PrintFormat format) {
  using namespace render_detail;
  const TypeRender t = kTypeRender[static_cast<uint8_t>(v.type)];
  if (t.num != NumClass::None) {
    if (format != PrintFormat::Dec && format != PrintFormat::Id) return nullptr;
    const unsigned drop = 64u - t.bits;  // the value has the type's width
    if (t.num == NumClass::Unsigned) return write_decimal(dst, drop == 0 ? v.u64 : v.u64 & (~uint64_t{0} >> drop));
    const int64_t x = drop == 0 ? v.i64 : static_cast<int64_t>(v.u64 << drop) >> drop;
    if (x >= 0) return write_decimal(dst, static_cast<uint64_t>(x));
    *dst = '-';
    return write_decimal(dst + 1, uint64_t{0} - static_cast<uint64_t>(x));
  }
  if (v.type != FieldType::BOOL) return nullptr;
  if (v.boolean) {
    std::memcpy(dst, "true", 4);
    return dst + 4;
  }
  std::memcpy(dst, "false", 5);
  return dst + 5;
}

// Binary buffer text as Falco prints BYTEBUF values by default: printable ASCII
// kept, every other byte as '.'.
void append_printable_buffer(std::string& out, std::string_view bytes);

}  // namespace eg
