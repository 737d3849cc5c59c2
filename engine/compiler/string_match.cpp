// String and buffer matching helpers (see string_match.h).
#include "engine/compiler/string_match.h"

#include <fnmatch.h>

#include <algorithm>

namespace eg {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool contains_ignore_case(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
  return it != haystack.end() || needle.empty();
}

bool glob_match(const std::string& pattern, std::string_view value, bool ignore_case,
                std::string& scratch) {
  scratch.assign(value.data(), value.size());
  return fnmatch(pattern.c_str(), scratch.c_str(), ignore_case ? FNM_CASEFOLD : 0) == 0;
}

}  // namespace eg
