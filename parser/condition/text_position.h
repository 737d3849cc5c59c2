// Maps a byte offset in a condition to the line/column Falco reports.
//
// libsinsp counts every byte as one column and starts a new line at each '\r'
// and at each '\n' (so "\r\n" counts as two line breaks); errors must name the
// same line and column, so the rule is reproduced here rather than using the
// line tracking of the parsing library.
#pragma once

#include <cstddef>
#include <string_view>

#include "parser/condition/ast.h"

namespace eg::condition {

ast::Position position_at(std::string_view text, size_t offset);

}  // namespace eg::condition
