// Which grammar rules become parse-tree nodes (PEGTL parse_tree selector).
//
// Only the rules that carry meaning for the AST are kept: expressions, the
// tokens that make up checks, and value-bearing tokens. Everything else
// (blanks, keywords, punctuation) is dropped by the selector, so the
// conversion to the AST (condition_parser.cpp) sees a small, regular tree.
// None of these rules may appear inside a PEGTL lookahead (at<>/not_at<>).
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "parser/condition/condition_grammar.h"

namespace eg::condition {

template <typename Rule>
using tree_selector = tao::pegtl::parse_tree::selector<
    Rule,
    tao::pegtl::parse_tree::store_content::on<
        grammar::or_expr, grammar::and_expr, grammar::not_expr, grammar::check,
        grammar::not_blank, grammar::not_paren, grammar::macro_name, grammar::field,
        grammar::field_name, grammar::field_arg, grammar::field_arg_bare, grammar::transformer,
        grammar::transformer_open, grammar::val_transformer, grammar::transformer_list,
        grammar::op_exists, grammar::op_numeric, grammar::op_string_symbol,
        grammar::op_string_word_name, grammar::op_list, grammar::modifier, grammar::value_list,
        grammar::identifier_value, grammar::number_value, grammar::hex_number_value,
        grammar::bare_string_value, grammar::quoted_value>>;

// A parse-tree node. PEGTL allocates a node for every attempt of a rule that
// may hold selected nodes, and most attempts fail; the nodes are therefore
// recycled through a per-thread free list instead of the general allocator.
struct TreeNode : tao::pegtl::parse_tree::basic_node<TreeNode> {
  static void* operator new(std::size_t size);
  static void operator delete(void* node, std::size_t size) noexcept;
};

}  // namespace eg::condition
