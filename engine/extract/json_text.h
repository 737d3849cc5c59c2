// Writing JSON text directly into a string, byte-identical to what
// nlohmann::json's dump(-1, ' ', false, error_handler_t::replace) prints for
// the same value. Alerts are built on the hot path (one per rule match), and
// building an nlohmann document per alert only to serialize it at once costs
// more than the whole rest of an event; these helpers append the text instead.
//
// Strings are written in runs of bytes that need no escaping (nearly every
// field value is one run); control characters, '"', '\\' and UTF-8 are
// escaped, copied or replaced by U+FFFD exactly as nlohmann's serializer does
// (tests/unit/extract/json_text_test.cpp compares the two byte for byte).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace eg {

// `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);
// The body of that string, without the quotes.
void append_json_string_body(std::string& out, std::string_view s);
// The most bytes the body of an n-byte string takes (each byte a \u00xx).
constexpr size_t json_body_bound(size_t n) { return 6 * n; }
// The body written at `dst` (room for json_body_bound(s.size()) bytes); returns
// its end. `plain`, when given, tells whether `s` was copied unchanged (no
// byte below 0x20 or above 0x7F, no '"' or '\\'): the body is `s` itself.
char* write_json_string_body(char* dst, std::string_view s, bool* plain = nullptr);
// Whether the body of `s` is `s` itself (as `plain` above).
bool json_plain(std::string_view s);
// json_plain() of the n bytes at p, inline up to 32 bytes: alert formatting
// asks it of every string value it writes (up to sixteen bytes: two
// overlapping word loads and one vector compare; up to 32: two overlapping
// vector loads).
inline bool short_json_plain(const char* p, size_t n) {
#if defined(__SSE2__)
  auto plain16 = [](__m128i v) {
    // signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them too
    const __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    return _mm_movemask_epi8(bad) == 0;
  };
  if (n > 16) {
    if (n > 32) return json_plain(std::string_view(p, n));
    return plain16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) &&
           plain16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)));
  }
#else
  if (n > 16) return json_plain(std::string_view(p, n));
#endif
  uint64_t a, b;
  if (n >= 8) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    a = b = x | uint64_t{y} << 32;
  } else if (n > 0) {  // the three bytes cover the string; 'a' fills the rest
    a = b = 0x6161616161000000ULL | static_cast<unsigned char>(p[0]) |
            uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 | uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
  } else {
    return true;
  }
#if defined(__SSE2__)
  return plain16(_mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a)));
#else
  return json_plain(std::string_view(reinterpret_cast<const char*>(&a), 8)) &&
         json_plain(std::string_view(reinterpret_cast<const char*>(&b), 8));
#endif
}
void append_json_int(std::string& out, int64_t v);
void append_json_uint(std::string& out, uint64_t v);
void append_json_double(std::string& out, double v);

}  // namespace eg
