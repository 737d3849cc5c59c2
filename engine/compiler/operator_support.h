// Which check operators a left-hand type accepts (language reference §5.2),
// with Falco's error texts. Checked at compile time so that evaluation never
// meets an unsupported combination.
#pragma once

#include <string>
#include <string_view>

#include "engine/compiler/compare_op.h"
#include "fields/field_type.h"

namespace eg {

// Empty when `op` may be applied to a value of type `type` (a list of such
// values when `is_list`); otherwise Falco's message. `op_text` is the operator
// as written ("=", "==", "glob", ...), which the message repeats.
std::string operator_support_error(CompareOp op, std::string_view op_text, FieldType type,
                                   bool is_list);

}  // namespace eg
