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
void append_json_int(std::string& out, int64_t v);
void append_json_uint(std::string& out, uint64_t v);
void append_json_double(std::string& out, double v);

}  // namespace eg
