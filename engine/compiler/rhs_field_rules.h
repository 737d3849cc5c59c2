// Rules for checks whose right side is a field (`proc.name = val(proc.pname)`)
// and operator limits of the endpoint fields, with Falco's messages. Falco
// forbids right-hand fields for fields with their own comparison logic
// (fd.ip, fd.net, fd.*net, fd.port, fd.proto, the proc.a* ancestor fields,
// fd.*ip.name, evt.rawarg, evt.around); the registry flag kFieldNoRhs adds to
// that list.
#pragma once

#include <string>
#include <string_view>

#include "engine/compiler/compare_op.h"
#include "engine/compiler/operand_compiler.h"

namespace eg {

// Empty when `left OP right-field` is allowed.
std::string rhs_field_error(CompareOp op, const CompiledOperand& left, const CompiledOperand& right);

// fd.ip supports only =, != and in; fd.port and fd.proto do not support
// intersects (Falco fails at run time; edera-guard rejects them when compiling).
std::string endpoint_operator_error(const CompiledOperand& left, CompareOp op,
                                    std::string_view op_text);

bool supports_rhs_field(const CompiledOperand& operand);

}  // namespace eg
