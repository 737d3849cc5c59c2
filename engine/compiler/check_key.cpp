// shareable_check_key() (see check_key.h).
#include "engine/compiler/check_key.h"

namespace eg {
namespace {

void append_part(std::string& out, std::string_view part) {
  out += std::to_string(part.size());
  out += ':';
  out += part;
}

// False when the operand (or one it contains) must not be shared.
bool append_operand(std::string& out, const ast::Operand& o) {
  if ((o.kind == ast::Operand::Kind::Field || o.kind == ast::Operand::Kind::Transformer) &&
      o.name.starts_with("evt.deltatime"))
    return false;
  out += static_cast<char>('0' + static_cast<int>(o.kind));
  out += o.quoted ? 'q' : 'b';
  append_part(out, o.name);
  out += o.arg ? 'a' : 'n';
  if (o.arg) append_part(out, *o.arg);
  append_part(out, o.value);
  out += '(';
  for (const auto& a : o.args)
    if (!append_operand(out, a)) return false;
  out += ')';
  return true;
}

}  // namespace

std::optional<std::string> shareable_check_key(const ast::Expr& check) {
  if (check.kind != ast::Expr::Kind::Check) return std::nullopt;
  std::string key = "\x01" "check";  // never a macro name
  if (!append_operand(key, check.lhs)) return std::nullopt;
  append_part(key, check.op);
  append_part(key, check.modifier);
  key += check.rhs ? 'r' : 'u';
  if (check.rhs && !append_operand(key, *check.rhs)) return std::nullopt;
  return key;
}

}  // namespace eg
