// parse_condition(): runs the PEGTL grammar (condition_grammar.h) into a parse
// tree, converts it to the AST, and turns syntax errors into Falco's message
// plus the position libsinsp reports.
#include "parser/condition/condition_parser.h"

#include "parser/condition/condition_parse_tree.h"
#include "parser/condition/parse_tree_to_ast.h"
#include "parser/condition/text_position.h"

namespace eg {

ConditionParseResult parse_condition(std::string_view text) {
  ConditionParseResult result;
  if (text.empty()) {
    result.error = "filter input string is empty";
    return result;
  }
  condition::ConditionInput in(text);
  try {
    auto root = tao::pegtl::parse_tree::parse<condition::grammar::condition_text,
                                              condition::TreeNode, condition::tree_selector>(in);
    result.expr = condition::parse_tree_to_ast(*root->children.front(), text);
  } catch (const condition::SyntaxError& e) {
    result.error = e.what();
    result.error_pos = condition::position_at(text, e.offset());
  }
  return result;
}

}  // namespace eg
