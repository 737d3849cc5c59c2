// ReadAhead (see read_ahead.h).
#include "engine/sources/read_ahead.h"

#include <algorithm>
#include <cstring>

namespace eg {

std::span<uint8_t> ReadAhead::refill_and_want(size_t n) {
  while (end_ - pos_ < n && !ended_) {
    if (pos_ > 0) {  // keep only the unread bytes, at the front
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    // Grow by one chunk at most per read, then fill all the room there is.
    if (buf_.size() < end_ + kChunk) buf_.resize(end_ + kChunk);
    size_t ask = buf_.size() - end_;
    size_t got = source_.read(buf_.data() + end_, ask);
    end_ += got;
    if (got < ask) ended_ = true;
  }
  return {buf_.data() + pos_, std::min(n, end_ - pos_)};
}

}  // namespace eg
