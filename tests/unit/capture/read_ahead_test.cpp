// ReadAhead: views of any size across chunk boundaries hold the source's bytes
// in order, a short source ends the data, and a request far beyond the data
// (a lying block length) costs at most one chunk more than what arrived.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "engine/sources/byte_source.h"
#include "engine/sources/read_ahead.h"

namespace eg {
namespace {

std::vector<uint8_t> pattern(size_t n) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>((i * 131) ^ (i >> 9));
  return v;
}

TEST(ReadAhead, ViewsAcrossChunkBoundariesHoldTheBytesInOrder) {
  const std::vector<uint8_t> data = pattern(3 * ReadAhead::kChunk + 17);
  auto source = memory_source(data);
  ReadAhead window(*source);
  size_t pos = 0;
  for (size_t n : {size_t{1}, size_t{8}, ReadAhead::kChunk - 3, size_t{12}, 2 * ReadAhead::kChunk, size_t{5}}) {
    auto view = window.want(n);
    ASSERT_EQ(view.size(), std::min(n, data.size() - pos)) << "at " << pos;
    ASSERT_TRUE(std::equal(view.begin(), view.end(), data.begin() + static_cast<ptrdiff_t>(pos))) << "at " << pos;
    window.consume(view.size());
    pos += view.size();
  }
  EXPECT_EQ(pos, data.size());
  EXPECT_TRUE(window.want(8).empty());
}

TEST(ReadAhead, ALyingLengthCostsAtMostOneChunkBeyondTheData) {
  const std::vector<uint8_t> data = pattern(100);
  auto source = memory_source(data);
  ReadAhead window(*source);
  auto view = window.want(size_t{1} << 30);
  EXPECT_EQ(view.size(), 100u);
  EXPECT_LE(window.capacity(), data.size() + ReadAhead::kChunk);
}

TEST(ReadAhead, WantingWhatIsBufferedDoesNotReadAgain) {
  const std::vector<uint8_t> data = pattern(64);
  auto source = memory_source(data);
  ReadAhead window(*source);
  auto a = window.want(16);
  auto b = window.want(16);
  EXPECT_EQ(a.data(), b.data());
  window.consume(16);
  EXPECT_EQ(window.want(48).size(), 48u);
}

}  // namespace
}  // namespace eg
