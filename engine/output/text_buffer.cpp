// Growing a TextBuffer (see text_buffer.h): out of line, since buffers reach
// their working size after a few alerts and then never grow again.
#include "engine/output/text_buffer.h"

#include <algorithm>

namespace eg::output {

void TextBuffer::grow(size_t n) {
  const size_t cap = std::max({2 * cap_, size_ + n, size_t{1024}});
  std::unique_ptr<char[]> bigger(new char[cap]);
  if (size_ != 0) std::memcpy(bigger.get(), buf_.get(), size_);
  buf_ = std::move(bigger);
  cap_ = cap;
}

}  // namespace eg::output
