// Parse tree -> AST conversion (see parse_tree_to_ast.h). Recursion here is
// bounded by the grammar's depth guard, which limits the tree's height.
#include "parser/condition/parse_tree_to_ast.h"

#include "parser/condition/string_escaping.h"
#include "parser/condition/text_position.h"

namespace eg::condition {
namespace {

namespace g = grammar;

class Converter {
 public:
  explicit Converter(std::string_view text) : text_(text), positions_(text) {}

  ast::ExprPtr expr(const TreeNode& n) const {
    if (n.is_type<g::or_expr>()) return chain(n, ast::Expr::Kind::Or);
    if (n.is_type<g::and_expr>()) return chain(n, ast::Expr::Kind::And);
    if (n.is_type<g::not_expr>()) return negation(n);
    return check(n);
  }

 private:
  ast::Position pos(const TreeNode& n) const {
    return positions_.at(static_cast<size_t>(n.m_begin.data - text_.data()));
  }

  ast::ExprPtr chain(const TreeNode& n, ast::Expr::Kind kind) const {
    if (n.children.size() == 1) return expr(*n.children.front());
    std::vector<ast::ExprPtr> children;
    children.reserve(n.children.size());
    for (const auto& c : n.children) children.push_back(expr(*c));
    return kind == ast::Expr::Kind::Or ? ast::make_or(std::move(children), pos(n))
                                       : ast::make_and(std::move(children), pos(n));
  }

  // not_expr children: the "not" tokens, then the operand.
  ast::ExprPtr negation(const TreeNode& n) const {
    const size_t nots = n.children.size() - 1;
    auto inner = expr(*n.children.back());
    if (nots % 2 == 0) return inner;
    return ast::make_not(std::move(inner), pos(n));
  }

  // check children: a parenthesised or_expr, a macro name, or
  // operand, operator, [modifier], [right-hand side].
  ast::ExprPtr check(const TreeNode& n) const {
    const TreeNode& first = *n.children.front();
    if (first.is_type<g::or_expr>()) return expr(first);
    if (first.is_type<g::macro_name>()) return ast::make_identifier(first.string(), pos(n));
    auto lhs = operand(first);
    lhs.pos = pos(n);
    const TreeNode& op = *n.children.at(1);
    if (op.is_type<g::op_exists>()) return ast::make_check(std::move(lhs), "exists", {}, {}, pos(n));
    std::string modifier;
    size_t rhs_index = 2;
    if (n.children.size() > 3) {
      modifier = n.children.at(2)->string();
      rhs_index = 3;
    }
    return ast::make_check(std::move(lhs), op.string(), operand(*n.children.at(rhs_index)),
                           std::move(modifier), pos(n));
  }

  ast::Operand operand(const TreeNode& n) const {
    if (n.is_type<g::field>()) return field(n);
    if (n.is_type<g::transformer>()) return transformer(n);
    if (n.is_type<g::val_transformer>()) return val_transformer(n);
    if (n.is_type<g::value_list>() || n.is_type<g::transformer_list>()) return list(n);
    if (n.is_type<g::quoted_value>()) return ast::Operand::literal(unquote(n), true, pos(n));
    return ast::Operand::literal(n.string(), false, pos(n));
  }

  std::string unquote(const TreeNode& n) const { return unescape_quoted(n.string_view()).value; }

  // field_arg has one child: a quoted or a bare argument.
  std::string field_arg(const TreeNode& n) const {
    const TreeNode& a = *n.children.front();
    return a.is_type<g::quoted_value>() ? unquote(a) : a.string();
  }

  ast::Operand field(const TreeNode& n) const {
    std::optional<std::string> arg;
    if (n.children.size() > 1) arg = field_arg(*n.children.at(1));
    return ast::Operand::field(n.children.front()->string(), std::move(arg), pos(n));
  }

  ast::Operand transformer(const TreeNode& n) const {
    ast::Operand t;
    t.kind = ast::Operand::Kind::Transformer;
    t.pos = pos(n);
    std::string_view open = n.children.front()->string_view();
    t.name = std::string(open.substr(0, open.size() - 1));
    for (size_t i = 1; i < n.children.size(); ++i) {
      const TreeNode& c = *n.children[i];
      if (c.is_type<g::field_arg>()) {
        t.arg = field_arg(c);
      } else {
        t.args.push_back(operand(c));
      }
    }
    return t;
  }

  ast::Operand val_transformer(const TreeNode& n) const {
    ast::Operand t;
    t.kind = ast::Operand::Kind::Transformer;
    t.pos = pos(n);
    t.name = "val";
    t.args.push_back(field(*n.children.front()));
    return t;
  }

  ast::Operand list(const TreeNode& n) const {
    ast::Operand l;
    l.kind = ast::Operand::Kind::List;
    l.pos = pos(n);
    l.args.reserve(n.children.size());
    for (const auto& c : n.children) l.args.push_back(operand(*c));
    return l;
  }

  std::string_view text_;
  PositionMap positions_;
};

}  // namespace

ast::ExprPtr parse_tree_to_ast(const TreeNode& expression, std::string_view text) {
  return Converter(text).expr(expression);
}

}  // namespace eg::condition
