// Constructors and deep copy for the condition AST (see ast.h).
#include "parser/condition/ast.h"

namespace eg::ast {

Operand Operand::field(std::string name, std::optional<std::string> arg, Position pos) {
  Operand o;
  o.kind = Kind::Field;
  o.name = std::move(name);
  o.arg = std::move(arg);
  o.pos = pos;
  return o;
}

Operand Operand::literal(std::string value, bool quoted, Position pos) {
  Operand o;
  o.kind = Kind::Value;
  o.value = std::move(value);
  o.quoted = quoted;
  o.pos = pos;
  return o;
}

ExprPtr Expr::clone() const {
  auto copy = std::make_unique<Expr>();
  copy->kind = kind;
  copy->pos = pos;
  copy->children.reserve(children.size());
  for (const auto& c : children) copy->children.push_back(c->clone());
  copy->lhs = lhs;
  copy->op = op;
  copy->modifier = modifier;
  copy->rhs = rhs;
  copy->name = name;
  copy->macro = macro;
  return copy;
}

static ExprPtr make_nary(Expr::Kind kind, std::vector<ExprPtr> children, Position pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  e->children = std::move(children);
  return e;
}

ExprPtr make_and(std::vector<ExprPtr> children, Position pos) {
  return make_nary(Expr::Kind::And, std::move(children), pos);
}

ExprPtr make_or(std::vector<ExprPtr> children, Position pos) {
  return make_nary(Expr::Kind::Or, std::move(children), pos);
}

ExprPtr make_not(ExprPtr child, Position pos) {
  std::vector<ExprPtr> c;
  c.push_back(std::move(child));
  return make_nary(Expr::Kind::Not, std::move(c), pos);
}

ExprPtr make_identifier(std::string name, Position pos) {
  auto e = std::make_unique<Expr>();
  e->kind = Expr::Kind::Identifier;
  e->name = std::move(name);
  e->pos = pos;
  return e;
}

ExprPtr make_check(Operand lhs, std::string op, std::optional<Operand> rhs, std::string modifier,
                   Position pos) {
  auto e = std::make_unique<Expr>();
  e->kind = Expr::Kind::Check;
  e->lhs = std::move(lhs);
  e->op = std::move(op);
  e->rhs = std::move(rhs);
  e->modifier = std::move(modifier);
  e->pos = pos;
  return e;
}

}  // namespace eg::ast
