// Collection of fields, operators and identifiers of an AST (ast_inventory.h).
#include "parser/condition/ast_inventory.h"

#include <functional>
#include <set>

namespace eg::ast {
namespace {

using Names = std::set<std::string>;

void visit_checks(const Expr& e, const std::function<void(const Expr&)>& on_leaf) {
  if (e.kind == Expr::Kind::Check || e.kind == Expr::Kind::Identifier) {
    on_leaf(e);
    return;
  }
  for (const auto& c : e.children) visit_checks(*c, on_leaf);
}

void add_fields(const Operand& o, Names& out) {
  if (o.kind == Operand::Kind::Field) {
    out.insert(o.arg && !o.arg->empty() ? o.name + "[" + *o.arg + "]" : o.name);
  }
  for (const auto& a : o.args) add_fields(a, out);
}

std::vector<std::string> to_vector(const Names& names) { return {names.begin(), names.end()}; }

}  // namespace

std::vector<std::string> collect_fields(const Expr& expr) {
  Names names;
  visit_checks(expr, [&](const Expr& leaf) {
    if (leaf.kind != Expr::Kind::Check) return;
    add_fields(leaf.lhs, names);
    if (leaf.rhs) add_fields(*leaf.rhs, names);
  });
  return to_vector(names);
}

std::vector<std::string> collect_operators(const Expr& expr) {
  Names names;
  visit_checks(expr, [&](const Expr& leaf) {
    if (leaf.kind != Expr::Kind::Check) return;
    names.insert(leaf.modifier.empty() ? leaf.op : leaf.op + " " + leaf.modifier);
  });
  return to_vector(names);
}

std::vector<std::string> collect_identifiers(const Expr& expr) {
  Names names;
  visit_checks(expr, [&](const Expr& leaf) {
    if (leaf.kind == Expr::Kind::Identifier) names.insert(leaf.name);
  });
  return to_vector(names);
}

}  // namespace eg::ast
