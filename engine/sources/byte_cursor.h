// A bounds-checked little-endian reader over a byte span. Every read past the
// end sets a sticky failure flag and yields zeros, so parsers can read a whole
// record and check ok() once, without ever touching memory outside the span.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>

namespace eg {

class ByteCursor {
 public:
  explicit ByteCursor(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  bool ok() const { return ok_; }
  size_t pos() const { return pos_; }
  size_t left() const { return ok_ ? bytes_.size() - pos_ : 0; }
  size_t size() const { return bytes_.size(); }

  template <typename T>
  T get() {
    T v{};
    if (take(sizeof v)) std::memcpy(&v, bytes_.data() + pos_ - sizeof v, sizeof v);
    return v;
  }
  uint8_t u8() { return get<uint8_t>(); }
  uint16_t u16() { return get<uint16_t>(); }
  uint32_t u32() { return get<uint32_t>(); }
  uint64_t u64() { return get<uint64_t>(); }
  int64_t i64() { return get<int64_t>(); }

  std::span<const uint8_t> bytes(size_t n) {
    if (!take(n)) return {};
    return bytes_.subspan(pos_ - n, n);
  }
  // A metadata-block string: uint16 length, then that many bytes (no NUL).
  std::string str() {
    uint16_t n = u16();
    auto b = bytes(n);
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
  }
  // Moves to absolute position `p` (must be within the span).
  void seek(size_t p) {
    if (p > bytes_.size()) ok_ = false;
    else pos_ = p;
  }
  void fail() { ok_ = false; }

 private:
  bool take(size_t n) {
    if (!ok_ || n > bytes_.size() - pos_) {
      ok_ = false;
      return false;
    }
    pos_ += n;
    return true;
  }
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace eg
