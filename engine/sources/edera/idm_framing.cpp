// IDM frame encoder and incremental decoder (idm_framing.h). The decoder keeps
// one buffer with a consumed-prefix index so that feeding small chunks does
// not move bytes on every frame; the prefix is compacted once it dominates.
#include "engine/sources/edera/idm_framing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace eg::edera {
namespace {

constexpr uint8_t kMarker = 0xFF;

uint32_t load_le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

}  // namespace

bool encode_idm_frame(std::span<const uint8_t> body, std::vector<uint8_t>& out,
                      std::string& error) {
  if (body.size() > kMaxIdmPacket) {
    error = fmt::format("IDM packet of {} bytes is over the {}-byte limit", body.size(),
                        kMaxIdmPacket);
    return false;
  }
  const uint32_t n = static_cast<uint32_t>(body.size());
  const uint8_t header[kIdmHeaderSize] = {kMarker, kMarker, static_cast<uint8_t>(n),
                                          static_cast<uint8_t>(n >> 8),
                                          static_cast<uint8_t>(n >> 16),
                                          static_cast<uint8_t>(n >> 24)};
  out.insert(out.end(), header, header + kIdmHeaderSize);
  out.insert(out.end(), body.begin(), body.end());
  return true;
}

bool encode_idm_frame(const krata::idm::transport::IdmTransportPacket& packet,
                      std::vector<uint8_t>& out, std::string& error) {
  const size_t size = packet.ByteSizeLong();
  if (size > kMaxIdmPacket) {
    error = fmt::format("IDM packet of {} bytes is over the {}-byte limit", size, kMaxIdmPacket);
    return false;
  }
  std::string body = packet.SerializeAsString();
  return encode_idm_frame(
      std::span(reinterpret_cast<const uint8_t*>(body.data()), body.size()), out, error);
}

void IdmFrameDecoder::feed(std::span<const uint8_t> bytes) {
  if (start_ > 0 && start_ >= buf_.size() / 2) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buf_.insert(buf_.end(), bytes.begin(), bytes.end());
}

void IdmFrameDecoder::consume(size_t n) {
  start_ += n;
  consumed_ += n;
  if (start_ == buf_.size()) {
    buf_.clear();
    start_ = 0;
  }
}

// The buffer does not start with FF FF: skip to the next candidate marker.
// A lone trailing 0xFF is kept (its partner may be in the next chunk).
bool IdmFrameDecoder::resync(std::string& error) {
  const uint8_t* begin = buf_.data() + start_;
  const uint8_t* end = buf_.data() + buf_.size();
  const uint8_t* p = begin + 1;
  while (p < end && !(p[0] == kMarker && (p + 1 == end || p[1] == kMarker))) ++p;
  const size_t skipped = static_cast<size_t>(p - begin);
  error = fmt::format("IDM stream offset {}: no frame marker, {} bytes skipped", consumed_,
                      skipped);
  ++stats_.resyncs;
  stats_.bytes_discarded += skipped;
  consume(skipped);
  return false;
}

IdmFrameDecoder::Next IdmFrameDecoder::next(krata::idm::transport::IdmTransportPacket& packet,
                                            std::string& error) {
  if (buffered() < 2) {
    if (buffered() == 1 && buf_[start_] != kMarker) {
      resync(error);
      return Next::Error;
    }
    return Next::NeedMore;
  }
  const uint8_t* h = buf_.data() + start_;
  if (h[0] != kMarker || h[1] != kMarker) {
    resync(error);
    return Next::Error;
  }
  if (buffered() < kIdmHeaderSize) return Next::NeedMore;
  const uint32_t len = load_le32(h + 2);
  if (len > max_frame_) {
    error = fmt::format("IDM stream offset {}: frame length {} is over the {}-byte limit",
                        consumed_, len, max_frame_);
    ++stats_.oversized;
    stats_.bytes_discarded += 1;
    consume(1);  // one byte: a real marker may start at the second 0xFF
    return Next::Error;
  }
  if (buffered() < kIdmHeaderSize + len) return Next::NeedMore;
  const uint64_t at = consumed_;
  const bool ok = packet.ParseFromArray(h + kIdmHeaderSize, static_cast<int>(len));
  consume(kIdmHeaderSize + len);
  if (!ok) {
    error = fmt::format("IDM stream offset {}: {}-byte frame body is not an IdmTransportPacket",
                        at, len);
    ++stats_.undecodable;
    return Next::Error;
  }
  ++stats_.frames;
  return Next::Packet;
}

}  // namespace eg::edera
