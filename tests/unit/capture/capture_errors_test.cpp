// Damaged captures: every event before the damage is delivered, then the
// reader stops with an error naming the byte offset, the block type and the
// cause. Covers truncation at every kind of boundary, lying lengths, bad
// trailers, bad magic, unsupported versions, gzip damage and unreadable files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "capture_test_support.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "fields/event_encoder.h"

namespace eg {
namespace {

// A small capture: metadata plus three events.
std::vector<uint8_t> sample_capture() {
  CaptureBuilder b("host");
  ThreadSnapshot t;
  t.tid = t.pid = 7;
  t.comm = "sh";
  b.add_thread(t);
  b.add("openat", 7, 1000, {{"fd", 3}, {"name", "/etc/passwd"}});
  b.add("close", 7, 2000, {{"res", 0}, {"fd", 3}});
  b.add("getpid", 7, 3000, {});
  return b.bytes();
}

struct Outcome {
  std::vector<uint64_t> nums;
  bool opened = false;
  CaptureReader::Next last = CaptureReader::Next::End;
  std::string error;
  uint64_t error_offset = 0;
};

Outcome read_all(std::span<const uint8_t> bytes) {
  Outcome o;
  auto reader = CaptureReader::open_memory(bytes, {}, o.error);
  if (!reader) return o;
  o.opened = true;
  CaptureEvent ev;
  while ((o.last = reader->next(ev)) == CaptureReader::Next::Event) o.nums.push_back(ev.num);
  o.error = reader->error();
  o.error_offset = reader->error_offset();
  return o;
}

// Offsets of the blocks in a plain capture.
std::vector<size_t> block_offsets(const std::vector<uint8_t>& bytes) {
  std::vector<size_t> out;
  size_t pos = 0;
  while (pos + 8 <= bytes.size()) {
    out.push_back(pos);
    uint32_t len;
    std::memcpy(&len, bytes.data() + pos + 4, 4);
    pos += len;
  }
  return out;
}

TEST(CaptureErrors, IntactSampleReadsCompletely) {
  Outcome o = read_all(sample_capture());
  EXPECT_TRUE(o.opened) << o.error;
  EXPECT_EQ(o.last, CaptureReader::Next::End);
  EXPECT_EQ(o.nums, (std::vector<uint64_t>{1, 2, 3}));
}

TEST(CaptureErrors, TruncationAnywhereStopsWithOffset) {
  std::vector<uint8_t> full = sample_capture();
  std::vector<size_t> blocks = block_offsets(full);
  ASSERT_GE(blocks.size(), 6u);  // SHB, MI, PL, 3 events
  const size_t first_event = blocks[blocks.size() - 3];
  for (size_t cut = 1; cut < full.size(); ++cut) {
    std::vector<uint8_t> part(full.begin(), full.begin() + cut);
    Outcome o = read_all(part);
    bool at_boundary = std::find(blocks.begin(), blocks.end(), cut) != blocks.end();
    if (cut < first_event && !at_boundary) {
      EXPECT_FALSE(o.opened && o.error.empty()) << "cut " << cut;
      continue;
    }
    // Every event whose block is complete is delivered.
    size_t complete = 0;
    for (size_t k = blocks.size() - 3; k < blocks.size(); ++k) {
      size_t end = k + 1 < blocks.size() ? blocks[k + 1] : full.size();
      if (end <= cut) ++complete;
    }
    ASSERT_TRUE(o.opened) << "cut " << cut << ": " << o.error;
    EXPECT_EQ(o.nums.size(), complete) << "cut " << cut;
    if (at_boundary) {
      EXPECT_EQ(o.last, CaptureReader::Next::End) << "cut " << cut;
    } else {
      EXPECT_EQ(o.last, CaptureReader::Next::Error) << "cut " << cut;
      size_t block = *std::prev(std::upper_bound(blocks.begin(), blocks.end(), cut));
      EXPECT_EQ(o.error_offset, block) << "cut " << cut;
      EXPECT_NE(o.error.find("offset " + std::to_string(block)), std::string::npos) << o.error;
      EXPECT_NE(o.error.find("truncated"), std::string::npos) << o.error;
    }
  }
}

TEST(CaptureErrors, BadTrailerNamesBlock) {
  std::vector<uint8_t> bytes = sample_capture();
  std::vector<size_t> blocks = block_offsets(bytes);
  size_t second_event = blocks[blocks.size() - 2];
  uint32_t len;
  std::memcpy(&len, bytes.data() + second_event + 4, 4);
  bytes[second_event + len - 4] ^= 0xff;
  Outcome o = read_all(bytes);
  EXPECT_EQ(o.nums, (std::vector<uint64_t>{1}));
  EXPECT_EQ(o.last, CaptureReader::Next::Error);
  EXPECT_EQ(o.error_offset, second_event);
  EXPECT_NE(o.error.find("event v2 block (type 0x216)"), std::string::npos) << o.error;
  EXPECT_NE(o.error.find("trailer"), std::string::npos) << o.error;
}

TEST(CaptureErrors, CorruptEventLengthNamesBlock) {
  std::vector<uint8_t> bytes = sample_capture();
  std::vector<size_t> blocks = block_offsets(bytes);
  size_t last_event = blocks.back();
  // Event len field: block header 8 + cpuid 2 + ts 8 + tid 8.
  uint32_t huge = 0x7fffffff;
  std::memcpy(bytes.data() + last_event + 8 + 2 + 16, &huge, 4);
  Outcome o = read_all(bytes);
  EXPECT_EQ(o.nums, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(o.last, CaptureReader::Next::Error);
  EXPECT_EQ(o.error_offset, last_event);
  EXPECT_NE(o.error.find("event length exceeds"), std::string::npos) << o.error;
}

TEST(CaptureErrors, LyingParamLengths) {
  std::vector<uint8_t> bytes = sample_capture();
  std::vector<size_t> blocks = block_offsets(bytes);
  size_t first_event = blocks[blocks.size() - 3];
  // First param length (record offset 26, after cpuid): claim 60000 bytes.
  uint16_t big = 60000;
  std::memcpy(bytes.data() + first_event + 8 + 2 + 26, &big, 2);
  Outcome o = read_all(bytes);
  EXPECT_TRUE(o.nums.empty());
  EXPECT_EQ(o.last, CaptureReader::Next::Error);
  EXPECT_NE(o.error.find("parameter"), std::string::npos) << o.error;
}

TEST(CaptureErrors, InvalidBlockLength) {
  std::vector<uint8_t> bytes = sample_capture();
  std::vector<size_t> blocks = block_offsets(bytes);
  uint32_t bad = 5;
  std::memcpy(bytes.data() + blocks[2] + 4, &bad, 4);
  Outcome o = read_all(bytes);
  EXPECT_FALSE(o.opened);
  EXPECT_NE(o.error.find("offset " + std::to_string(blocks[2])), std::string::npos) << o.error;
  EXPECT_NE(o.error.find("invalid block length 5"), std::string::npos) << o.error;
}

TEST(CaptureErrors, NotACapture) {
  std::string text = "this is not a capture file at all, just some text";
  Outcome o = read_all({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
  EXPECT_FALSE(o.opened);
  EXPECT_NE(o.error.find("offset 0"), std::string::npos) << o.error;
}

TEST(CaptureErrors, EmptyInput) {
  Outcome o = read_all({});
  EXPECT_FALSE(o.opened);
  EXPECT_NE(o.error.find("empty file"), std::string::npos) << o.error;
}

TEST(CaptureErrors, BadMagicAndVersion) {
  std::vector<uint8_t> bytes = sample_capture();
  std::vector<uint8_t> swapped = bytes;
  std::reverse(swapped.begin() + 8, swapped.begin() + 12);
  Outcome o = read_all(swapped);
  EXPECT_FALSE(o.opened);
  EXPECT_NE(o.error.find("byte-swapped"), std::string::npos) << o.error;
  std::vector<uint8_t> v2 = bytes;
  v2[12] = 2;  // major version
  o = read_all(v2);
  EXPECT_FALSE(o.opened);
  EXPECT_NE(o.error.find("unsupported file format 2.2"), std::string::npos) << o.error;
}

TEST(CaptureErrors, CorruptMetadataNamesBlock) {
  std::vector<uint8_t> bytes = sample_capture();
  std::vector<size_t> blocks = block_offsets(bytes);
  size_t pl = blocks[2];
  // PL v9 entry_len (first 4 body bytes): larger than the block.
  uint32_t big = 100000;
  std::memcpy(bytes.data() + pl + 8, &big, 4);
  Outcome o = read_all(bytes);
  EXPECT_FALSE(o.opened);
  EXPECT_NE(o.error.find("process list v9 block (type 0x215)"), std::string::npos) << o.error;
  EXPECT_NE(o.error.find("offset " + std::to_string(pl)), std::string::npos) << o.error;
}

TEST(CaptureErrors, UnknownBlocksAndEventTypesAreSkipped) {
  CaptureBuilder b;
  b.add("close", 1, 10, {{"res", 0}, {"fd", 1}});
  std::vector<uint8_t> future = encode_event_by_name("close", 1, 20, {{"res", 0}, {"fd", 1}});
  uint16_t code = 999;
  std::memcpy(future.data() + 20, &code, 2);
  b.add_record(future);
  b.add("close", 1, 30, {{"res", 0}, {"fd", 2}});
  std::vector<uint8_t> bytes = b.bytes();
  // An unknown block type before the events.
  std::vector<size_t> blocks = block_offsets(bytes);
  std::vector<uint8_t> odd = {0x42, 0x42, 0, 0, 16, 0, 0, 0, 1, 2, 3, 4, 16, 0, 0, 0};
  bytes.insert(bytes.begin() + blocks[2], odd.begin(), odd.end());
  Outcome o = read_all(bytes);
  EXPECT_EQ(o.last, CaptureReader::Next::End) << o.error;
  EXPECT_EQ(o.nums, (std::vector<uint64_t>{1, 2}));
}

TEST(CaptureErrors, TruncatedGzipFile) {
  if (!eg::testing::have_shared_corpus()) GTEST_SKIP() << "shared corpus not found";
  std::ifstream in(eg::testing::trace_path("curl_google"), std::ios::binary);
  std::vector<uint8_t> gz((std::istreambuf_iterator<char>(in)), {});
  gz.resize(gz.size() / 2);
  eg::testing::TempDir dir;
  std::string path = dir.file("half.scap.gz");
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(gz.data()),
                                              static_cast<std::streamsize>(gz.size()));
  std::string error;
  auto reader = CaptureReader::open_file(path, {}, error);
  ASSERT_TRUE(reader) << error;
  CaptureEvent ev;
  uint64_t n = 0;
  CaptureReader::Next r;
  while ((r = reader->next(ev)) == CaptureReader::Next::Event) ++n;
  EXPECT_EQ(r, CaptureReader::Next::Error);
  EXPECT_GT(n, 100u);
  EXPECT_NE(reader->error().find("truncated"), std::string::npos) << reader->error();
  // The same data from memory behaves the same.
  auto mem = CaptureReader::open_memory(gz, {}, error);
  ASSERT_TRUE(mem) << error;
  uint64_t m = 0;
  while ((r = mem->next(ev)) == CaptureReader::Next::Event) ++m;
  EXPECT_EQ(r, CaptureReader::Next::Error);
  EXPECT_EQ(m, n);
}

TEST(CaptureErrors, MissingFile) {
  std::string error;
  auto reader = CaptureReader::open_file("/nonexistent/dir/x.scap", {}, error);
  EXPECT_FALSE(reader);
  EXPECT_NE(error.find("/nonexistent/dir/x.scap"), std::string::npos) << error;
}

TEST(CaptureErrors, ConversionErrorStops) {
  // A managed exit with more params than the table knows cannot be converted.
  CaptureBuilder b;
  b.add("close", 1, 10, {{"res", 0}, {"fd", 1}});
  const EventInfo* close = event_info(event_code_for_builder("close"));
  std::vector<ParamBytes> params(close->params.size() + 1);
  std::vector<uint8_t> rec;
  ASSERT_TRUE(encode_event(20, 1, close->code, params, rec));
  if (!close->has(kEfConverterManaged)) GTEST_SKIP() << "close is not converter-managed";
  b.add_record(rec);
  Outcome o = read_all(b.bytes());
  EXPECT_EQ(o.nums, (std::vector<uint64_t>{1}));
  EXPECT_EQ(o.last, CaptureReader::Next::Error);
  EXPECT_NE(o.error.find("conversion failed"), std::string::npos) << o.error;
}

}  // namespace
}  // namespace eg
