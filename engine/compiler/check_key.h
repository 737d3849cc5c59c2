// The identity of a check for sharing its result between rules.
//
// Upstream rules repeat the same check outside macros too (`proc.name in
// (...)` with the same list, `fd.name startswith /etc`, `container.id !=
// host`): two checks with the same left operand, operator, modifier and right
// operand give the same verdict on an event, so the compiler lets them share
// one result slot (shared_results.h). The key spells every part that decides
// the verdict, each length-prefixed so that no two different checks collide.
// A check whose value depends on how often it is evaluated (evt.deltatime
// remembers the previous event it saw) has no key.
#pragma once

#include <optional>
#include <string>

#include "parser/condition/ast.h"

namespace eg {

std::optional<std::string> shareable_check_key(const ast::Expr& check);

}  // namespace eg
