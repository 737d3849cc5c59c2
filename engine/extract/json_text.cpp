// JSON text writers (see json_text.h).
#include "engine/extract/json_text.h"

#include <charconv>

#include <nlohmann/json.hpp>

namespace eg {
namespace {

// True when nlohmann would print `s` unchanged between the quotes.
bool plain_ascii(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

std::string nlohmann_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void append_json_string_body(std::string& out, std::string_view s) {
  if (plain_ascii(s)) {
    out.append(s);
    return;
  }
  std::string quoted = nlohmann_dump(nlohmann::json(std::string(s)));
  out.append(quoted, 1, quoted.size() - 2);
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_string_body(out, s);
  out += '"';
}

void append_json_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_json_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_json_double(std::string& out, double v) { out += nlohmann_dump(nlohmann::json(v)); }

}  // namespace eg
