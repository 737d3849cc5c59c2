// The operator acceptance table of §5.2 (see operator_support.h).
#include "engine/compiler/operator_support.h"

#include <algorithm>
#include <initializer_list>

namespace eg {
namespace {

using Op = CompareOp;

bool one_of(Op op, std::initializer_list<Op> ops) {
  return std::find(ops.begin(), ops.end(), op) != ops.end();
}

bool numeric_accepts(Op op) {
  return one_of(op, {Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::In, Op::Intersects});
}
bool bool_accepts(Op op) { return one_of(op, {Op::Eq, Op::Ne, Op::In, Op::Intersects}); }
bool string_accepts(Op op) {
  return one_of(op, {Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Contains, Op::IContains,
                     Op::StartsWith, Op::EndsWith, Op::Glob, Op::IGlob, Op::PMatch, Op::Regex,
                     Op::In, Op::Intersects});
}
bool buffer_accepts(Op op) {
  return one_of(op, {Op::Eq, Op::Ne, Op::Contains, Op::BContains, Op::StartsWith,
                     Op::BStartsWith, Op::EndsWith, Op::In, Op::Intersects});
}
bool address_accepts(Op op) { return one_of(op, {Op::Eq, Op::Ne, Op::In, Op::Intersects}); }

bool list_element_type_supported(FieldType t) {
  switch (t) {
    case FieldType::CHARBUF: case FieldType::UINT64: case FieldType::RELTIME:
    case FieldType::ABSTIME: case FieldType::BOOL: case FieldType::IPADDR: case FieldType::IPNET:
      return true;
    default:
      return false;
  }
}

std::string not_supported(std::string_view op_text, std::string_view what) {
  return "filter error: '" + std::string(op_text) + "' operator not supported " + std::string(what);
}

}  // namespace

std::string operator_support_error(CompareOp op, std::string_view op_text, FieldType type,
                                   bool is_list) {
  if (op == Op::Exists) return {};
  if (is_list) {
    if (!list_element_type_supported(type))
      return "list filters are not supported for type '" + std::string(field_type_name(type)) + "'";
    if (op == Op::In || op == Op::Intersects) return {};
    return not_supported(op_text, "list filters");
  }
  switch (type_class(type)) {
    case TypeClass::Numeric:
      return numeric_accepts(op) ? std::string{} : not_supported(op_text, "for numeric filters");
    case TypeClass::Bool:
      return bool_accepts(op) ? std::string{} : not_supported(op_text, "for numeric filters");
    case TypeClass::String:
      return string_accepts(op) ? std::string{} : not_supported(op_text, "for string filters");
    case TypeClass::Buffer:
      return buffer_accepts(op) ? std::string{} : not_supported(op_text, "for buffer filters");
    case TypeClass::Address:
      return address_accepts(op) ? std::string{}
                                 : not_supported(op_text, "for ip address and network filters");
    case TypeClass::Other:
      break;
  }
  return "'" + std::string(op_text) + "' operator not supported for type '" +
         std::string(field_type_name(type)) + "'";
}

}  // namespace eg
