// Byte-string helpers behind the string and buffer operators (§5.4): C-string
// truncation, ASCII case-insensitive search, suffix tests and fnmatch globbing.
#pragma once

#include <string>
#include <string_view>

namespace eg {

// Strings compare as C strings: everything from the first NUL on is ignored.
inline std::string_view as_c_string(std::string_view s) {
  size_t nul = s.find('\0');
  return nul == std::string_view::npos ? s : s.substr(0, nul);
}

bool contains_ignore_case(std::string_view haystack, std::string_view needle);
inline bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }
inline bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// fnmatch(3) with default flags (`*` crosses `/`, backslash escapes) or with
// FNM_CASEFOLD. `pattern` must be NUL-terminated; `value` is copied into
// `scratch` to terminate it.
bool glob_match(const std::string& pattern, std::string_view value, bool ignore_case,
                std::string& scratch);

char ascii_lower(char c);
char ascii_upper(char c);

}  // namespace eg
