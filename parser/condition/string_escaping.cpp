// Unescaping of quoted condition strings and escaping for printing (see
// string_escaping.h). The simple one-character escapes live in small tables so
// the two directions stay consistent.
#include "parser/condition/string_escaping.h"

#include <array>
#include <optional>
#include <utility>

namespace eg::condition {
namespace {

// Escape letter -> byte, shared by both directions.
constexpr std::array<std::pair<char, char>, 5> kControlEscapes{{
    {'b', '\b'}, {'f', '\f'}, {'n', '\n'}, {'r', '\r'}, {'t', '\t'}}};

std::optional<char> control_for_letter(char letter) {
  for (const auto& [l, c] : kControlEscapes) {
    if (l == letter) return c;
  }
  return std::nullopt;
}

std::optional<char> letter_for_control(char c) {
  for (const auto& [l, ctrl] : kControlEscapes) {
    if (ctrl == c) return l;
  }
  return std::nullopt;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string unsupported_escape(char c) {
  return std::string("unsupported string escape sequence: \\") + c;
}

// Decodes the escape starting at content[i] (the character after the
// backslash); appends the result to out and returns how many characters of
// content it used, or sets error.
size_t decode_escape(std::string_view content, size_t i, char quote, std::string& out,
                     std::string& error) {
  const char c = content[i];
  if (auto ctrl = control_for_letter(c)) {
    out += *ctrl;
    return 1;
  }
  switch (c) {
    case ' ':  // legacy quirk: "\ " is a single backslash
    case '\\':
      out += '\\';
      return 1;
    case '/':
      out += '/';
      return 1;
    case '"':
      if (quote != '"') error = "invalid \\\" escape in '-quoted string";
      out += '"';
      return 1;
    case '\'':
      if (quote != '\'') error = "invalid \\' escape in \"-quoted string";
      out += '\'';
      return 1;
    case 'x': {
      if (i + 2 < content.size()) {
        const int hi = hex_digit_value(content[i + 1]);
        const int lo = hex_digit_value(content[i + 2]);
        if (hi >= 0 && lo >= 0) {
          out += static_cast<char>(hi * 16 + lo);
          return 3;
        }
      }
      error = unsupported_escape(c);
      return 1;
    }
    default:
      error = unsupported_escape(c);
      return 1;
  }
}

bool needs_quotes(char c) {
  return c == ' ' || c == '=' || c == '"' || c == '\'' || c == '\\' || c == '\0' ||
         letter_for_control(c).has_value();
}

}  // namespace

UnescapeResult unescape_quoted(std::string_view raw) {
  UnescapeResult result;
  if (raw.size() < 2) return result;
  const char quote = raw.front();
  const std::string_view content = raw.substr(1, raw.size() - 2);
  for (size_t i = 0; i < content.size() && result.ok();) {
    if (content[i] != '\\') {
      result.value += content[i++];
      continue;
    }
    ++i;
    if (i >= content.size()) break;  // cannot happen: the closing quote is never escaped
    i += decode_escape(content, i, quote, result.value, result.error);
  }
  if (!result.ok()) result.value.clear();
  return result;
}

std::string escape_for_print(std::string_view value) {
  bool quoted = false;
  std::string body;
  body.reserve(value.size());
  for (char c : value) {
    quoted = quoted || needs_quotes(c);
    if (auto letter = letter_for_control(c)) {
      body += '\\';
      body += *letter;
    } else if (c == '\\' || c == '"') {
      body += '\\';
      body += c;
    } else if (c == '\0') {
      body += "\\x00";
    } else {
      body += c;
    }
  }
  return quoted ? "\"" + body + "\"" : body;
}

}  // namespace eg::condition
