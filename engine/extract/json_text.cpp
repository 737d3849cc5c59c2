// JSON text writers (see json_text.h).
#include "engine/extract/json_text.h"

#include <charconv>
#include <cstring>

#include <nlohmann/json.hpp>

namespace eg {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// Some byte of `w` is below n (n <= 128), or is zero: exact as a yes/no answer.
constexpr uint64_t has_less(uint64_t w, uint64_t n) { return (w - kOnes * n) & ~w & kHighs; }
constexpr uint64_t has_zero(uint64_t w) { return (w - kOnes) & ~w & kHighs; }

bool plain_byte(unsigned char u) { return u >= 0x20 && u < 0x80 && u != '"' && u != '\\'; }

// True when nlohmann would print `s` unchanged between the quotes: eight
// bytes at a time (no byte >= 0x80, < 0x20, '"' or '\\'), then the rest.
bool plain_ascii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if ((w & kHighs) | has_less(w, 0x20) | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\')))
      return false;
  }
  for (; n > 0; ++p, --n)
    if (!plain_byte(static_cast<unsigned char>(*p))) return false;
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
