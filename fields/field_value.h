// A typed value produced by a field extractor or decoded from an event parameter.
//
// Values are small and trivially copyable: strings and buffers are views into the
// event's bytes, the state tables, or an extractor's scratch storage, valid until
// the next event. This keeps extraction allocation-free on the hot path.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fields/field_type.h"

namespace eg {

struct IpAddress {
  uint8_t family = 0;                 // 4 or 6 (0 = none)
  std::array<uint8_t, 16> bytes{};    // IPv4 in bytes[0..3], network order
  bool operator==(const IpAddress&) const = default;
};

struct IpNetwork {
  IpAddress addr;
  uint8_t prefix_len = 0;
};

struct FieldValue {
  FieldType type = FieldType::NONE;
  union {
    uint64_t u64;
    int64_t i64;
    double dbl;
    bool boolean;
  };
  std::string_view str;  // CHARBUF / FSPATH / FSRELPATH / BYTEBUF bytes
  IpAddress ip;          // address types
  uint8_t prefix_len = 0;  // network types

  FieldValue() : u64(0) {}
  static FieldValue unsigned_int(FieldType t, uint64_t v) { FieldValue f; f.type = t; f.u64 = v; return f; }
  static FieldValue signed_int(FieldType t, int64_t v) { FieldValue f; f.type = t; f.i64 = v; return f; }
  static FieldValue floating(double v) { FieldValue f; f.type = FieldType::DOUBLE; f.dbl = v; return f; }
  static FieldValue boolean_value(bool v) { FieldValue f; f.type = FieldType::BOOL; f.boolean = v; return f; }
  static FieldValue string(FieldType t, std::string_view s) { FieldValue f; f.type = t; f.str = s; return f; }
  static FieldValue address(FieldType t, const IpAddress& a) { FieldValue f; f.type = t; f.ip = a; return f; }
};

// The values one extraction produced: empty = "no value" (<NA>), one for scalar
// fields, any number for list fields.
using FieldValues = std::vector<FieldValue>;

}  // namespace eg
