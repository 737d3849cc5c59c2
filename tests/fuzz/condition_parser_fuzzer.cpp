// libFuzzer target for the condition parser.
//
// Any input must parse or fail with a message and a position inside the text,
// without crashing. Accepted input must print, and the printed form must parse
// back to the same printed form, except where libsinsp's printing is known not
// to be re-parseable (skipped below: Falco prints some values without the
// quotes they would need, and prints nested negations as "not not x").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parser/condition/ast_inventory.h"
#include "parser/condition/ast_printer.h"
#include "parser/condition/condition_parser.h"
#include "parser/condition/string_escaping.h"

namespace {

using eg::ast::Expr;
using eg::ast::Operand;

// A printed value ending in a backslash ends in \\" which libsinsp's lexer
// does not take as the end of the string.
bool ends_in_backslash(std::string_view value) { return !value.empty() && value.back() == '\\'; }

bool prints_back(std::string_view value) {
  if (value.empty()) return false;  // printed as nothing
  return !ends_in_backslash(value) && value.find_first_of("(),\v\f") == std::string_view::npos;
}

bool printed_quoted(const std::string& value) {
  return !value.empty() && !ends_in_backslash(value) &&
         eg::condition::escape_for_print(value).front() == '"';
}

bool round_trips(const Operand& o, bool in_transformer) {
  switch (o.kind) {
    case Operand::Kind::Value:
      // Transformer arguments accept only numbers and quoted strings, yet
      // strings print unquoted unless they need quotes anyway.
      if (in_transformer) return !o.quoted || printed_quoted(o.value);
      return prints_back(o.value);
    case Operand::Kind::Field:
    case Operand::Kind::Transformer:
      if (o.arg && (ends_in_backslash(*o.arg) || o.arg->find_first_of("[]\v\f") != std::string::npos)) {
        return false;
      }
      for (const auto& a : o.args) {
        if (!round_trips(a, o.kind == Operand::Kind::Transformer)) return false;
      }
      return true;
    case Operand::Kind::List:
      for (const auto& a : o.args) {
        if (!round_trips(a, in_transformer)) return false;
      }
      return true;
  }
  return false;
}

bool round_trips(const Expr& e) {
  if (e.kind == Expr::Kind::Not && e.children.front()->kind == Expr::Kind::Not) return false;
  if (e.kind == Expr::Kind::Check) {
    return round_trips(e.lhs, false) && (!e.rhs || round_trips(*e.rhs, false));
  }
  for (const auto& c : e.children) {
    if (!round_trips(*c)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto first = eg::parse_condition(text);
  if (!first.ok()) {
    if (first.error.empty() || first.error_pos.offset > size) std::abort();
    return 0;
  }
  const std::string printed = eg::ast::to_string(*first.expr);
  (void)eg::ast::collect_fields(*first.expr);
  (void)eg::ast::collect_operators(*first.expr);
  if (eg::ast::to_string(*first.expr->clone()) != printed) std::abort();
  if (!round_trips(*first.expr)) return 0;
  const auto second = eg::parse_condition(printed);
  if (!second.ok() || eg::ast::to_string(*second.expr) != printed) std::abort();
  return 0;
}
