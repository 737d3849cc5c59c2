// IDM framing: encoded frames decode back whatever the chunking (one byte at
// a time, split headers, several frames per chunk), garbage before/between
// frames is skipped and reported without losing the frames after it,
// oversized lengths and undecodable bodies are reported and decoding goes on.
#include <gtest/gtest.h>

#include "engine/sources/edera/idm_framing.h"

namespace eg::edera {
namespace {

using krata::idm::transport::IdmTransportPacket;

IdmTransportPacket packet(uint64_t id, size_t data_size) {
  IdmTransportPacket p;
  p.set_id(id);
  p.set_channel(0);
  p.set_form(krata::idm::transport::IDM_TRANSPORT_PACKET_FORM_STREAM_RESPONSE_UPDATE);
  std::string data(data_size, '\0');
  for (size_t i = 0; i < data_size; ++i) data[i] = static_cast<char>(i * 7 + id);
  p.set_data(data);
  return p;
}

struct Decoded {
  std::vector<IdmTransportPacket> packets;
  std::vector<std::string> errors;
};

void drain(IdmFrameDecoder& d, Decoded& out) {
  while (true) {
    IdmTransportPacket p;
    std::string error;
    auto r = d.next(p, error);
    if (r == IdmFrameDecoder::Next::NeedMore) return;
    if (r == IdmFrameDecoder::Next::Packet) out.packets.push_back(p);
    else out.errors.push_back(error);
  }
}

Decoded decode_in_chunks(const std::vector<uint8_t>& bytes, size_t chunk,
                         IdmFrameDecoder& d) {
  Decoded out;
  for (size_t at = 0; at < bytes.size(); at += chunk) {
    size_t n = std::min(chunk, bytes.size() - at);
    d.feed(std::span(bytes.data() + at, n));
    drain(d, out);
  }
  return out;
}

std::vector<uint8_t> frames(const std::vector<IdmTransportPacket>& ps) {
  std::vector<uint8_t> out;
  std::string error;
  for (const auto& p : ps) EXPECT_TRUE(encode_idm_frame(p, out, error)) << error;
  return out;
}

bool same(const IdmTransportPacket& a, const IdmTransportPacket& b) {
  return a.SerializeAsString() == b.SerializeAsString();
}

TEST(IdmFraming, HeaderLayout) {
  std::vector<uint8_t> out;
  std::string error;
  std::vector<uint8_t> body(300, 0xAB);
  ASSERT_TRUE(encode_idm_frame(body, out, error));
  ASSERT_EQ(out.size(), 306u);
  EXPECT_EQ(out[0], 0xFF);
  EXPECT_EQ(out[1], 0xFF);
  EXPECT_EQ(out[2], 300 & 0xFF);  // little-endian (300 = 0x12C: not the low byte only)
  EXPECT_EQ(out[3], 0x01);
  EXPECT_EQ(out[4], 0);
  EXPECT_EQ(out[5], 0);
}

TEST(IdmFraming, AnyChunkingDecodesEveryFrame) {
  std::vector<IdmTransportPacket> ps = {packet(1, 0), packet(2, 10), packet(3, 300),
                                        packet(4, 70000), packet(5, 1)};
  std::vector<uint8_t> bytes = frames(ps);
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{5}, size_t{6}, size_t{7}, size_t{4096},
                       bytes.size()}) {
    SCOPED_TRACE(chunk);
    IdmFrameDecoder d;
    Decoded got = decode_in_chunks(bytes, chunk, d);
    EXPECT_TRUE(got.errors.empty()) << got.errors.front();
    ASSERT_EQ(got.packets.size(), ps.size());
    for (size_t i = 0; i < ps.size(); ++i) EXPECT_TRUE(same(got.packets[i], ps[i]));
    EXPECT_EQ(d.stats().frames, ps.size());
    EXPECT_EQ(d.buffered(), 0u);
    EXPECT_EQ(d.stream_offset(), bytes.size());
  }
}

