// Right-hand field rules (see rhs_field_rules.h).
#include "engine/compiler/rhs_field_rules.h"

#include <array>

namespace eg {
namespace {

constexpr std::array<std::string_view, 20> kNoRhsFields = {
    "fd.ip",     "fd.net",      "fd.cnet",     "fd.snet",      "fd.lnet",       "fd.rnet",
    "fd.port",   "fd.proto",    "evt.rawarg",  "evt.around",   "proc.apid",     "proc.aname",
    "proc.aexe", "proc.aexepath", "proc.acmdline", "proc.aenv", "fd.cip.name",   "fd.sip.name",
    "fd.lip.name", "fd.rip.name",
};

bool is_network(FieldType t) {
  return t == FieldType::IPNET || t == FieldType::IPV4NET || t == FieldType::IPV6NET;
}

}  // namespace

bool supports_rhs_field(const CompiledOperand& operand) {
  if (!operand.field) return true;
  if (operand.field->has(kFieldNoRhs)) return false;
  for (auto name : kNoRhsFields)
    if (name == operand.field_name) return false;
  return true;
}

std::string rhs_field_error(CompareOp op, const CompiledOperand& left, const CompiledOperand& right) {
  if (op == CompareOp::PMatch || op == CompareOp::Regex)
    return "operator '" + std::string(compare_op_upper_name(op)) +
           "' doesn't support right-hand side fields";
  if (is_network(left.type())) return "field type 'IPNET' doesn't support right-hand side fields";
  if (!supports_rhs_field(left))
    return "field '" + left.field_name + "' doesn't support right-hand side fields";
  if (!supports_rhs_field(right))
    return "field '" + right.field_name + "' can't be used as a right-hand side field";
  if (left.type() != right.type() || left.is_list() != right.is_list())
    return "field '" + left.field_name + "' has type '" + std::string(field_type_name(left.type())) +
           "' while the right-hand side field '" + right.field_name + "' has incompatible type '" +
           std::string(field_type_name(right.type())) + "'";
  return {};
}

std::string endpoint_operator_error(const CompiledOperand& left, CompareOp op,
                                    std::string_view op_text) {
  if (left.transformed || op == CompareOp::Exists) return {};
  bool bad = false;
  if (left.field_name == "fd.ip")
    bad = op != CompareOp::Eq && op != CompareOp::Ne && op != CompareOp::In;
  else if (left.field_name == "fd.port" || left.field_name == "fd.proto")
    bad = op == CompareOp::Intersects;
  if (!bad) return {};
  return "filter error: '" + std::string(op_text) + "' operator not supported for field '" +
         left.field_name + "'";
}

}  // namespace eg
