// Escaping rules of quoted strings in Falco conditions.
//
// Unescaping turns the raw text of a quoted token (including its quotes) into
// the value the check compares with; escaping is the inverse used when an AST
// is printed (Falco's "condition_compiled" text). Both follow libsinsp exactly,
// including its quirks ("\ " is a lone backslash, "\"" is only valid inside
// double quotes), because rules files depend on them.
#pragma once

#include <string>
#include <string_view>

namespace eg::condition {

struct UnescapeResult {
  std::string value;  // the unescaped text (valid when error is empty)
  std::string error;  // Falco's message for an invalid escape
  bool ok() const { return error.empty(); }
};

// `raw` is the whole token, opening and closing quote included.
UnescapeResult unescape_quoted(std::string_view raw);

// A value as libsinsp prints it: bare when it has no blank, quote, backslash,
// '=', NUL or control escape; otherwise double-quoted with escapes.
std::string escape_for_print(std::string_view value);

}  // namespace eg::condition