TEST(IdmFraming, GarbageIsSkippedAndReported) {
  std::vector<uint8_t> bytes = {0x01, 0x02, 0xFF, 0x03};  // garbage, incl. a lone 0xFF
  auto a = frames({packet(1, 20)});
  bytes.insert(bytes.end(), a.begin(), a.end());
  bytes.insert(bytes.end(), {0x00, 0x01});                  // garbage between frames
  auto b = frames({packet(2, 5)});
  bytes.insert(bytes.end(), b.begin(), b.end());
  for (size_t chunk : {size_t{1}, size_t{3}, bytes.size()}) {
    SCOPED_TRACE(chunk);
    IdmFrameDecoder d;
    Decoded got = decode_in_chunks(bytes, chunk, d);
    ASSERT_EQ(got.packets.size(), 2u);
    EXPECT_EQ(got.packets[0].id(), 1u);
    EXPECT_EQ(got.packets[1].id(), 2u);
    EXPECT_FALSE(got.errors.empty());
    EXPECT_NE(got.errors[0].find("no frame marker"), std::string::npos) << got.errors[0];
    EXPECT_EQ(d.stats().bytes_discarded, 6u);
    EXPECT_GE(d.stats().resyncs, 2u);
  }
}

TEST(IdmFraming, OversizedLengthIsReportedWithoutAllocating) {
  std::vector<uint8_t> bytes = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F};  // ~2 GiB claimed
  auto a = frames({packet(9, 3)});
  bytes.insert(bytes.end(), a.begin(), a.end());
  IdmFrameDecoder d;
  Decoded got = decode_in_chunks(bytes, bytes.size(), d);
  ASSERT_EQ(got.packets.size(), 1u);
  EXPECT_EQ(got.packets[0].id(), 9u);
  EXPECT_GE(d.stats().oversized, 1u);
  ASSERT_FALSE(got.errors.empty());
  EXPECT_NE(got.errors[0].find("over the"), std::string::npos) << got.errors[0];
}

TEST(IdmFraming, SmallerLimitApplies) {
  IdmFrameDecoder d(100);
  Decoded got = decode_in_chunks(frames({packet(1, 200), packet(2, 10)}), 64, d);
  ASSERT_EQ(got.packets.size(), 1u);
  EXPECT_EQ(got.packets[0].id(), 2u);
  EXPECT_EQ(d.stats().oversized, 1u);
}

TEST(IdmFraming, UndecodableBodyIsDroppedAndDecodingGoesOn) {
  std::vector<uint8_t> bytes;
  std::string error;
  const std::vector<uint8_t> junk = {0x0F, 0xFF, 0xFF};  // field 1, wire type 7: invalid
  ASSERT_TRUE(encode_idm_frame(junk, bytes, error));
  auto a = frames({packet(3, 8)});
  bytes.insert(bytes.end(), a.begin(), a.end());
  IdmFrameDecoder d;
  Decoded got = decode_in_chunks(bytes, 2, d);
  ASSERT_EQ(got.packets.size(), 1u);
  EXPECT_EQ(got.packets[0].id(), 3u);
  EXPECT_EQ(d.stats().undecodable, 1u);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_NE(got.errors[0].find("not an IdmTransportPacket"), std::string::npos);
}

TEST(IdmFraming, EncoderRefusesPacketsOver20MiB) {
  std::vector<uint8_t> out = {1, 2, 3};
  std::string error;
  EXPECT_FALSE(encode_idm_frame(packet(1, kMaxIdmPacket), out, error));
  EXPECT_EQ(out.size(), 3u);
  EXPECT_NE(error.find("limit"), std::string::npos);
  std::vector<uint8_t> body(kMaxIdmPacket + 1);
  EXPECT_FALSE(encode_idm_frame(body, out, error));
  body.resize(kMaxIdmPacket);
  EXPECT_TRUE(encode_idm_frame(body, out, error));
  EXPECT_EQ(out.size(), 3 + kIdmHeaderSize + kMaxIdmPacket);
}

}  // namespace
}  // namespace eg::edera
