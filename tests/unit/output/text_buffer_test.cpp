// Unit tests for TextBuffer and copy_bytes (engine/output/text_buffer.h):
// every copy length around the word sizes, growth keeping the contents, and
// copies of a buffer being empty scratch buffers.
#include "engine/output/text_buffer.h"

#include <string>

#include <gtest/gtest.h>

namespace eg::output {
namespace {

TEST(TextBuffer, CopyBytesEveryShortLength) {
  std::string src;
  for (int i = 0; i < 64; ++i) src += static_cast<char>('A' + i % 50);
  for (size_t n = 0; n <= 40; ++n) {
    std::string dst(64, '.');
    copy_bytes(dst.data() + 3, src.data() + 5, n);
    EXPECT_EQ(dst.substr(0, 3), "...") << n;
    EXPECT_EQ(dst.substr(3, n), src.substr(5, n)) << n;
    EXPECT_EQ(dst.substr(3 + n), std::string(61 - n, '.')) << n;
  }
}

TEST(TextBuffer, AppendsAndGrows) {
  TextBuffer b;
  std::string want;
  for (int i = 0; i < 2000; ++i) {
    const std::string piece(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26));
    b.append(piece);
    b.push_back('|');
    want += piece + '|';
  }
  EXPECT_EQ(b.view(), want);
  EXPECT_EQ(b.view(5, 10), want.substr(5, 10));
  char* at = b.room(3);
  at[0] = 'x';
  at[1] = 'y';
  b.commit(at + 2);
  EXPECT_EQ(b.view(), want + "xy");
  b.clear();
  EXPECT_EQ(b.size(), 0u);
  b.append("again");
  EXPECT_EQ(b.view(), "again");
}

TEST(TextBuffer, CopiesAreEmptyMovesKeepTheContents) {
  TextBuffer b;
  b.append("contents");
  TextBuffer copy(b);
  EXPECT_EQ(copy.size(), 0u);
  copy.append("own");
  EXPECT_EQ(copy.view(), "own");
  copy = b;
  EXPECT_EQ(copy.size(), 0u);
  TextBuffer moved(std::move(b));
  EXPECT_EQ(moved.view(), "contents");
  b = std::move(moved);
  EXPECT_EQ(b.view(), "contents");
  moved.append("reused after the move");
  EXPECT_EQ(moved.view(), "reused after the move");
}

}  // namespace
}  // namespace eg::output
