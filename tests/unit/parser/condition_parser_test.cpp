// Unit tests of parse_condition() beyond the printed form: the shape of the
// AST (kinds, operands, positions that the compiler reports errors at), the
// inventory helpers used by `-L`, and robustness on hostile input (deep
// nesting must fail cleanly, long flat inputs must work).
#include <gtest/gtest.h>

#include <string>

#include "parser/condition/ast_inventory.h"
#include "parser/condition/ast_printer.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

using ast::Expr;
using ast::Operand;

ast::ExprPtr parse_ok(const std::string& text) {
  auto r = parse_condition(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.error;
  return std::move(r.expr);
}

TEST(ConditionParser, ChainIsFlatAndKeepsPositions) {
  auto e = parse_ok("evt.type = open and proc.name = cat and fd.num > 2");
  ASSERT_EQ(e->kind, Expr::Kind::And);
  ASSERT_EQ(e->children.size(), 3u);
  EXPECT_EQ(e->pos.offset, 0u);
  const Expr& second = *e->children[1];
  EXPECT_EQ(second.kind, Expr::Kind::Check);
  EXPECT_EQ(second.pos.offset, 20u);  // where libsinsp reports compile errors of this check
  EXPECT_EQ(second.pos.column, 21u);
  EXPECT_EQ(second.lhs.kind, Operand::Kind::Field);
  EXPECT_EQ(second.lhs.name, "proc.name");
  EXPECT_EQ(second.op, "=");
  ASSERT_TRUE(second.rhs.has_value());
  EXPECT_EQ(second.rhs->kind, Operand::Kind::Value);
  EXPECT_EQ(second.rhs->value, "cat");
  EXPECT_FALSE(second.rhs->quoted);
  EXPECT_EQ(second.rhs->pos.offset, 32u);
}

TEST(ConditionParser, PositionsCountLinesLikeLibsinsp) {
  auto e = parse_ok("a and\r\n  x.y = 1");
  ASSERT_EQ(e->kind, Expr::Kind::And);
  const Expr& check = *e->children[1];
  EXPECT_EQ(check.pos.offset, 9u);
  EXPECT_EQ(check.pos.line, 3u);  // '\r' and '\n' each start a line
  EXPECT_EQ(check.pos.column, 3u);
}

TEST(ConditionParser, NotAndMacroReference) {
  auto e = parse_ok("not spawned_process");
  ASSERT_EQ(e->kind, Expr::Kind::Not);
  ASSERT_EQ(e->children.size(), 1u);
  EXPECT_EQ(e->children[0]->kind, Expr::Kind::Identifier);
  EXPECT_EQ(e->children[0]->name, "spawned_process");
  EXPECT_EQ(e->children[0]->pos.offset, 4u);
}

TEST(ConditionParser, UnaryCheckHasNoRightHandSide) {
  auto e = parse_ok("fd.sip exists");
  EXPECT_EQ(e->op, "exists");
  EXPECT_FALSE(e->rhs.has_value());
}

TEST(ConditionParser, QuotedValueAndFieldArgument) {
  auto e = parse_ok("proc.env['MY VAR'] = \"a b\"");
  EXPECT_EQ(e->lhs.name, "proc.env");
  ASSERT_TRUE(e->lhs.arg.has_value());
  EXPECT_EQ(*e->lhs.arg, "MY VAR");
  EXPECT_TRUE(e->rhs->quoted);
  EXPECT_EQ(e->rhs->value, "a b");
}

TEST(ConditionParser, ListAndModifier) {
  auto e = parse_ok("proc.name startswith anyof (a, 'b c')");
  EXPECT_EQ(e->op, "startswith");
  EXPECT_EQ(e->modifier, "anyof");
  ASSERT_EQ(e->rhs->kind, Operand::Kind::List);
  ASSERT_EQ(e->rhs->args.size(), 2u);
  EXPECT_EQ(e->rhs->args[1].value, "b c");
  EXPECT_TRUE(e->rhs->args[1].quoted);
}

TEST(ConditionParser, TransformersAndVal) {
  auto e = parse_ok("toupper(basename(proc.exe)) = val(proc.name)");
  ASSERT_EQ(e->lhs.kind, Operand::Kind::Transformer);
  EXPECT_EQ(e->lhs.name, "toupper");
  ASSERT_EQ(e->lhs.args.size(), 1u);
  EXPECT_EQ(e->lhs.args[0].name, "basename");
  EXPECT_EQ(e->lhs.args[0].args[0].name, "proc.exe");
  ASSERT_EQ(e->rhs->kind, Operand::Kind::Transformer);
  EXPECT_EQ(e->rhs->name, "val");
  ASSERT_EQ(e->rhs->args.size(), 1u);
  EXPECT_EQ(e->rhs->args[0].kind, Operand::Kind::Field);
  EXPECT_EQ(e->rhs->args[0].name, "proc.name");
}

TEST(ConditionParser, MultiArgumentTransformer) {
  auto e = parse_ok("join(\"/\", (proc.pname, tolower(proc.name)))[x] = a");
  ASSERT_EQ(e->lhs.kind, Operand::Kind::Transformer);
  ASSERT_EQ(e->lhs.args.size(), 2u);
  EXPECT_EQ(e->lhs.args[0].kind, Operand::Kind::Value);
  EXPECT_EQ(e->lhs.args[0].value, "/");
  ASSERT_EQ(e->lhs.args[1].kind, Operand::Kind::List);
  EXPECT_EQ(e->lhs.args[1].args[1].kind, Operand::Kind::Transformer);
  ASSERT_TRUE(e->lhs.arg.has_value());
  EXPECT_EQ(*e->lhs.arg, "x");
}

TEST(ConditionParser, InventoryOfFieldsOperatorsAndMacros) {
  auto e = parse_ok(
      "evt.type in (open, openat) and proc.env[HOME] = /root and not m1 and "
      "fd.name startswith anyof (/a) and len(fd.name) > val(proc.pid) and m2");
  EXPECT_EQ(ast::collect_fields(*e),
            (std::vector<std::string>{"evt.type", "fd.name", "proc.env[HOME]", "proc.pid"}));
  EXPECT_EQ(ast::collect_operators(*e),
            (std::vector<std::string>{"=", ">", "in", "startswith anyof"}));
  EXPECT_EQ(ast::collect_identifiers(*e), (std::vector<std::string>{"m1", "m2"}));
}

TEST(ConditionParser, CloneKeepsPrintedForm) {
  auto e = parse_ok("(a or b.c = 'x y') and not d.e in (1, 2)");
  EXPECT_EQ(ast::to_string(*e->clone()), ast::to_string(*e));
}

TEST(ConditionParser, HundredThousandOpenParensFailCleanly) {
  const std::string deep(100000, '(');
  auto r = parse_condition(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error, "exceeded max depth limit of 1000");
  EXPECT_EQ(r.error_pos.offset, 200u);
}

TEST(ConditionParser, DeepTransformerNestingFailsCleanly) {
  std::string deep;
  for (int i = 0; i < 50000; ++i) deep += "tolower(";
  auto r = parse_condition(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error, "exceeded max depth limit of 1000");
}

TEST(ConditionParser, DeepNotParenNestingFailsCleanly) {
  std::string deep;
  for (int i = 0; i < 50000; ++i) deep += "not(";
  auto r = parse_condition(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error, "exceeded max depth limit of 1000");
}

TEST(ConditionParser, LongFlatInputsWork) {
  std::string chain = "a";
  for (int i = 0; i < 20000; ++i) chain += " and b.c = x";
  auto e = parse_ok(chain);
  ASSERT_EQ(e->kind, Expr::Kind::And);
  EXPECT_EQ(e->children.size(), 20001u);

  std::string nots;
  for (int i = 0; i < 20001; ++i) nots += "not ";
  auto n = parse_ok(nots + "a");
  EXPECT_EQ(n->kind, Expr::Kind::Not);

  std::string list = "a.b in (x";
  for (int i = 0; i < 20000; ++i) list += ", x";
  auto l = parse_ok(list + ")");
  EXPECT_EQ(l->rhs->args.size(), 20001u);
}

TEST(ConditionParser, EmbeddedNulBytesNeverCrash) {
  const std::string text("a.b = x\0y and c", 15);
  auto r = parse_condition(text);
  // A NUL is an ordinary byte of a bare string, as for libsinsp's regex lexer.
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.expr->kind, Expr::Kind::And);
}

}  // namespace
}  // namespace eg
