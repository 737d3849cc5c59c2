// A growable byte buffer that alert text and JSON are written into through a
// pointer. An alert is some hundred short pieces (literals, keys, field
// values); std::string::append costs a library call and a memcpy call per
// piece, while here a piece of up to sixteen bytes is two overlapping word
// copies inline. Writers ask room() for an upper bound of what they write
// (kSlack more bytes are always there, so a whole word may be stored past the
// end) and commit() the end they reached.
//
// Text known at load time (literals, JSON keys) is kept as PaddedText: its
// bytes are followed by kSlack readable ones, so that it is copied sixteen
// bytes at a time without a library call.
//
// Copying a buffer gives an empty one: buffers are scratch storage of the
// objects holding them (formats, formatters), never shared contents.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace eg::output {

// Copies n bytes; short copies inline (the source is read only within [src, src + n)).
inline void copy_bytes(char* dst, const char* src, size_t n) {
  if (n > 16) {
    std::memcpy(dst, src, n);
  } else if (n >= 8) {
    uint64_t a, b;
    std::memcpy(&a, src, 8);
    std::memcpy(&b, src + n - 8, 8);
    std::memcpy(dst, &a, 8);
    std::memcpy(dst + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, src, 4);
    std::memcpy(&b, src + n - 4, 4);
    std::memcpy(dst, &a, 4);
    std::memcpy(dst + n - 4, &b, 4);
  } else if (n > 0) {
    dst[0] = src[0];
    dst[n / 2] = src[n / 2];
    dst[n - 1] = src[n - 1];
  }
}

inline constexpr size_t kTextSlack = 16;

// Copies n bytes sixteen at a time: `src` must be readable and `dst`
// writable up to n rounded up to a multiple of 16, and at least 16 bytes.
inline void copy_padded(char* dst, const char* src, size_t n) {
  std::memcpy(dst, src, 16);
  if (n <= 16) return;  // most literals and keys
  std::memcpy(dst + 16, src + 16, 16);
  for (size_t i = 32; i < n; i += 16) std::memcpy(dst + i, src + i, 16);
}

class PaddedText {
 public:
  PaddedText() : text_(kTextSlack, '\0') {}
  explicit PaddedText(std::string_view s) : text_(s), size_(s.size()) { text_.append(kTextSlack, '\0'); }
  const char* data() const { return text_.data(); }
  size_t size() const { return size_; }
  std::string_view view() const { return {text_.data(), size_}; }

 private:
  std::string text_;
  size_t size_ = 0;
};

class TextBuffer {
 public:
  static constexpr size_t kSlack = kTextSlack;

  TextBuffer() = default;
  TextBuffer(const TextBuffer&) {}
  TextBuffer& operator=(const TextBuffer&) {
    size_ = 0;
    return *this;
  }
  TextBuffer(TextBuffer&& o) noexcept : buf_(std::move(o.buf_)), size_(o.size_), cap_(o.cap_) { o.size_ = o.cap_ = 0; }
  TextBuffer& operator=(TextBuffer&& o) noexcept {
    buf_ = std::move(o.buf_);
    size_ = o.size_;
    cap_ = o.cap_;
    o.size_ = o.cap_ = 0;
    return *this;
  }

  const char* data() const { return buf_.get(); }
  size_t size() const { return size_; }
  std::string_view view() const { return {buf_.get(), size_}; }
  std::string_view view(size_t start, size_t n) const { return {buf_.get() + start, n}; }
  void clear() { size_ = 0; }

  // Where the next byte goes, with room for n bytes plus kSlack.
  char* room(size_t n) {
    if (cap_ - size_ < n + kSlack) grow(n + kSlack);
    return buf_.get() + size_;
  }
  // The bytes up to `end` (a pointer into the last room()) are written.
  void commit(const char* end) { size_ = static_cast<size_t>(end - buf_.get()); }

  void append(const char* p, size_t n) {
    char* d = room(n);
    copy_bytes(d, p, n);
    size_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  void append(const PaddedText& t) {
    char* d = room(t.size());
    copy_padded(d, t.data(), t.size());
    size_ += t.size();
  }
  void push_back(char c) {
    *room(1) = c;
    ++size_;
  }

 private:
  void grow(size_t n);

  std::unique_ptr<char[]> buf_;
  size_t size_ = 0, cap_ = 0;
};

}  // namespace eg::output
