// Unit tests for the condition AST helpers (parser/condition/ast.h).
#include "parser/condition/ast.h"

#include <gtest/gtest.h>

namespace eg::ast {

TEST(Ast, CloneIsDeep) {
  std::vector<ExprPtr> kids;
  kids.push_back(make_check(Operand::field("proc.name"), "=", Operand::literal("cat")));
  kids.push_back(make_identifier("spawned_process"));
  auto e = make_and(std::move(kids));
  auto c = e->clone();
  ASSERT_EQ(c->children.size(), 2u);
  EXPECT_EQ(c->children[0]->lhs.name, "proc.name");
  EXPECT_EQ(c->children[0]->rhs->value, "cat");
  EXPECT_EQ(c->children[1]->name, "spawned_process");
  EXPECT_NE(c->children[0].get(), e->children[0].get());
}

}  // namespace eg::ast
