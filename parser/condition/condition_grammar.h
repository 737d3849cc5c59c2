// PEGTL grammar of Falco conditions (rules language reference, section 4).
//
// The rules mirror the functions of libsinsp's recursive-descent parser one to
// one (parse_or, parse_and, parse_not, parse_check, ...), in the same order of
// alternatives, with the same blank handling and the same points of no return:
// once libsinsp has committed to a branch, a failure raises Falco's message at
// the current position instead of backtracking. That is what makes error
// messages, error positions and the "last token" of
// "unexpected token after '...'" match Falco byte for byte. Rules wrapped in
// `guarded<>` are the ones libsinsp counts towards its depth limit.
//
// Node rules for the parse tree are listed in condition_parse_tree.h; the
// conversion to the AST is in condition_parser.cpp.
#pragma once

#include <tao/pegtl.hpp>

#include "parser/condition/grammar_support.h"

namespace eg::condition::grammar {

using namespace tao::pegtl;  // NOLINT: grammar DSL, confined to this namespace

// ---------------------------------------------------------------- messages
#define EG_CONDITION_MESSAGE(name, message) \
  struct name {                             \
    static constexpr const char* text = message; \
  }

#define EG_TRANSFORMER_LIST "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'"

EG_CONDITION_MESSAGE(msg_blank_after_or, "expected blank or '(' after 'or'");
EG_CONDITION_MESSAGE(msg_blank_after_and, "expected blank or '(' after 'and'");
EG_CONDITION_MESSAGE(msg_close_paren, "expected a ')' token");
EG_CONDITION_MESSAGE(msg_check_start, "expected a '(' token, a field check, or an identifier");
EG_CONDITION_MESSAGE(msg_field_arg,
                     "expected a valid field argument: a quoted string or a bare string");
EG_CONDITION_MESSAGE(msg_close_bracket, "expected a ']' token");
EG_CONDITION_MESSAGE(msg_close_transformer, "expected a ')' token closing the transformer");
EG_CONDITION_MESSAGE(msg_transformer_arg,
                     "expected field transformer argument: field, transformer, quoted string, "
                     "number, or transformer list");
EG_CONDITION_MESSAGE(msg_transformer_list_arg,
                     "expected transformer list argument: field, transformer, quoted string, or "
                     "number");
EG_CONDITION_MESSAGE(msg_transformer_list_close, "expected ')'");
EG_CONDITION_MESSAGE(msg_val_field, "expected a field within 'val' transformer");
EG_CONDITION_MESSAGE(msg_operator,
                     "expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', "
                     "'==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', "
                     "'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in', "
                     "'pmatch'");
EG_CONDITION_MESSAGE(msg_number_value,
                     "expected a number value or a field with a valid transformer: " EG_TRANSFORMER_LIST);
EG_CONDITION_MESSAGE(msg_string_value,
                     "expected a string value or a field with a valid transformer: " EG_TRANSFORMER_LIST);
EG_CONDITION_MESSAGE(msg_list_value,
                     "expected a list, an identifier, or a field with a valid transformer: " EG_TRANSFORMER_LIST);
EG_CONDITION_MESSAGE(msg_plain_string_value, "expected a string value");
EG_CONDITION_MESSAGE(msg_modifier_value, "expected a list or an identifier");

#undef EG_TRANSFORMER_LIST
#undef EG_CONDITION_MESSAGE

// ---------------------------------------------------------------- lexemes
// lex_blank: the blanks libsinsp skips between tokens.
struct blank : one<' ', '\t', '\b', '\r', '\n'> {};
struct blanks : star<blank> {};
// POSIX [:space:], used by the regular-expression lexemes of libsinsp.
struct posix_space : one<' ', '\t', '\n', '\v', '\f', '\r'> {};

struct identifier_text : seq<ranges<'a', 'z', 'A', 'Z'>, star<ranges<'a', 'z', 'A', 'Z', '0', '9', '_'>>> {};
struct field_name_text : seq<identifier_text, plus<one<'.'>, identifier_text>> {};
struct number_text
    : seq<opt<one<'+', '-'>>, plus<digit>, opt<one<'.'>>, star<digit>,
          opt<one<'e', 'E'>, one<'+', '-'>, plus<digit>>> {};
struct hex_number_text : seq<one<'0'>, one<'x', 'X'>, plus<xdigit>> {};
struct bare_string_text
    : plus<not_one<'(', ')', '"', '\'', ' ', '\t', '\n', '\v', '\f', '\r', '=', ','>> {};
struct field_arg_text : plus<not_one<']', '[', '"', '\'', ' ', '\t', '\n', '\v', '\f', '\r'>> {};

// Tokens (each updates the "last token").
struct open_paren : token<one<'('>> {};
struct close_paren : token<one<')'>> {};
struct comma : token<one<','>> {};
struct open_bracket : token<one<'['>> {};
struct close_bracket : token<one<']'>> {};
struct or_keyword : token<string<'o', 'r'>> {};
struct and_keyword : token<string<'a', 'n', 'd'>> {};
struct not_blank : token<seq<string<'n', 'o', 't'>, plus<posix_space>>> {};
struct not_paren : token<string<'n', 'o', 't', '('>> {};
struct field_name : token<field_name_text> {};
struct macro_name : token<identifier_text> {};
struct identifier_value : token<identifier_text> {};
struct number_value : token<number_text> {};
struct hex_number_value : token<hex_number_text> {};
struct bare_string_value : token<bare_string_text> {};
struct quoted_value : quoted_string {};
struct field_arg_bare : token<field_arg_text> {};
struct numeric_value : sor<hex_number_value, number_value> {};

// Operators, in libsinsp's order of trial. Word operators need a blank after
// them (which they consume); the others do not.
struct op_exists : token<string<'e', 'x', 'i', 's', 't', 's'>> {};
struct op_numeric : token<sor<string<'<', '='>, one<'<'>, string<'>', '='>, one<'>'>>> {};
struct op_string_symbol : token<sor<string<'=', '='>, one<'='>, string<'!', '='>>> {};
struct op_string_word_name
    : token<sor<TAO_PEGTL_STRING("glob"), TAO_PEGTL_STRING("iglob"), TAO_PEGTL_STRING("contains"),
                TAO_PEGTL_STRING("icontains"), TAO_PEGTL_STRING("bcontains"),
                TAO_PEGTL_STRING("startswith"), TAO_PEGTL_STRING("bstartswith"),
                TAO_PEGTL_STRING("endswith"), TAO_PEGTL_STRING("regex")>> {};
struct op_string_word : seq<op_string_word_name, plus<blank>> {};
struct op_list
    : token<sor<TAO_PEGTL_STRING("intersects"), TAO_PEGTL_STRING("in"), TAO_PEGTL_STRING("pmatch")>> {};

// Set modifiers after a string operator.
struct modifier_word
    : sor<TAO_PEGTL_STRING("oneof"), TAO_PEGTL_STRING("anyof"), TAO_PEGTL_STRING("allof")> {};
struct modifier : token<modifier_word> {};
struct keyword_text
    : seq<sor<TAO_PEGTL_STRING("and"), TAO_PEGTL_STRING("or"), TAO_PEGTL_STRING("not")>,
          not_at<ranges<'a', 'z', 'A', 'Z', '0', '9', '_'>>> {};
// "oneof" is a modifier only when followed by blanks and then "(" or an
// identifier other than and/or/not; otherwise it is an ordinary value.
struct modifier_ahead
    : seq<modifier_word, plus<blank>, sor<one<'('>, seq<not_at<keyword_text>, identifier_text>>> {};

// Transformer names, with their opening parenthesis.
struct transformer_open
    : token<sor<TAO_PEGTL_STRING("tolower("), TAO_PEGTL_STRING("toupper("), TAO_PEGTL_STRING("b64("),
                TAO_PEGTL_STRING("basename("), TAO_PEGTL_STRING("len("), TAO_PEGTL_STRING("join("),
                TAO_PEGTL_STRING("concat("), TAO_PEGTL_STRING("getopt(")>> {};
struct val_open : token<TAO_PEGTL_STRING("val(")> {};

// ---------------------------------------------------------------- structure
struct or_expr;
struct embedded_remainder;
struct transformer;

// "[arg]" after a field or transformer (no blanks inside the brackets).
struct field_arg : sor<quoted_value, field_arg_bare> {};
struct field_arg_part
    : opt<open_bracket, sor<field_arg, raise_message<msg_field_arg>>,
          sor<close_bracket, raise_message<msg_close_bracket>>> {};
struct field_remainder : guarded<field_arg_part> {};
struct field : seq<field_name, field_remainder> {};

// Transformer arguments: fields, transformers, quoted strings, numbers, and
// parenthesised lists of those.
struct transformer_list_arg
    : sor<field, transformer, quoted_value, numeric_value, raise_message<msg_transformer_list_arg>> {};
struct transformer_list
    : seq<open_paren, blanks,
          sor<close_paren,
              seq<transformer_list_arg, blanks, star<comma, blanks, transformer_list_arg, blanks>,
                  sor<close_paren, raise_message<msg_transformer_list_close>>>>> {};
struct transformer_arg_body
    : seq<blanks, sor<numeric_value, quoted_value, transformer_list, transformer, field,
                      raise_message<msg_transformer_arg>>> {};
struct transformer_arg : guarded<transformer_arg_body> {};
struct transformer_remainder_body
    : seq<blanks, transformer_arg, blanks, star<comma, transformer_arg, blanks>, blanks,
          sor<close_paren, raise_message<msg_close_transformer>>, field_arg_part> {};
struct transformer_remainder : guarded<transformer_remainder_body> {};
struct transformer : seq<transformer_open, blanks, transformer_remainder> {};

// val(field): right-hand side only.
struct val_transformer
    : seq<val_open, blanks, sor<field, raise_message<msg_val_field>>, blanks,
          sor<close_paren, raise_message<msg_close_transformer>>> {};
struct transformer_or_val_body : seq<blanks, sor<val_transformer, transformer>> {};
struct transformer_or_val : guarded<transformer_or_val_body> {};

// Right-hand sides.
struct number_rhs_body
    : seq<blanks, sor<transformer_or_val, numeric_value, raise_message<msg_number_value>>> {};
struct number_rhs : guarded<number_rhs_body> {};
struct string_rhs_body
    : seq<blanks, sor<transformer_or_val, quoted_value, bare_string_value,
                      raise_message<msg_string_value>>> {};
struct string_rhs : guarded<string_rhs_body> {};
struct list_item_body
    : seq<blanks, sor<quoted_value, bare_string_value, raise_message<msg_plain_string_value>>> {};
struct list_item : guarded<list_item_body> {};
struct list_items_tail : seq<blanks, star<comma, list_item, blanks>> {};
struct value_list
    : seq<open_paren, blanks,
          list_after_open<list_item, list_items_tail, sor<close_paren, raise_message<msg_close_paren>>>> {};
struct list_rhs_body
    : seq<blanks, sor<value_list, transformer_or_val, identifier_value, raise_message<msg_list_value>>> {};
struct list_rhs : guarded<list_rhs_body> {};
struct modifier_rhs_body
    : seq<blanks, sor<value_list, identifier_value, raise_message<msg_modifier_value>>> {};
struct modifier_rhs : guarded<modifier_rhs_body> {};
struct modified_rhs : seq<modifier, blanks, modifier_rhs> {};

// Operator and right-hand side of a check.
struct string_check_tail
    : sor<seq<op_string_symbol, sor<seq<at<plus<blank>, modifier_ahead>, blanks, modified_rhs>, string_rhs>>,
          seq<op_string_word, sor<seq<at<modifier_ahead>, modified_rhs>, string_rhs>>> {};
struct condition_body
    : seq<blanks, sor<op_exists, seq<op_numeric, number_rhs>, string_check_tail, seq<op_list, list_rhs>,
                      raise_message<msg_operator>>> {};
struct condition : guarded<condition_body> {};

// A check, a parenthesised expression or a macro reference.
struct check_body
    : seq<blanks, sor<seq<open_paren, embedded_remainder>, seq<field, condition>,
                      seq<transformer, condition>, macro_name, raise_message<msg_check_start>>> {};
struct check : guarded<check_body> {};

struct embedded_body
    : seq<blanks, or_expr, blanks, sor<close_paren, raise_message<msg_close_paren>>> {};
struct embedded_remainder : guarded<embedded_body> {};

struct not_body : seq<blanks, star<not_blank>, sor<seq<not_paren, embedded_remainder>, check>> {};
struct not_expr : guarded<not_body> {};

struct and_tail
    : seq<and_keyword,
          sor<seq<plus<blank>, not_expr>, seq<open_paren, embedded_remainder>,
              raise_message<msg_blank_after_and>>,
          blanks> {};
struct and_body : seq<blanks, not_expr, blanks, star<and_tail>> {};
struct and_expr : guarded<and_body> {};

struct or_tail
    : seq<or_keyword,
          sor<seq<plus<blank>, and_expr>, seq<open_paren, embedded_remainder>,
              raise_message<msg_blank_after_or>>,
          blanks> {};
struct or_body : seq<blanks, and_expr, blanks, star<or_tail>> {};
struct or_expr : guarded<or_body> {};

// The whole condition: one expression and nothing after it.
struct condition_text : seq<or_expr, sor<eof, raise_unexpected_token>> {};

}  // namespace eg::condition::grammar
