// Text-line escaping and the JSON time stamp (see alert.h).
#include "engine/output/alert.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "engine/extract/evt_time.h"
#include "engine/extract/json_text.h"

namespace eg::output {

std::string escape_text_line(std::string_view line) {
  // nlohmann's dump with the `replace` error handler is exactly a standard
  // JSON encoder: control characters escaped, invalid UTF-8 -> U+FFFD
  // (append_json_string_body prints what it prints, without its document).
  std::string out;
  out.reserve(line.size());
  append_json_string_body(out, line);
  return out;
}

namespace {

// Civil date of a day count since 1970-01-01 (the proleptic Gregorian
// calendar, as gmtime_r computes it; Howard Hinnant's days_from_civil inverse).
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

// "00" .. "99": the nanoseconds of every JSON alert are written two digits a step.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> t{};
  for (int i = 0; i < 100; ++i) {
    t[2 * i] = static_cast<char>('0' + i / 10);
    t[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

// v (below 10^9) as nine digits, zero-padded.
char* put_nine_digits(char* p, uint32_t v) {
  p[0] = static_cast<char>('0' + v / 100000000);
  const uint32_t low = v % 100000000, a = low / 10000, b = low % 10000;
  std::memcpy(p + 1, &kDigitPairs[2 * (a / 100)], 2);
  std::memcpy(p + 3, &kDigitPairs[2 * (a % 100)], 2);
  std::memcpy(p + 5, &kDigitPairs[2 * (b / 100)], 2);
  std::memcpy(p + 7, &kDigitPairs[2 * (b % 100)], 2);
  return p + 9;
}

// The text both time writers keep for the last second they saw, per thread.
struct SecondText {
  uint64_t secs = UINT64_MAX;
  char text[24] = {};
  size_t size = 0;
};

}  // namespace

char* write_json_time(char* dst, uint64_t ts) {
  // Called once per JSON alert: digits written directly (no gmtime_r/fmt),
  // the "YYYY-MM-DDTHH:MM:SS." part remembered per thread for the last second
  // (alerts come in bursts within one second).
  thread_local SecondText cache;
  const uint64_t secs = ts / 1000000000ULL;
  if (cache.secs != secs) {
    int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(static_cast<int64_t>(secs / 86400), year, month, day);
    const uint64_t sod = secs % 86400;
    char* p = put_digits(cache.text, static_cast<uint64_t>(year), 4);
    *p++ = '-';
    p = put_digits(p, month, 2);
    *p++ = '-';
    p = put_digits(p, day, 2);
    *p++ = 'T';
    p = put_digits(p, sod / 3600, 2);
    *p++ = ':';
    p = put_digits(p, sod / 60 % 60, 2);
    *p++ = ':';
    p = put_digits(p, sod % 60, 2);
    *p++ = '.';
    cache.size = static_cast<size_t>(p - cache.text);
    cache.secs = secs;
  }
  std::memcpy(dst, cache.text, cache.size);
  char* p = put_nine_digits(dst + cache.size, static_cast<uint32_t>(ts % 1000000000ULL));
  *p++ = 'Z';
  return p;
}

char* write_time_integer(char* dst, uint64_t ts) {
  // The digits of the seconds remembered per thread, as for the JSON time.
  thread_local SecondText cache;
  const uint64_t secs = ts / 1000000000ULL;
  if (secs == 0) return std::to_chars(dst, dst + kTimeIntegerSize, ts).ptr;  // no leading zeros
  if (cache.secs != secs) {
    cache.size = static_cast<size_t>(std::to_chars(cache.text, cache.text + sizeof cache.text, secs).ptr - cache.text);
    cache.secs = secs;
  }
  std::memcpy(dst, cache.text, 16);  // at most 11 digits
  return put_nine_digits(dst + cache.size, static_cast<uint32_t>(ts % 1000000000ULL));
}

void append_json_time(std::string& out, uint64_t ts) {
  char buf[kJsonTimeSize];
  out.append(buf, write_json_time(buf, ts));
}

std::string json_time(uint64_t ts) {
  std::string out;
  append_json_time(out, ts);
  return out;
}

}  // namespace eg::output
