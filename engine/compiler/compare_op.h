// The check operators of the condition language as an enum, with the spellings
// Falco uses in its messages ("'glob' operator not supported ..." uses the text
// as written; "operator 'REGEX' doesn't support ..." uses libsinsp's upper-case
// names).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace eg {

enum class CompareOp : uint8_t {
  Eq, Ne, Lt, Le, Gt, Ge, Contains, IContains, BContains, StartsWith, BStartsWith,
  EndsWith, Glob, IGlob, Regex, PMatch, In, Intersects, Exists,
};

// "=" and "==" both give Eq. nullopt for an unknown operator.
std::optional<CompareOp> parse_compare_op(std::string_view text);
// libsinsp's upper-case name: "EQ", "REGEX", "PMATCH", ...
std::string_view compare_op_upper_name(CompareOp op);

// Operators whose right-hand side is a list (in, intersects, pmatch).
inline bool is_list_operator(CompareOp op) {
  return op == CompareOp::In || op == CompareOp::Intersects || op == CompareOp::PMatch;
}

enum class Modifier : uint8_t { None, OneOf, AnyOf, AllOf };
std::optional<Modifier> parse_modifier(std::string_view text);  // "" -> None

}  // namespace eg
