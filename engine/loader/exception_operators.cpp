// Which comparison operators and left-hand sides an exception may use (§3.2).
// Operators are a fixed table; a field is checked by parsing it as the left
// side of an `exists` check and resolving every field name in the registry.
#include <array>
#include <string_view>

#include "engine/loader/collector.h"
#include "fields/field_registry.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

constexpr std::array<std::string_view, 19> kOperators{
    "=", "==", "!=", "<", "<=", ">", ">=", "contains", "icontains", "bcontains", "startswith",
    "bstartswith", "endswith", "glob", "iglob", "regex", "in", "intersects", "pmatch"};
constexpr std::array<std::string_view, 13> kModifiable{
    "=", "==", "!=", "contains", "icontains", "bcontains", "startswith", "bstartswith",
    "endswith", "glob", "iglob", "regex", "pmatch"};
constexpr std::array<std::string_view, 3> kModifiers{"oneof", "anyof", "allof"};

template <size_t N>
bool in_table(const std::array<std::string_view, N>& table, std::string_view s) {
  for (auto t : table) {
    if (t == s) return true;
  }
  return false;
}

bool operand_fields_exist(const ast::Operand& op) {
  switch (op.kind) {
    case ast::Operand::Kind::Field: {
      FieldLookup lookup = lookup_field(op.name);
      if (!lookup.info) return false;
      if (op.arg && !lookup.info->has(kFieldArgAllowed) && !lookup.info->has(kFieldArgRequired)) return false;
      return true;
    }
    case ast::Operand::Kind::Transformer:
      for (const auto& a : op.args) {
        if (a.kind != ast::Operand::Kind::Value && !operand_fields_exist(a)) return false;
      }
      return !op.args.empty();
    default:
      return false;
  }
}

}  // namespace

bool is_modifier_operator(const std::string& op) {
  auto space = op.find(' ');
  if (space == std::string::npos) return false;
  std::string_view base(op.data(), space);
  std::string_view mod(op.data() + space + 1, op.size() - space - 1);
  // "pmatch" takes no modifier in Falco's table; keep it out.
  return base != "pmatch" && in_table(kModifiable, base) && in_table(kModifiers, mod);
}

bool is_exception_operator(const std::string& op) {
  return in_table(kOperators, op) || op == "exists" || is_modifier_operator(op);
}

bool is_valid_exception_field(const std::string& field) {
  ConditionParseResult parsed = parse_condition(field + " exists");
  if (!parsed.ok() || parsed.expr->kind != ast::Expr::Kind::Check) return false;
  return operand_fields_exist(parsed.expr->lhs);
}

}  // namespace eg
