// What a condition AST uses: fields, operators, macro names.
//
// Falco lists these per rule and macro in `-L` JSON ("condition_fields",
// "condition_operators", "macros"). Fields are named as written, with their
// "[arg]" ("proc.env[HOME]"), wherever they appear (left side, inside
// transformers, val()); operators are "op" or "op modifier" ("startswith
// anyof"). Results are sorted and unique: Falco fills them from hash sets,
// so only the set is meaningful.
#pragma once

#include <string>
#include <vector>

#include "parser/condition/ast.h"

namespace eg::ast {

std::vector<std::string> collect_fields(const Expr& expr);
std::vector<std::string> collect_operators(const Expr& expr);
std::vector<std::string> collect_identifiers(const Expr& expr);

}  // namespace eg::ast
