// Parsing event records into RawEvent views (fields/raw_event.h): both header
// layouts, 2- and 4-byte length arrays, legacy nparams inference with its
// quirks, and rejection of every malformed shape without reading out of bounds.
#include "fields/raw_event.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "fields/event_encoder.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

template <typename T>
void put(std::vector<uint8_t>& b, T v) {
  size_t at = b.size();
  b.resize(at + sizeof v);
  std::memcpy(b.data() + at, &v, sizeof v);
}

// A legacy (22-byte header) record of `type` with the given param values.
std::vector<uint8_t> legacy(uint16_t type, const std::vector<std::vector<uint8_t>>& params,
                            int32_t len_adjust = 0) {
  std::vector<uint8_t> b;
  put<uint64_t>(b, 1);
  put<int64_t>(b, 2);
  uint32_t len = kLegacyEventHeaderSize + 2 * params.size();
  for (auto& p : params) len += p.size();
  put<uint32_t>(b, len + len_adjust);
  put<uint16_t>(b, type);
  for (auto& p : params) put<uint16_t>(b, static_cast<uint16_t>(p.size()));
  for (auto& p : params) b.insert(b.end(), p.begin(), p.end());
  return b;
}

TEST(RawEvent, ParsesCurrentLayout) {
  std::vector<uint8_t> fd(8, 0), name = {'/', 'x', 0};
  fd[0] = 3;
  std::vector<ParamBytes> params = {fd, name, {}};
  std::vector<uint8_t> rec;
  ASSERT_TRUE(encode_event(10, 20, 3, params, rec));
  rec.push_back(0xAA);  // block padding after the record is ignored
  RawEvent ev;
  const char* why = nullptr;
  ASSERT_TRUE(parse_raw_event(rec, ev, &why)) << why;
  EXPECT_EQ(ev.ts, 10u);
  EXPECT_EQ(ev.tid, 20);
  EXPECT_EQ(ev.type, 3);
  EXPECT_EQ(ev.nparams, 3u);
  EXPECT_EQ(ev.len, rec.size() - 1);
  EXPECT_EQ(ev.param(0)[0], 3);
  EXPECT_EQ(ev.param(1).size(), 3u);
  EXPECT_FALSE(ev.has_param(2));
  EXPECT_TRUE(ev.param(7).empty());
}

TEST(RawEvent, LargePayloadUsesFourByteLengths) {
  std::vector<uint8_t> big(70000, 'z');
  std::vector<ParamBytes> params = {{}, {}, big};
  std::vector<uint8_t> rec;
  ASSERT_TRUE(encode_event(1, 1, kAsyncEventCode, params, rec));
  EXPECT_EQ(rec.size(), kEventHeaderSize + 3 * 4 + big.size());
  RawEvent ev;
  ASSERT_TRUE(parse_raw_event(rec, ev, nullptr));
  EXPECT_EQ(ev.param(2).size(), big.size());
  // A 2-byte-length type cannot hold it.
  EXPECT_FALSE(encode_event(1, 1, 3, params, rec));
}

TEST(RawEvent, RejectsMalformed) {
  std::vector<uint8_t> v8(8, 0);
  std::vector<ParamBytes> params = {v8, v8};
  std::vector<uint8_t> rec;
  ASSERT_TRUE(encode_event(1, 1, 5, params, rec));
  RawEvent ev;
  const char* why = nullptr;
  for (size_t cut = 0; cut < rec.size(); ++cut) {
    std::vector<uint8_t> part(rec.begin(), rec.begin() + cut);
    EXPECT_FALSE(parse_raw_event(part, ev, &why)) << cut;
  }
  auto with = [&](size_t off, uint32_t v, size_t width) {
    std::vector<uint8_t> r = rec;
    std::memcpy(r.data() + off, &v, width);
    return r;
  };
  EXPECT_FALSE(parse_raw_event(with(22, 33, 4), ev, &why));       // nparams > 32
  EXPECT_STREQ(why, "more than 32 parameters");
  EXPECT_FALSE(parse_raw_event(with(22, 3, 4), ev, &why));        // lengths don't add up
  EXPECT_FALSE(parse_raw_event(with(26, 9, 2), ev, &why));        // first param too long
  EXPECT_STREQ(why, "parameter values exceed the event length");
  EXPECT_FALSE(parse_raw_event(with(26, 7, 2), ev, &why));        // first param too short
  EXPECT_STREQ(why, "parameter lengths do not add up to the event length");
  EXPECT_FALSE(parse_raw_event(with(26, 0xffff, 2), ev, &why));   // far past the end
  EXPECT_STREQ(why, "parameter values exceed the event length");
  EXPECT_FALSE(parse_raw_event(with(16, 10, 4), ev, &why));       // len < header
  EXPECT_FALSE(parse_raw_event(with(22, 0xffffffff, 4), ev, &why));
}

TEST(RawEvent, LegacyInfersParamCount) {
  // access exit: table has res, name, mode; this old record carries two.
  uint16_t access_x = *event_code_by_id("PPME_SYSCALL_ACCESS_X");
  std::vector<uint8_t> res(8, 0xff), name = {'/', 'e', 't', 'c', 0};
  std::vector<uint8_t> rec = legacy(access_x, {res, name});
  RawEvent ev;
  const char* why = nullptr;
  ASSERT_TRUE(parse_legacy_raw_event(rec, ev, &why)) << why;
  EXPECT_EQ(ev.nparams, 2u);
  EXPECT_EQ(ev.param(1).size(), 5u);
  // Zero params.
  rec = legacy(access_x, {});
  ASSERT_TRUE(parse_legacy_raw_event(rec, ev, &why)) << why;
  EXPECT_EQ(ev.nparams, 0u);
  // Lengths that fall short of len are corrupt.
  rec = legacy(access_x, {res}, 3);
  rec.resize(rec.size() + 3);
  EXPECT_FALSE(parse_legacy_raw_event(rec, ev, &why));
}

TEST(RawEvent, LegacyNotificationLengthQuirk) {
  uint16_t notif = *event_code_by_id("PPME_NOTIFICATION_E");
  std::vector<uint8_t> id = {'a', 0}, desc = {'h', 'i', 0};
  std::vector<uint8_t> rec = legacy(notif, {id, desc}, 3);
  rec.resize(rec.size() + 3);  // the block holds the over-stated length
  RawEvent ev;
  const char* why = nullptr;
  ASSERT_TRUE(parse_legacy_raw_event(rec, ev, &why)) << why;
  EXPECT_EQ(ev.nparams, 2u);
  EXPECT_EQ(ev.param(1).size(), 3u);
}

TEST(RawEvent, LegacyUnknownTypeRejected) {
  std::vector<uint8_t> rec = legacy(999, {});
  RawEvent ev;
  const char* why = nullptr;
  EXPECT_FALSE(parse_legacy_raw_event(rec, ev, &why));
}

}  // namespace
}  // namespace eg
