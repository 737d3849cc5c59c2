// Sequential byte input for the capture reader: a file (plain or gzip, through
// zlib, which reads both alike) or a memory buffer (plain or gzip). The reader
// pulls blocks one at a time, so a capture of any size streams in bounded memory.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace eg {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `dst`; returns how many were read. Fewer than
  // `n` means the data ended (or failed: see error()).
  virtual size_t read(uint8_t* dst, size_t n) = 0;
  // Empty unless the underlying data is damaged (e.g. a corrupt gzip stream).
  virtual std::string error() const = 0;
};

// Opens `path`; nullptr (and `error` set) when it cannot be opened.
std::unique_ptr<ByteSource> open_file_source(const std::string& path, std::string& error);

// Reads from `bytes`, which must outlive the source. Gzip data (1F 8B) is inflated.
std::unique_ptr<ByteSource> memory_source(std::span<const uint8_t> bytes);

}  // namespace eg
