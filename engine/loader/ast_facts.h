// Facts read off a condition tree for reports: the fields and operators it
// uses (-L details), the literal values (to spot list names), and the
// warnings Falco's filter compiler gives on constants (§9.6
// LOAD_COMPILE_CONDITION) and on deprecated fields.
#pragma once

#include <string>
#include <vector>

#include "parser/condition/ast.h"

namespace eg {

struct ConditionFacts {
  std::vector<std::string> fields;     // sorted, unique (ast_inventory.h)
  std::vector<std::string> operators;  // likewise
  std::vector<std::string> list_values;  // elements of parenthesised lists
};
ConditionFacts condition_facts(const ast::Expr& expr);

// Event names compared with evt.type / syscall.type (=, ==, in), for naming
// the syscalls behind the generic event codes in -L "events".
std::vector<std::string> event_type_values(const ast::Expr& expr);

struct ConditionWarning {
  std::string message;
  ast::Position pos;
  std::string deprecated_field;  // set for deprecated-field warnings
};
// Constant-looking-like-field / transformer and regex-simplification warnings.
std::vector<ConditionWarning> constant_warnings(const ast::Expr& expr);
// evt.dir and latency fields used in the condition.
std::vector<ConditionWarning> deprecated_field_warnings(const ast::Expr& expr);
// Deprecated fields mentioned in an output format.
std::vector<std::string> deprecated_output_fields(const std::string& output);

}  // namespace eg
