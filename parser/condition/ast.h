// The abstract syntax tree of a Falco condition.
//
// Shaped after libsinsp's filter AST so that everything Falco does on the tree
// (macro substitution, event-type search, warnings, the "condition_compiled" text
// of -L) can be done the same way here. One small node type with a kind tag is
// used for boolean structure, and one for operands (fields, transformers,
// literal values, lists): both are cheap to clone, which macro inlining needs.
// The parser knows no fields; checking names and types is the compiler's job.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace eg::ast {

// Position of a node in the condition text: 0-based byte offset, 1-based line
// and column (as Falco reports them in parse errors).
struct Position {
  uint32_t offset = 0;
  uint32_t line = 1;
  uint32_t column = 1;
};

// Left- or right-hand side of a check.
struct Operand {
  enum class Kind : uint8_t {
    Field,        // name = field name, arg = optional [arg]
    Transformer,  // name = transformer (tolower, val, join, ...), args = its arguments (fields,
                  // transformers, Values for quoted strings/numbers, Lists), arg = optional [arg]
    Value,        // value = unescaped literal (quoted or bare)
    List,         // args = elements: Value operands; inside transformer arguments (join) also
                  // Field/Transformer operands
  };
  Kind kind = Kind::Value;
  Position pos;
  std::string name;
  std::optional<std::string> arg;
  std::vector<Operand> args;
  std::string value;
  bool quoted = false;  // Value: was written in quotes

  static Operand field(std::string name, std::optional<std::string> arg = {}, Position pos = {});
  static Operand literal(std::string value, bool quoted = false, Position pos = {});
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind : uint8_t {
    And,         // children: 2+ operands, evaluated left to right
    Or,          // children: 2+ operands
    Not,         // children: exactly 1
    Check,       // lhs op [modifier] rhs; rhs absent for unary operators (exists)
    Identifier,  // name: a macro reference
  };
  Kind kind = Kind::Check;
  Position pos;
  std::vector<ExprPtr> children;
  // Check
  Operand lhs;
  std::string op;        // "=", "==", "!=", "<", "contains", "in", "exists", ...
  std::string modifier;  // "", "oneof", "anyof", "allof"
  std::optional<Operand> rhs;
  // Identifier
  std::string name;
  // Set by macro substitution on the root of an inlined macro body: the
  // macro's name (the compiler shares the body's result between rules).
  std::string macro;

  ExprPtr clone() const;
};

ExprPtr make_and(std::vector<ExprPtr> children, Position pos = {});
ExprPtr make_or(std::vector<ExprPtr> children, Position pos = {});
ExprPtr make_not(ExprPtr child, Position pos = {});
ExprPtr make_identifier(std::string name, Position pos = {});
ExprPtr make_check(Operand lhs, std::string op, std::optional<Operand> rhs,
                   std::string modifier = {}, Position pos = {});

}  // namespace eg::ast
