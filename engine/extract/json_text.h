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
#include <string>
#include <string_view>

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
void append_json_int(std::string& out, int64_t v);
void append_json_uint(std::string& out, uint64_t v);
void append_json_double(std::string& out, double v);

}  // namespace eg
