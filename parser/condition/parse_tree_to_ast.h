// Converts the parse tree of a condition (condition_parse_tree.h) into the AST.
//
// Kept apart from the grammar so that the grammar describes only syntax and
// this file only meaning: n-ary and/or chains (a single child is returned
// as is, as libsinsp does), the parity of repeated "not", checks with their
// operator, modifier and right-hand side, and node positions (byte offsets
// mapped to libsinsp's line/column).
#pragma once

#include <string_view>

#include "parser/condition/ast.h"
#include "parser/condition/condition_parse_tree.h"

namespace eg::condition {

// `expression` is an or_expr node; `text` the parsed condition.
ast::ExprPtr parse_tree_to_ast(const TreeNode& expression, std::string_view text);

}  // namespace eg::condition
