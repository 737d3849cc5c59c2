// Text-line escaping and the JSON time stamp (see alert.h).
#include "engine/output/alert.h"

#include <ctime>

#include <fmt/format.h>
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

std::string json_time(uint64_t ts) {
  time_t secs = static_cast<time_t>(ts / 1000000000ULL);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ts % 1000000000ULL);
}

}  // namespace eg::output
