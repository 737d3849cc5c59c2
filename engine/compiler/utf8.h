// UTF-8 validation and repair: Falco (master) replaces invalid sequences by
// U+FFFD before `regex` matching, since RE2 works on UTF-8 text.
#pragma once

#include <string>
#include <string_view>

namespace eg {

bool is_valid_utf8(std::string_view s);
// Writes `s` into `out` with each invalid byte sequence replaced by U+FFFD.
void replace_invalid_utf8(std::string_view s, std::string& out);

}  // namespace eg
