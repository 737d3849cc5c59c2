// libsinsp-compatible printing of the condition AST (see ast_printer.h).
#include "parser/condition/ast_printer.h"

#include "parser/condition/string_escaping.h"

namespace eg::ast {
namespace {

void print(const Expr& e, std::string& out);
void print(const Operand& o, std::string& out, const char* list_separator);

void print_bracket_arg(const std::optional<std::string>& arg, std::string& out) {
  if (!arg || arg->empty()) return;
  out += '[';
  out += condition::escape_for_print(*arg);
  out += ']';
}

void print_joined(const std::vector<Operand>& items, const char* separator,
                  const char* nested_separator, std::string& out) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    print(items[i], out, nested_separator);
  }
}

// Right-hand lists use ", "; lists inside transformer arguments use ",".
void print(const Operand& o, std::string& out, const char* list_separator) {
  switch (o.kind) {
    case Operand::Kind::Field:
      out += o.name;
      print_bracket_arg(o.arg, out);
      return;
    case Operand::Kind::Transformer:
      out += o.name;
      out += '(';
      print_joined(o.args, ",", ",", out);
      out += ')';
      print_bracket_arg(o.arg, out);
      return;
    case Operand::Kind::Value:
      out += condition::escape_for_print(o.value);
      return;
    case Operand::Kind::List:
      out += '(';
      print_joined(o.args, list_separator, list_separator, out);
      out += ')';
      return;
  }
}

void print_chain(const Expr& e, const char* keyword, std::string& out) {
  out += '(';
  for (size_t i = 0; i < e.children.size(); ++i) {
    if (i > 0) {
      out += ' ';
      out += keyword;
      out += ' ';
    }
    print(*e.children[i], out);
  }
  out += ')';
}

void print_check(const Expr& e, std::string& out) {
  print(e.lhs, out, ", ");
  out += ' ';
  out += e.op;
  if (!e.modifier.empty()) {
    out += ' ';
    out += e.modifier;
  }
  if (e.rhs) {
    out += ' ';
    print(*e.rhs, out, ", ");
  }
}

void print(const Expr& e, std::string& out) {
  switch (e.kind) {
    case Expr::Kind::And:
      print_chain(e, "and", out);
      return;
    case Expr::Kind::Or:
      print_chain(e, "or", out);
      return;
    case Expr::Kind::Not:
      out += "not ";
      print(*e.children.front(), out);
      return;
    case Expr::Kind::Check:
      print_check(e, out);
      return;
    case Expr::Kind::Identifier:
      out += e.name;
      return;
  }
}

}  // namespace

std::string to_string(const Expr& expr) {
  std::string out;
  print(expr, out);
  return out;
}

std::string to_string(const Operand& operand) {
  std::string out;
  print(operand, out, ", ");
  return out;
}

}  // namespace eg::ast
