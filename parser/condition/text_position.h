// Maps byte offsets in a condition to the line/column Falco reports.
//
// libsinsp counts every byte as one column and starts a new line after each
// '\r' and after each '\n' (so "\r\n" counts as two line breaks); errors must
// name the same line and column, so the rule is reproduced here rather than
// using the line tracking of the parsing library. PositionMap indexes the
// line starts once so that positioning every AST node stays linear.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "parser/condition/ast.h"

namespace eg::condition {

class PositionMap {
 public:
  explicit PositionMap(std::string_view text);
  ast::Position at(size_t offset) const;

 private:
  std::vector<size_t> line_starts_;  // offset of the first byte of each line
  size_t size_;
};

// One-off lookup (builds a PositionMap).
ast::Position position_at(std::string_view text, size_t offset);

}  // namespace eg::condition
