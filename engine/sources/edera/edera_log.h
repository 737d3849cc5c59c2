// Log lines of the Edera zone source on stderr, all prefixed "Edera: " so a
// user (and the tests) can pick them out of Falco-style output. Lines are
// written whole (one call each), so threads never interleave within a line.
// Noisy per-event problems go through RateLimitedLog.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace eg::edera {

void write_log_line(const std::string& text);  // appends '\n', prefixes "Edera: "

template <typename... Args>
void log(fmt::format_string<Args...> f, Args&&... args) {
  write_log_line(fmt::format(f, std::forward<Args>(args)...));
}

// Logs the first `burst` occurrences, then one in every `every` (saying how
// many were suppressed), so a flood of bad events cannot flood the log.
class RateLimitedLog {
 public:
  explicit RateLimitedLog(uint64_t burst = 10, uint64_t every = 10000) : burst_(burst), every_(every) {}
  // True when occurrence number `n` (1-based, from the caller's counter) is logged.
  bool should_log(uint64_t n) const { return n <= burst_ || n % every_ == 0; }

 private:
  uint64_t burst_, every_;
};

}  // namespace eg::edera
