// Text and JSON rendering of field values, per type and print format, as Falco
// prints them (language reference sections 7.2 and 8.2).
#include "engine/extract/value_render.h"

#include <gtest/gtest.h>

namespace eg {
namespace {

using T = FieldType;

std::string text(const FieldValue& v, PrintFormat f) {
  std::string out;
  append_value_text(out, v, f);
  return out;
}

TEST(ValueRender, Numbers) {
  EXPECT_EQ(text(FieldValue::signed_int(T::INT64, -2), PrintFormat::Dec), "-2");
  EXPECT_EQ(text(FieldValue::unsigned_int(T::UINT64, 5976), PrintFormat::Dec), "5976");
  EXPECT_EQ(text(FieldValue::unsigned_int(T::UINT32, 0x1f), PrintFormat::Hex), "1F");
  EXPECT_EQ(text(FieldValue::unsigned_int(T::UINT64, 42), PrintFormat::Padded), "000000042");
  EXPECT_EQ(text(FieldValue::unsigned_int(T::UINT32, 8), PrintFormat::Oct), "10");
  EXPECT_EQ(text(FieldValue::signed_int(T::INT16, 3), PrintFormat::Id), "3");
}

TEST(ValueRender, DoublesBoolsAddresses) {
  EXPECT_EQ(text(FieldValue::floating(0.19531), PrintFormat::Na), "0.2");
  EXPECT_EQ(text(FieldValue::boolean_value(true), PrintFormat::Na), "true");
  IpAddress v4{4, {10, 0, 0, 79}};
  EXPECT_EQ(text(FieldValue::address(T::IPV4ADDR, v4), PrintFormat::Na), "10.0.0.79");
  IpAddress v6{6, {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3}};
  EXPECT_EQ(text(FieldValue::address(T::IPADDR, v6), PrintFormat::Na), "2001:db8::3");
  EXPECT_EQ(text(FieldValue::address(T::IPNET, v6), PrintFormat::Na), "<IPNET>");
}

TEST(ValueRender, MissingAndLists) {
  RenderSpec scalar;
  EXPECT_EQ(render_text(scalar, {}), "<NA>");
  EXPECT_TRUE(render_json(scalar, {}).is_null());
  RenderSpec list;
  list.is_list = true;
  FieldValues values{FieldValue::string(T::CHARBUF, "ipv6"), FieldValue::string(T::CHARBUF, "file")};
  EXPECT_EQ(render_text(list, values), "(ipv6,file)");
  EXPECT_EQ(render_json(list, values).dump(), R"(["ipv6","file"])");
}

TEST(ValueRender, JsonTypes) {
  EXPECT_EQ(value_json(FieldValue::signed_int(T::INT64, -1), PrintFormat::Dec).dump(), "-1");
  EXPECT_EQ(value_json(FieldValue::unsigned_int(T::UINT32, 0), PrintFormat::Hex).dump(), R"("0")");
  EXPECT_EQ(value_json(FieldValue::unsigned_int(T::UINT64, 7), PrintFormat::Padded).dump(), R"("000000007")");
  EXPECT_EQ(value_json(FieldValue::boolean_value(false), PrintFormat::Na).dump(), "false");
  EXPECT_EQ(value_json(FieldValue::floating(0.5), PrintFormat::Na).dump(), "0.5");
  EXPECT_EQ(value_json(FieldValue::string(T::CHARBUF, "a\"b"), PrintFormat::Na).dump(), R"("a\"b")");
}

TEST(ValueRender, TimeFieldsAreIntegersInJson) {
  RenderSpec spec;
  spec.json_time_as_integer = true;
  FieldValue v = FieldValue::string(T::CHARBUF, "16:17:57.881781397");
  v.u64 = 1470327477881781397ull;
  EXPECT_EQ(render_text(spec, {v}), "16:17:57.881781397");
  EXPECT_EQ(render_json(spec, {v}).dump(), "1470327477881781397");
  RenderSpec padded;
  padded.format = PrintFormat::Padded;
  padded.json_integer_always = true;
  FieldValue ns = FieldValue::unsigned_int(T::ABSTIME, 42);
  EXPECT_EQ(render_text(padded, {ns}), "000000042");
  EXPECT_EQ(render_json(padded, {ns}).dump(), "42");
}

TEST(ValueRender, Buffers) {
  std::string out;
  append_printable_buffer(out, std::string_view("\x7f" "ELF\x02\n", 6));
  EXPECT_EQ(out, ".ELF..");
}

}  // namespace
}  // namespace eg
