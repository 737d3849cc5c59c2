// Parses a Falco condition string into an AST (PEGTL grammar in condition_grammar.h).
//
// Errors carry Falco's message text and the position where the parser gave up,
// so that the rules loader can report them exactly as Falco does. Positions
// (errors and AST nodes) are libsinsp's: 0-based byte offset, 1-based line and
// column, every byte one column, '\r' and '\n' each starting a line. Falco's
// "condition expression" location is the YAML position of the condition
// (0-based) plus these three numbers, component by component.
// The AST printer is in ast_printer.h, the field/operator inventory used by
// `-L` in ast_inventory.h.
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
