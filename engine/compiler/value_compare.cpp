// Per-type comparison of two values (see value_compare.h).
#include "engine/compiler/value_compare.h"

#include <cstring>

#include "engine/compiler/string_match.h"

namespace eg {
namespace {

bool compare_strings(CompareOp op, std::string_view a, std::string_view b, std::string& scratch) {
  a = as_c_string(a);
  b = as_c_string(b);
  switch (op) {
    case CompareOp::Contains: return a.find(b) != std::string_view::npos;
    case CompareOp::IContains: return contains_ignore_case(a, b);
    case CompareOp::StartsWith: return starts_with(a, b);
    case CompareOp::EndsWith: return ends_with(a, b);
    case CompareOp::Glob: case CompareOp::IGlob:
      return glob_match(std::string(b), a, op == CompareOp::IGlob, scratch);
    default: return compare_ordered(op, a.compare(b), 0);
  }
}

bool compare_buffers(CompareOp op, std::string_view a, std::string_view b) {
  switch (op) {
    case CompareOp::Eq: case CompareOp::In: case CompareOp::Intersects: return a == b;
    case CompareOp::Ne: return a != b;
    case CompareOp::Contains: case CompareOp::BContains: return a.find(b) != std::string_view::npos;
    case CompareOp::StartsWith: case CompareOp::BStartsWith: return a.starts_with(b);
    case CompareOp::EndsWith: return a.ends_with(b);
    default: return false;
  }
}

bool compare_addresses(CompareOp op, const FieldValue& left, const FieldValue& right) {
  // A network-typed field yields an address; only the right side is a network.
  bool match = is_network_type(right.type)
                   ? network_contains(right.ip, right.prefix_len, left.ip)
                   : address_equal(left.ip, right.ip);
  switch (op) {
    case CompareOp::Eq: case CompareOp::In: case CompareOp::Intersects: return match;
    case CompareOp::Ne: return !match;
    default: return false;
  }
}

}  // namespace

bool is_network_type(FieldType t) {
  return t == FieldType::IPV4NET || t == FieldType::IPV6NET || t == FieldType::IPNET;
}

bool address_equal(const IpAddress& a, const IpAddress& b) {
  if (a.family != b.family) return false;
  size_t n = a.family == 4 ? 4 : 16;
  return std::memcmp(a.bytes.data(), b.bytes.data(), n) == 0;
}

bool network_contains(const IpAddress& net, uint8_t prefix_len, const IpAddress& addr) {
  if (net.family != addr.family) return false;
  size_t max_bits = net.family == 4 ? 32 : 128;
  size_t bits = prefix_len > max_bits ? max_bits : prefix_len;
  size_t full = bits / 8;
  if (std::memcmp(net.bytes.data(), addr.bytes.data(), full) != 0) return false;
  size_t rest = bits % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (net.bytes[full] & mask) == (addr.bytes[full] & mask);
}

bool compare_values(CompareOp op, const FieldValue& left, const FieldValue& right,
                    std::string& scratch) {
  if (op == CompareOp::Exists) return true;
  switch (type_class(left.type)) {
    case TypeClass::String: return compare_strings(op, left.str, right.str, scratch);
    case TypeClass::Buffer: return compare_buffers(op, left.str, right.str);
    case TypeClass::Bool: return compare_ordered(op, left.u64 != 0, right.u64 != 0);
    case TypeClass::Address: return compare_addresses(op, left, right);
    case TypeClass::Numeric:
      if (left.type == FieldType::DOUBLE) return compare_ordered(op, left.dbl, right.dbl);
      if (is_signed_numeric(left.type)) return compare_ordered(op, left.i64, right.i64);
      return compare_ordered(op, left.u64, right.u64);
    case TypeClass::Other:
      return compare_ordered(op, left.u64, right.u64);
  }
  return false;
}

}  // namespace eg
