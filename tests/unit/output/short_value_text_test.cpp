// write_short_value_text (engine/extract/value_render.h), the direct way the
// alert formatter writes integers and booleans, against append_value_text
// (the general way) for every integer type, edge values that need the
// type's width applied, each print format and booleans; other values and
// non-decimal formats are left to the general way.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/extract/value_render.h"

namespace eg {
namespace {

TEST(ShortValueText, AgreesWithAppendValueText) {
  using T = FieldType;
  const std::vector<T> types = {T::INT8,  T::INT16,  T::INT32,  T::INT64,   T::UINT8,       T::UINT16,
                                T::UINT32, T::UINT64, T::PID,    T::FD,      T::ERRNO,       T::FD32,
                                T::PID32, T::PORT,   T::UID,    T::GID,     T::ABSTIME,     T::RELTIME,
                                T::MODE,  T::FLAGS8, T::FLAGS16, T::FLAGS32, T::ENUMFLAGS32, T::L4PROTO};
  const std::vector<uint64_t> raws = {0, 1, 9, 10, 99, 127, 128, 255, 256, 65535, 65536, 0x7fffffff, 0x80000000,
                                      0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
                                      ~uint64_t{0}, ~uint64_t{0} - 1, 0xfffffffffffffff6ULL, 1234567890123ULL};
  for (T t : types)
    for (uint64_t raw : raws)
      for (PrintFormat f : {PrintFormat::Dec, PrintFormat::Id, PrintFormat::Hex, PrintFormat::Oct, PrintFormat::Padded}) {
        FieldValue v = FieldValue::unsigned_int(t, raw);
        char buf[kShortValueText];
        char* end = write_short_value_text(buf, v, f);
        if (f != PrintFormat::Dec && f != PrintFormat::Id) {
          EXPECT_EQ(end, nullptr);
          continue;
        }
        ASSERT_NE(end, nullptr) << field_type_name(t);
        std::string want;
        append_value_text(want, v, f);
        EXPECT_EQ(std::string(buf, end), want) << field_type_name(t) << " " << raw;
      }
  for (bool b : {true, false}) {
    char buf[kShortValueText];
    FieldValue v = FieldValue::boolean_value(b);
    std::string want;
    append_value_text(want, v, PrintFormat::Na);
    char* end = write_short_value_text(buf, v, PrintFormat::Na);
    ASSERT_NE(end, nullptr);
    EXPECT_EQ(std::string(buf, end), want);
  }
  char buf[kShortValueText];
  EXPECT_EQ(write_short_value_text(buf, FieldValue::string(T::CHARBUF, "12"), PrintFormat::Na), nullptr);
  EXPECT_EQ(write_short_value_text(buf, FieldValue::floating(1.5), PrintFormat::Dec), nullptr);
}

}  // namespace
}  // namespace eg
