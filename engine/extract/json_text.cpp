// JSON text writers (see json_text.h).
//
// A string body is written as runs of bytes that need no escaping (found
// sixteen bytes at a time with SSE2 where the target has it, strings shorter
// than that eight bytes at a time in a 64-bit word, and the exact position of
// a byte to escape through a table), each run appended at once; between runs one escape
// or one UTF-8 sequence is written. The UTF-8 rules are nlohmann's decoder's
// (Hoehrmann's automaton, i.e. the well-formed byte sequences of Unicode
// table 3-7): a byte that cannot start or continue a sequence ends the
// sequence begun so far, which becomes one U+FFFD, and a continuation that
// broke a sequence is then read again as a start byte.
#include "engine/extract/json_text.h"

#include <array>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

namespace eg {
namespace {

// The escapes nlohmann prints for bytes below 0x20, '"' and '\\' (others
// below 0x20 as \u00xx, lower-case hex); 0 for bytes copied as they are.
// Bytes >= 0x80 are marked 'U' (UTF-8, validated by append_utf8).
constexpr std::array<char, 256> kEscape = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  for (int c = 0x80; c < 0x100; ++c) t[c] = 'U';
  return t;
}();

// Some byte of the word is >= 0x80, < 0x20, '"' or '\\' (exact as a yes/no
// answer; which byte is left to the byte loop).
bool word_needs_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  return ((w & kHighs) | ((w - kOnes * 0x20) & ~w & kHighs) | has_zero(w ^ (kOnes * '"')) |
          has_zero(w ^ (kOnes * '\\'))) != 0;
}

template <typename T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// A string shorter than 16 bytes needs no escaping: two overlapping loads
// cover it (most field values are this short and entirely plain).
bool short_plain(const char* p, size_t n) {
  if (n >= 8) return !word_needs_escape(load<uint64_t>(p)) && !word_needs_escape(load<uint64_t>(p + n - 8));
  if (n >= 4) return !word_needs_escape(load<uint32_t>(p) | uint64_t{load<uint32_t>(p + n - 4)} << 32);
  for (size_t i = 0; i < n; ++i)
    if (kEscape[static_cast<unsigned char>(p[i])] != 0) return false;
  return true;
}

#if defined(__SSE2__)
// Bit i set: byte i of the sixteen at p is escaped or UTF-8.
unsigned block_mask(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them too
  const __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  return static_cast<unsigned>(_mm_movemask_epi8(bad));
}
#endif

// Length of the leading run of `p[0..n)` that is printed unchanged.
size_t plain_run(const char* p, size_t n) {
  size_t i = 0;
  if (n < 16) {
    if (short_plain(p, n)) return n;
  }
#if defined(__SSE2__)
  else {
    for (; i + 16 <= n; i += 16)
      if (unsigned m = block_mask(p + i)) return i + static_cast<size_t>(__builtin_ctz(m));
    if (i == n) return n;
    // The last sixteen bytes (overlapping checked ones, which are plain).
    if (unsigned m = block_mask(p + n - 16)) return n - 16 + static_cast<size_t>(__builtin_ctz(m));
    return n;
  }
#endif
  while (i < n && kEscape[static_cast<unsigned char>(p[i])] == 0) ++i;
  return i;
}

template <typename Out>
void append_escape(Out& out, unsigned char c) {
  char e = kEscape[c];
  if (e != 'u') {
    const char two[2] = {'\\', e};
    out.append(two, 2);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  const char six[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
  out.append(six, 6);
}

// The well-formed UTF-8 sequences by lead byte: total length and the range
// of the second byte (later bytes are 0x80..0xBF); length 0: not a lead byte.
struct Utf8Lead {
  uint8_t length, low, high;
};
constexpr std::array<Utf8Lead, 256> kUtf8Lead = [] {
  std::array<Utf8Lead, 256> t{};
  for (int c = 0xC2; c <= 0xDF; ++c) t[c] = {2, 0x80, 0xBF};
  for (int c = 0xE1; c <= 0xEF; ++c) t[c] = {3, 0x80, 0xBF};
  t[0xE0] = {3, 0xA0, 0xBF};  // no overlong forms
  t[0xED] = {3, 0x80, 0x9F};  // no surrogates
  for (int c = 0xF1; c <= 0xF3; ++c) t[c] = {4, 0x80, 0xBF};
  t[0xF0] = {4, 0x90, 0xBF};  // no overlong forms
  t[0xF4] = {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return t;
}();

// Writes the sequence starting at p[0] (a byte >= 0x80): copied when well
// formed, else U+FFFD for the bytes read up to the one that broke it.
// Returns how many bytes were consumed.
template <typename Out>
size_t append_utf8(Out& out, const unsigned char* p, size_t n) {
  const Utf8Lead lead = kUtf8Lead[p[0]];
  size_t len = 1;
  if (lead.length != 0 && n > 1 && p[1] >= lead.low && p[1] <= lead.high) {
    len = 2;
    while (len < lead.length && len < n && p[len] >= 0x80 && p[len] <= 0xBF) ++len;
    if (len == lead.length) {
      out.append(reinterpret_cast<const char*>(p), len);
      return len;
    }
  }
  out.append("\xEF\xBF\xBD", 3);
  return len;
}

std::string nlohmann_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes the body of `s` through out.append(p, n); true when `s` was one
// plain run (copied unchanged, nothing escaped or replaced).
template <typename Out>
bool write_body(Out& out, std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  bool plain = true;
  while (n > 0) {
    size_t run = plain_run(p, n);
    out.append(p, run);
    p += run;
    n -= run;
    if (n == 0) return plain;
    plain = false;
    auto c = static_cast<unsigned char>(*p);
    size_t used = 1;
    if (c < 0x80) append_escape(out, c);
    else used = append_utf8(out, reinterpret_cast<const unsigned char*>(p), n);
    p += used;
    n -= used;
  }
  return plain;
}

// Appends to a buffer the caller made room in.
struct PointerOut {
  char* at;
  void append(const char* p, size_t n) {
    if (n != 0) std::memcpy(at, p, n);  // an empty view may have no data
    at += n;
  }
};

}  // namespace

void append_json_string_body(std::string& out, std::string_view s) { write_body(out, s); }

char* write_json_string_body(char* dst, std::string_view s, bool* plain) {
  PointerOut out{dst};
  const bool was_plain = write_body(out, s);
  if (plain) *plain = was_plain;
  return out.at;
}

bool json_plain(std::string_view s) { return plain_run(s.data(), s.size()) == s.size(); }

void append_json_string(std::string& out, std::string_view s) {
  if (s.size() < 16 && short_plain(s.data(), s.size())) {
    // most field values: the quoted string in one append
    char buf[17 + 1];
    buf[0] = '"';
    if (!s.empty()) std::memcpy(buf + 1, s.data(), s.size());  // an empty view may have no data
    buf[s.size() + 1] = '"';
    out.append(buf, s.size() + 2);
    return;
  }
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
