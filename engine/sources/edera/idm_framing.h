// IDM framing (spec edera-control §4.2): the byte-stream framing between a
// zone and the daemon. Each frame is 0xFF 0xFF, a u32 little-endian body
// length, then the body: one encoded IdmTransportPacket. edera-guard never
// talks IDM to a zone; this exists so tools and tests can read and write IDM
// streams (e.g. a recorded console ring) with the limits of that layer.
//
// The decoder is incremental (bytes arrive in arbitrary chunks, frames may be
// split or merged) and never fails for good: damage is reported and counted,
// decoding goes on.
//   - Resynchronisation: when the buffered bytes do not start with FF FF, the
//     receivers of the reference implementation discard the whole buffer. We
//     discard only up to the next FF FF candidate (or all but a trailing 0xFF),
//     which never loses a frame that follows garbage inside the same chunk and
//     degrades to the reference behaviour when no marker follows.
//   - A length above max_frame (default kMaxIdmPacket) cannot be a frame: one
//     byte is skipped and resynchronisation starts after it (no allocation
//     follows the length; skipping one byte, not the whole marker, keeps a
//     real frame that follows a stray 0xFF).
//   - Without checksums, garbage that looks like a marker with a plausible
//     length holds back the frames after it until that many bytes arrived;
//     that is inherent to the format (the reference has the same limit).
//   - A body that does not decode as an IdmTransportPacket is dropped and
//     reported (the host side of the reference implementation does the same).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "idm/transport.pb.h"

namespace eg::edera {

inline constexpr size_t kIdmHeaderSize = 6;
inline constexpr size_t kMaxIdmPacket = 20u << 20;  // 20 MiB of encoded packet

// Appends the frame of `packet` to `out`. Returns false (out unchanged,
// `error` set) when the encoded packet is larger than kMaxIdmPacket.
bool encode_idm_frame(const krata::idm::transport::IdmTransportPacket& packet,
                      std::vector<uint8_t>& out, std::string& error);
// Same for an already encoded body.
bool encode_idm_frame(std::span<const uint8_t> body, std::vector<uint8_t>& out,
                      std::string& error);

class IdmFrameDecoder {
 public:
  struct Stats {
    uint64_t frames = 0;           // packets decoded
    uint64_t bytes_discarded = 0;  // skipped while resynchronising
    uint64_t resyncs = 0;          // times the stream did not start with a marker
    uint64_t oversized = 0;        // lengths above max_frame
    uint64_t undecodable = 0;      // bodies that are not an IdmTransportPacket
  };

  explicit IdmFrameDecoder(size_t max_frame = kMaxIdmPacket) : max_frame_(max_frame) {}

  // Adds bytes from the stream.
  void feed(std::span<const uint8_t> bytes);

  enum class Next {
    Packet,    // `packet` holds the next packet
    NeedMore,  // no complete frame buffered
    Error,     // a damaged frame or garbage was skipped; `error` says what and where
  };
  // Call until NeedMore after each feed(). Error results do not stop decoding.
  Next next(krata::idm::transport::IdmTransportPacket& packet, std::string& error);

  size_t buffered() const { return buf_.size() - start_; }
  uint64_t stream_offset() const { return consumed_; }  // bytes consumed so far
  const Stats& stats() const { return stats_; }

 private:
  void consume(size_t n);
  bool resync(std::string& error);

  size_t max_frame_;
  std::vector<uint8_t> buf_;
  size_t start_ = 0;        // first unconsumed byte in buf_
  uint64_t consumed_ = 0;   // stream offset of buf_[start_]
  Stats stats_;
};

}  // namespace eg::edera
