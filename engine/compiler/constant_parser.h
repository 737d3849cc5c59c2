// Right-hand constants parsed once, at compile time, according to the type of
// the left-hand side (language reference §5.3), with Falco's error texts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/compiler/compare_op.h"
#include "fields/field_value.h"

namespace eg {

// A parsed constant. Text and bytes are owned here; view() returns a
// FieldValue pointing into them (valid while the Constant lives).
struct Constant {
  FieldValue value;   // numbers, bools, addresses; the type is the left type
  std::string bytes;  // CHARBUF/FSPATH/FSRELPATH text, BYTEBUF bytes
  FieldValue view() const {
    FieldValue v = value;
    v.str = bytes;
    return v;
  }
};

// Parses `text` for a left side of type `type` compared with `op`. On failure
// returns nullopt and sets `error`, e.g. "abc is not a valid number".
std::optional<Constant> parse_constant(std::string_view text, FieldType type, CompareOp op,
                                       std::string* error);

// The pieces, exposed for tests and for other users of Falco's number syntax.
std::optional<int64_t> parse_signed_number(std::string_view text);     // C "%d" style
std::optional<uint64_t> parse_unsigned_number(std::string_view text);  // C "%u" style
std::optional<IpAddress> parse_ipv4(std::string_view text);
std::optional<IpAddress> parse_ipv6(std::string_view text);

}  // namespace eg
