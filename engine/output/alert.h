// One alert, formatted once in the evaluation thread and then shared by every
// sink: the text line (§7.3) and the JSON document (§8) are both built here so
// sinks only pick the representation they deliver.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/loader/priority.h"

namespace eg::output {

struct Alert {
  std::string rule;
  Priority priority = Priority::Debug;
  std::string source = "syscall";
  uint64_t ts = 0;         // event time, ns since the epoch
  std::string text_line;     // "<TIME>: <Priority> <message>" (unescaped)
  std::string json;          // the JSON document (one line, no newline); empty without json_output
  std::string escaped_text;  // the escaped text line; empty with json_output
  // What line-oriented sinks deliver: the JSON document or the escaped text line.
  const std::string& line() const { return json.empty() ? escaped_text : json; }
};

using AlertPtr = std::shared_ptr<const Alert>;

// Master's escaping of the text line: JSON string-body escapes, invalid UTF-8
// replaced by U+FFFD, non-ASCII UTF-8 kept.
std::string escape_text_line(std::string_view line);

// "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ" (UTC), the JSON `time` member.
std::string json_time(uint64_t ts);
void append_json_time(std::string& out, uint64_t ts);
// The same written at `dst` (room for kJsonTimeSize bytes); returns its end.
inline constexpr size_t kJsonTimeSize = 34;
char* write_json_time(char* dst, uint64_t ts);
// `ts` in decimal (evt.time in output_fields), written at `dst` (room for
// kTimeIntegerSize bytes); returns its end.
inline constexpr size_t kTimeIntegerSize = 32;
char* write_time_integer(char* dst, uint64_t ts);

}  // namespace eg::output
