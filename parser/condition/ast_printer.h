// The canonical text of a condition AST, exactly as libsinsp prints it.
//
// Falco shows this text as "condition_compiled" in `-L` JSON output, so it is
// part of the observable behaviour: and/or chains in parentheses joined by
// " and "/" or ", "not " prefixes, "lhs op [modifier ]rhs", right-hand lists as
// "(a, b)", transformer arguments joined by "," without blanks, values
// double-quoted only when they need it (see string_escaping.h).
#pragma once

#include <string>

#include "parser/condition/ast.h"

namespace eg::ast {

std::string to_string(const Expr& expr);
std::string to_string(const Operand& operand);

}  // namespace eg::ast
