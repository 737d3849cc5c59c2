// Parses a Falco condition string into an AST (PEGTL grammar in condition_grammar.h).
//
// Errors carry Falco's message text and the position where the parser gave up,
// so that the rules loader can report them exactly as Falco does.
#pragma once

#include <string>
#include <string_view>

#include "parser/condition/ast.h"

namespace eg {

struct ConditionParseResult {
  ast::ExprPtr expr;        // set on success
  std::string error;        // Falco's message, e.g. "unexpected token after 'a', expecting 'or', 'and'"
  ast::Position error_pos;  // where parsing failed
  bool ok() const { return expr != nullptr; }
};

// Maximum nesting depth of the grammar (Falco: 1000 recursive levels).
inline constexpr int kMaxConditionDepth = 1000;

ConditionParseResult parse_condition(std::string_view text);

}  // namespace eg
