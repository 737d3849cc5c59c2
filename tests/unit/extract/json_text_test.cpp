// Unit tests for the direct JSON writers (json_text.h) and append_json /
// append_value_json (value_render.h): byte-identical to nlohmann's dump with
// the `replace` error handler, on plain text, escapes, UTF-8 (valid and not)
// and every byte value at every position of the eight-byte scan.
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
  for (int b = 0; b < 256; ++b) {
    for (size_t pos = 0; pos < 17; ++pos) {
      std::string s(17, 'a');
      s[pos] = static_cast<char>(b);
      ASSERT_EQ(written(s), reference(s)) << "byte " << b << " at " << pos;
    }
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
