// Offset -> line/column with libsinsp's counting rule (see text_position.h).
#include "parser/condition/text_position.h"

#include <algorithm>

namespace eg::condition {

PositionMap::PositionMap(std::string_view text) : size_(text.size()) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

ast::Position PositionMap::at(size_t offset) const {
  const size_t clamped = std::min(offset, size_);
  // The line is the last one starting at or before the offset.
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), clamped);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  ast::Position pos;
  pos.offset = static_cast<uint32_t>(offset);
  pos.line = static_cast<uint32_t>(line_index + 1);
  pos.column = static_cast<uint32_t>(clamped - line_starts_[line_index] + 1);
  return pos;
}

ast::Position position_at(std::string_view text, size_t offset) {
  return PositionMap(text).at(offset);
}

}  // namespace eg::condition
