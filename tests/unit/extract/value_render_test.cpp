// Text and JSON rendering of field values, per type and print format, as Falco
// prints them (language reference sections 7.2 and 8.2).
#include "engine/extract/value_render.h"

#include <cstdint>
#include <string>

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

// Values are stored widened and print with their type's width: all bits set
// prints as that many bits in hex, and as the type's value in decimal/JSON.
TEST(ValueRender, IntegerWidthsOfEveryType) {
  struct Case {
    T type;
    int bits;
  };
  for (Case c : {Case{T::UINT8, 8}, {T::L4PROTO, 8}, {T::FLAGS8, 8}, {T::ENUMFLAGS8, 8}, {T::UINT16, 16},
                 {T::PORT, 16}, {T::FLAGS16, 16}, {T::ENUMFLAGS16, 16}, {T::UINT32, 32}, {T::FLAGS32, 32},
                 {T::ENUMFLAGS32, 32}, {T::UID, 32}, {T::GID, 32}, {T::MODE, 32}, {T::UINT64, 64},
                 {T::RELTIME, 64}, {T::ABSTIME, 64}, {T::SYSCALLID, 64}, {T::SIGTYPE, 64}}) {
    FieldValue v = FieldValue::unsigned_int(c.type, UINT64_MAX);
    EXPECT_EQ(text(v, PrintFormat::Hex), std::string(static_cast<size_t>(c.bits / 4), 'F')) << c.bits;
    uint64_t want = c.bits == 64 ? UINT64_MAX : (uint64_t{1} << c.bits) - 1;
    EXPECT_EQ(text(v, PrintFormat::Dec), std::to_string(want));
    EXPECT_EQ(value_json(v, PrintFormat::Dec), nlohmann::json(want));
  }
  for (Case c : {Case{T::INT8, 8}, {T::INT16, 16}, {T::INT32, 32}, {T::FD32, 32}, {T::PID32, 32},
                 {T::INT64, 64}, {T::PID, 64}, {T::FD, 64}, {T::ERRNO, 64}}) {
    FieldValue v = FieldValue::signed_int(c.type, -1);
    EXPECT_EQ(text(v, PrintFormat::Hex), std::string(static_cast<size_t>(c.bits / 4), 'F')) << c.bits;
    EXPECT_EQ(text(v, PrintFormat::Dec), "-1");
    EXPECT_EQ(value_json(v, PrintFormat::Dec), nlohmann::json(-1));
    // a wide value keeps only the type's bits, read as signed
    FieldValue wide = FieldValue::signed_int(c.type, int64_t{0x1234567880});
    int64_t want = c.bits == 8 ? int64_t{-128} : c.bits == 16 ? int64_t{0x7880} : c.bits == 32 ? int64_t{0x34567880}
                                                                                                 : int64_t{0x1234567880};
    EXPECT_EQ(text(wide, PrintFormat::Dec), std::to_string(want)) << c.bits;
  }
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
