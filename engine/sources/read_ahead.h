// A read-ahead window over a ByteSource. The capture reader asks for a block's
// bytes with want(n) and reads them in place, instead of two source reads and
// a copy per event: the source is read in large chunks, and a block is a view
// into the window, valid until the next want(). The window grows only as far
// as data actually arrives (a block header lying about its length cannot make
// it allocate more than one chunk beyond what the source delivered).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/sources/byte_source.h"

namespace eg {

class ReadAhead {
 public:
  static constexpr size_t kChunk = 1 << 20;

  explicit ReadAhead(ByteSource& source) : source_(source) {}

  // Makes up to `n` bytes from the current position available and returns
  // them (fewer when the data ends first). Earlier views become invalid.
  // Inline when the bytes are already buffered (nearly every block).
  std::span<uint8_t> want(size_t n) {
    if (end_ - pos_ >= n) return {buf_.data() + pos_, n};
    return refill_and_want(n);
  }
  // Moves the current position `n` bytes on (n <= the last want()'s size).
  void consume(size_t n) { pos_ += n; }
  // Bytes held for the window (its memory budget: the largest block asked
  // for, or what the source delivered, plus one chunk).
  size_t capacity() const { return buf_.size(); }

 private:
  std::span<uint8_t> refill_and_want(size_t n);

  ByteSource& source_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0, end_ = 0;  // unread bytes are buf_[pos_, end_)
  bool ended_ = false;        // the source returned less than asked
};

}  // namespace eg
