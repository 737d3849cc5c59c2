// Offset -> line/column with libsinsp's counting rule (see text_position.h).
#include "parser/condition/text_position.h"

#include <algorithm>

namespace eg::condition {

ast::Position position_at(std::string_view text, size_t offset) {
  ast::Position pos;
  const size_t end = std::min(offset, text.size());
  for (size_t i = 0; i < end; ++i) {
    ++pos.column;
    if (text[i] == '\r' || text[i] == '\n') {
      pos.column = 1;
      ++pos.line;
    }
  }
  pos.offset = static_cast<uint32_t>(offset);
  return pos;
}

}  // namespace eg::condition
