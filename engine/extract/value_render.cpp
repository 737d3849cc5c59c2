// Falco's text and JSON rendering of field values (see value_render.h). The
// per-type rules mirror libsinsp's raw-value printer: decimal/id formats print
// numbers, hex is upper-case without 0x, "padded" is %09, doubles are %.1f, and
// addresses print as dotted quads or inet_ntop text.
#include "engine/extract/value_render.h"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "engine/extract/json_text.h"

namespace eg {
namespace {

constexpr std::array<std::string_view, 5> kTimeAsTextFields = {
    "evt.time", "evt.time.s", "evt.time.iso8601", "evt.datetime", "evt.datetime.s"};
constexpr std::array<std::string_view, 4> kIntegerJsonPrefixes = {
    "evt.rawtime", "evt.reltime", "evt.deltatime", "evt.latency"};

using render_detail::kTypeRender;
using render_detail::NumClass;

inline NumClass num_class(FieldType t) { return kTypeRender[static_cast<uint8_t>(t)].num; }

inline uint64_t unsigned_of_width(FieldType t, uint64_t v) {
  const unsigned bits = kTypeRender[static_cast<uint8_t>(t)].bits;
  return bits == 64 ? v : v & ((uint64_t{1} << bits) - 1);
}

inline int64_t signed_of_width(FieldType t, int64_t v) {
  switch (kTypeRender[static_cast<uint8_t>(t)].bits) {
    case 8: return static_cast<int8_t>(v);
    case 16: return static_cast<int16_t>(v);
    case 32: return static_cast<int32_t>(v);
    default: return v;
  }
}

void append_signed(std::string& out, FieldType t, int64_t raw, PrintFormat format) {
  char buf[32];
  int64_t v = signed_of_width(t, raw);
  // the raw bytes of the type's width, for the octal and hex forms
  const uint64_t bits = unsigned_of_width(t, static_cast<uint64_t>(v));
  switch (format) {
    case PrintFormat::Oct: std::snprintf(buf, sizeof buf, "%" PRIo64, bits); break;
    case PrintFormat::Hex: std::snprintf(buf, sizeof buf, "%" PRIX64, bits); break;
    case PrintFormat::Padded: std::snprintf(buf, sizeof buf, "%09" PRId64, v); break;
    default: out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr); return;
  }
  out += buf;
}

void append_unsigned(std::string& out, FieldType t, uint64_t raw, PrintFormat format) {
  char buf[32];
  uint64_t v = unsigned_of_width(t, raw);
  switch (format) {
    case PrintFormat::Oct: std::snprintf(buf, sizeof buf, "%" PRIo64, v); break;
    case PrintFormat::Hex: std::snprintf(buf, sizeof buf, "%" PRIX64, v); break;
    case PrintFormat::Padded: std::snprintf(buf, sizeof buf, "%09" PRIu64, v); break;
    default: out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr); return;
  }
  out += buf;
}

void append_ip(std::string& out, const IpAddress& ip) {
  char buf[INET6_ADDRSTRLEN];
  if (ip.family == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip.bytes[0], ip.bytes[1], ip.bytes[2], ip.bytes[3]);
    out += buf;
  } else if (ip.family == 6 && inet_ntop(AF_INET6, ip.bytes.data(), buf, sizeof buf) != nullptr) {
    out += buf;
  } else {
    out += kNoValueText;
  }
}

bool is_number_format(PrintFormat f) {
  return f == PrintFormat::Dec || f == PrintFormat::Id;
}

}  // namespace

RenderSpec render_spec(const FieldInfo& info) {
  RenderSpec spec;
  spec.format = info.format;
  spec.is_list = info.has(kFieldIsList);
  for (auto name : kTimeAsTextFields) {
    if (info.name == name) spec.json_time_as_integer = true;
  }
  for (auto prefix : kIntegerJsonPrefixes) {
    if (info.name.starts_with(prefix)) spec.json_integer_always = true;
  }
  if (info.name == "evt.count") spec.json_integer_always = true;
  // Falco renders the message before output_fields, and evt.deltatime* measure
  // the time since their previous extraction: in JSON they are always 0.
  if (info.name.starts_with("evt.deltatime")) spec.json_always_zero = true;
  return spec;
}

void append_printable_buffer(std::string& out, std::string_view bytes) {
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '.';
  }
}

void append_value_text(std::string& out, const FieldValue& v, PrintFormat format) {
  if (is_plain_string(v.type)) {  // most values: the string itself
    out += v.str;
    return;
  }
  switch (num_class(v.type)) {
    case NumClass::Signed: append_signed(out, v.type, v.i64, format); return;
    case NumClass::Unsigned: append_unsigned(out, v.type, v.u64, format); return;
    case NumClass::None: break;
  }
  switch (v.type) {
    case FieldType::BOOL: out += v.boolean ? "true" : "false"; return;
    case FieldType::DOUBLE: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f", v.dbl);
      out += buf;
      return;
    }
    case FieldType::IPV4ADDR: case FieldType::IPV6ADDR: case FieldType::IPADDR:
      append_ip(out, v.ip);
      return;
    case FieldType::IPV4NET: case FieldType::IPV6NET: case FieldType::IPNET:
      out += "<IPNET>";
      return;
    case FieldType::BYTEBUF:
      append_printable_buffer(out, v.str);
      return;
    default:
      // CHARBUF, FSPATH, FSRELPATH and anything string-like.
      out += v.str;
      return;
  }
}

