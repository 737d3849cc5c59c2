// File and memory byte sources (byte_source.h), both on zlib.
#include "engine/sources/byte_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace eg {
namespace {

class GzFileSource final : public ByteSource {
 public:
  explicit GzFileSource(gzFile f) : file_(f) {}
  ~GzFileSource() override { gzclose(file_); }

  size_t read(uint8_t* dst, size_t n) override {
    size_t total = 0;
    while (total < n) {
      unsigned chunk = static_cast<unsigned>(std::min<size_t>(n - total, INT_MAX / 2));
      int got = gzread(file_, dst + total, chunk);
      if (got <= 0) {
        record_error();
        break;
      }
      total += static_cast<size_t>(got);
    }
    return total;
  }
  std::string error() const override { return error_; }

 private:
  void record_error() {
    int code = Z_OK;
    const char* msg = gzerror(file_, &code);
    if (code != Z_OK && msg) error_ = msg;
  }
  gzFile file_;
  std::string error_;
};

class PlainMemorySource final : public ByteSource {
 public:
  explicit PlainMemorySource(std::span<const uint8_t> b) : bytes_(b) {}
  size_t read(uint8_t* dst, size_t n) override {
    size_t k = std::min(n, bytes_.size() - pos_);
    if (k) std::memcpy(dst, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  std::string error() const override { return {}; }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

class GzipMemorySource final : public ByteSource {
 public:
  explicit GzipMemorySource(std::span<const uint8_t> b) {
    std::memset(&zs_, 0, sizeof zs_);
    zs_.next_in = const_cast<Bytef*>(b.data());
    zs_.avail_in = static_cast<uInt>(std::min<size_t>(b.size(), UINT_MAX));
    if (inflateInit2(&zs_, 15 + 16) != Z_OK) error_ = "cannot initialise zlib";
    else ready_ = true;
  }
  ~GzipMemorySource() override {
    if (ready_) inflateEnd(&zs_);
  }

  size_t read(uint8_t* dst, size_t n) override {
    size_t total = 0;
    while (ready_ && total < n && !done_) {
      zs_.next_out = dst + total;
      zs_.avail_out = static_cast<uInt>(std::min<size_t>(n - total, UINT_MAX));
      uInt before = zs_.avail_out;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      total += before - zs_.avail_out;
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members continue the stream.
        if (zs_.avail_in == 0 || inflateReset(&zs_) != Z_OK) done_ = true;
      } else if (rc != Z_OK) {
        if (rc == Z_BUF_ERROR && zs_.avail_in == 0) error_ = "unexpected end of gzip data";
        else error_ = zs_.msg ? zs_.msg : "corrupt gzip data";
        done_ = true;
      }
    }
    return total;
  }
  std::string error() const override { return error_; }

 private:
  z_stream zs_;
  bool ready_ = false, done_ = false;
  std::string error_;
};

}  // namespace

std::unique_ptr<ByteSource> open_file_source(const std::string& path, std::string& error) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    error = std::string("cannot open ") + path + ": " + std::strerror(errno);
    return nullptr;
  }
  gzbuffer(f, 1 << 17);
  return std::make_unique<GzFileSource>(f);
}

std::unique_ptr<ByteSource> memory_source(std::span<const uint8_t> bytes) {
  if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
    return std::make_unique<GzipMemorySource>(bytes);
  return std::make_unique<PlainMemorySource>(bytes);
}

}  // namespace eg
