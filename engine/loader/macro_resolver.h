// Macro resolution on the AST (§2.7): every identifier naming a visible macro
// is replaced by a resolved copy of that macro's tree; unknown identifiers
// and reference loops are reported with the position of the identifier.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "parser/condition/ast.h"

namespace eg {

struct MacroResolution {
  std::optional<std::pair<std::string, ast::Position>> first_unknown;
  std::optional<std::pair<std::string, ast::Position>> loop;  // macro name, identifier position
  std::set<std::string> resolved;  // every macro substituted (at any depth)
  std::vector<std::string> direct;  // identifiers of the top-level tree, in order
  bool ok() const { return !first_unknown && !loop; }
};

// `lookup` returns the (unresolved) tree of a visible macro, or nullptr.
MacroResolution resolve_macros(ast::ExprPtr& expr,
                               const std::function<const ast::Expr*(const std::string&)>& lookup);

}  // namespace eg