nlohmann::json value_json(const FieldValue& v, PrintFormat format) {
  switch (num_class(v.type)) {
    case NumClass::Signed:
      if (is_number_format(format)) return signed_of_width(v.type, v.i64);
      break;
    case NumClass::Unsigned:
      if (is_number_format(format)) return unsigned_of_width(v.type, v.u64);
      break;
    case NumClass::None:
      if (v.type == FieldType::BOOL) return v.boolean;
      if (v.type == FieldType::DOUBLE) {
        if (format == PrintFormat::Dec) return static_cast<int64_t>(v.dbl);
        return v.dbl;
      }
      break;
  }
  std::string text;
  append_value_text(text, v, format);
  return text;
}

void append_text(std::string& out, const RenderSpec& spec, const FieldValues& values) {
  if (values.empty()) {
    out += kNoValueText;
    return;
  }
  if (spec.is_list) {
    out += '(';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out += ',';
      append_value_text(out, values[i], spec.format);
    }
    out += ')';
    return;
  }
  append_value_text(out, values.front(), spec.format);
}

std::string render_text(const RenderSpec& spec, const FieldValues& values) {
  std::string out;
  append_text(out, spec, values);
  return out;
}

std::string render_text(const FieldInfo& info, const FieldValues& values) {
  return render_text(render_spec(info), values);
}

nlohmann::json render_json(const RenderSpec& spec, const FieldValues& values) {
  if (values.empty()) return nullptr;
  if (spec.is_list) {
    auto arr = nlohmann::json::array();
    for (const auto& v : values) arr.push_back(value_json(v, spec.format));
    return arr;
  }
  const FieldValue& v = values.front();
  if (spec.json_time_as_integer) return v.u64;
  if (spec.json_always_zero) return 0;
  if (spec.json_integer_always) {
    if (num_class(v.type) == NumClass::Signed) return v.i64;
    if (num_class(v.type) == NumClass::Unsigned) return v.u64;
  }
  return value_json(v, spec.format);
}

// value_json() as text.
void append_value_json(std::string& out, const FieldValue& v, PrintFormat format) {
  if (is_plain_string(v.type)) return append_json_string(out, v.str);
  switch (num_class(v.type)) {
    case NumClass::Signed:
      if (is_number_format(format)) return append_json_int(out, signed_of_width(v.type, v.i64));
      break;
    case NumClass::Unsigned:
      if (is_number_format(format)) return append_json_uint(out, unsigned_of_width(v.type, v.u64));
      break;
    case NumClass::None:
      switch (v.type) {
        case FieldType::BOOL: out += v.boolean ? "true" : "false"; return;
        case FieldType::DOUBLE:
          if (format == PrintFormat::Dec) return append_json_int(out, static_cast<int64_t>(v.dbl));
          return append_json_double(out, v.dbl);
        case FieldType::IPV4ADDR: case FieldType::IPV6ADDR: case FieldType::IPADDR:
        case FieldType::IPV4NET: case FieldType::IPV6NET: case FieldType::IPNET: case FieldType::BYTEBUF:
          break;
        default:
          return append_json_string(out, v.str);  // the text is the string itself
      }
      break;
  }
  std::string text;
  append_value_text(text, v, format);
  append_json_string(out, text);
}

void append_json(std::string& out, const RenderSpec& spec, const FieldValues& values) {
  if (values.empty()) {
    out += "null";
    return;
  }
  if (spec.is_list) {
    out += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out += ',';
      append_value_json(out, values[i], spec.format);
    }
    out += ']';
    return;
  }
  const FieldValue& v = values.front();
  if (spec.json_time_as_integer) return append_json_uint(out, v.u64);
  if (spec.json_always_zero) {
    out += '0';
    return;
  }
  if (spec.json_integer_always) {
    if (num_class(v.type) == NumClass::Signed) return append_json_int(out, v.i64);
    if (num_class(v.type) == NumClass::Unsigned) return append_json_uint(out, v.u64);
  }
  append_value_json(out, v, spec.format);
}

bool json_is_text(const RenderSpec& spec, const FieldValues& values) {
  if (values.size() != 1 || spec.is_list || spec.json_time_as_integer || spec.json_always_zero ||
      spec.json_integer_always)
    return false;
  const FieldValue& v = values.front();
  if (v.type == FieldType::BOOL) return true;
  return num_class(v.type) != NumClass::None && is_number_format(spec.format);
}

nlohmann::json render_json(const FieldInfo& info, const FieldValues& values) {
  return render_json(render_spec(info), values);
}

}  // namespace eg
