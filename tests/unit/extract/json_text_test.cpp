// Unit tests for the direct JSON writers (json_text.h) and append_json /
// append_value_json (value_render.h): byte-identical to nlohmann's dump with
// the `replace` error handler, on plain text, escapes, UTF-8 (valid and not),
// every byte value at every position of the sixteen-byte scan, every two-byte
// string, the UTF-8 edge sequences and random byte strings.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/extract/json_text.h"
#include "engine/extract/value_render.h"

namespace eg {
namespace {

std::string reference(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string written(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonText, StringsMatchNlohmann) {
  for (std::string s : {"", "plain text /usr/bin/ls -l", "q=\"x\"", "back\\slash", "tab\there", "nl\n",
                        "\x01\x1f\x7f", "uni \xC3\xBC \xE2\x82\xAC", "bad \xFF end", "trunc \xE2\x82",
                        "0123456789abcdef\"", "0123456789abcde\x80"})
    EXPECT_EQ(written(s), reference(s)) << s;
}

TEST(JsonText, EveryByteAtEveryScanPosition) {
  // Lengths 1..40: the word tests of short strings, every position of the
  // sixteen-byte blocks and of the overlapping last block.
  for (size_t len = 1; len <= 40; ++len)
    for (int b = 0; b < 256; ++b)
      for (size_t pos = 0; pos < len; ++pos) {
        std::string s(len, 'a');
        s[pos] = static_cast<char>(b);
        ASSERT_EQ(written(s), reference(s)) << "byte " << b << " at " << pos << " of " << len;
      }
}

TEST(JsonText, EveryTwoByteString) {
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; ++b) {
      const char s[2] = {static_cast<char>(a), static_cast<char>(b)};
      ASSERT_EQ(written({s, 2}), reference(std::string(s, 2))) << a << " " << b;
    }
}

// Every four-byte string over the bytes at the edges of the UTF-8 ranges
// (lead bytes, continuation limits, overlong, surrogate and >U+10FFFF
// starts) and a few ASCII ones: truncated, broken and complete sequences.
TEST(JsonText, Utf8EdgeSequences) {
  const std::vector<unsigned char> edges = {0x00, 0x1f, 0x22, 0x41, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9f,
                                            0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed,
                                            0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
  std::string s(4, ' ');
  for (unsigned char a : edges)
    for (unsigned char b : edges)
      for (unsigned char c : edges)
        for (unsigned char d : edges) {
          s[0] = static_cast<char>(a), s[1] = static_cast<char>(b), s[2] = static_cast<char>(c),
          s[3] = static_cast<char>(d);
          ASSERT_EQ(written(s), reference(s)) << int(a) << " " << int(b) << " " << int(c) << " " << int(d);
        }
}

// Random strings (fixed seed) of every byte value, weighted towards UTF-8
// lead and continuation bytes and the escaped ASCII ones, at random lengths.
TEST(JsonText, RandomStringsMatchNlohmann) {
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  auto next = [&x] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  for (int i = 0; i < 100000; ++i) {
    std::string s(next() % 70, ' ');
    for (char& c : s) {
      uint64_t r = next();
      switch (r % 4) {
        case 0: c = static_cast<char>(r >> 8); break;                       // any byte
        case 1: c = static_cast<char>(0x80 + (r >> 8) % 0x40); break;       // continuation
        case 2: c = static_cast<char>(0xC0 + (r >> 8) % 0x40); break;       // lead
        default: c = "a/ \"\\\n\t\x01\x7f"[(r >> 8) % 9]; break;           // ASCII, escapes
      }
    }
    ASSERT_EQ(written(s), reference(s)) << i;
  }
}

TEST(JsonText, Numbers) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, INT64_MIN, INT64_MAX}) {
    std::string out;
    append_json_int(out, v);
    EXPECT_EQ(out, reference(v));
  }
  for (uint64_t v : {uint64_t{0}, uint64_t{4294967295u}, UINT64_MAX}) {
    std::string out;
    append_json_uint(out, v);
    EXPECT_EQ(out, reference(v));
  }
  for (double v : {0.0, 1.5, -2.25, 1e300, 0.1}) {
    std::string out;
    append_json_double(out, v);
    EXPECT_EQ(out, reference(v));
  }
}

TEST(JsonText, AppendJsonMatchesRenderJson) {
  std::vector<std::pair<RenderSpec, FieldValues>> cases;
  RenderSpec plain;
  plain.format = PrintFormat::Dec;
  cases.push_back({plain, {}});
  cases.push_back({plain, {FieldValue::signed_int(FieldType::INT64, -5)}});
  cases.push_back({plain, {FieldValue::unsigned_int(FieldType::UINT32, 4294967295u)}});
  cases.push_back({plain, {FieldValue::boolean_value(true)}});
  cases.push_back({plain, {FieldValue::floating(2.5)}});
  cases.push_back({plain, {FieldValue::string(FieldType::CHARBUF, "a\"b\xFF")}});
  cases.push_back({plain, {FieldValue::string(FieldType::BYTEBUF, std::string_view("x\0y", 3))}});
  RenderSpec hex;
  hex.format = PrintFormat::Hex;
  cases.push_back({hex, {FieldValue::unsigned_int(FieldType::UINT32, 255)}});
  RenderSpec list = plain;
  list.is_list = true;
  cases.push_back({list, {FieldValue::string(FieldType::CHARBUF, "a"), FieldValue::string(FieldType::CHARBUF, "b")}});
  RenderSpec time = plain;
  time.json_time_as_integer = true;
  cases.push_back({time, {FieldValue::string(FieldType::CHARBUF, "12:00")}});
  cases.back().second[0].u64 = 1700000000000000000ULL;
  RenderSpec zero = plain;
  zero.json_always_zero = true;
  cases.push_back({zero, {FieldValue::unsigned_int(FieldType::RELTIME, 7)}});
  for (const auto& [spec, values] : cases) {
    std::string out;
    append_json(out, spec, values);
    EXPECT_EQ(out, reference(render_json(spec, values)));
  }
}

}  // namespace
}  // namespace eg
