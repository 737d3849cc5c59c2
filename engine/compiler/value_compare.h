// One comparison `left OP right` between two typed values (§5.4): the single
// place that knows how each type class compares. Constants are parsed into the
// left type beforehand (constant_parser.h); field-to-field checks pass two
// extracted values of the same type. Set-like operators (in, intersects,
// pmatch, regex) are compiled into value tests instead (value_test.h); here
// `in`/`intersects` mean equality with the one right value.
#pragma once

#include <string>

#include "engine/compiler/compare_op.h"
#include "fields/field_value.h"

namespace eg {

// The ordering operators on two numbers (or booleans); false for the others.
template <typename T>
bool compare_ordered(CompareOp op, T a, T b) {
  switch (op) {
    case CompareOp::Eq: case CompareOp::In: case CompareOp::Intersects: return a == b;
    case CompareOp::Ne: return a != b;
    case CompareOp::Lt: return a < b;
    case CompareOp::Le: return a <= b;
    case CompareOp::Gt: return a > b;
    case CompareOp::Ge: return a >= b;
    default: return false;
  }
}

// `scratch` is used by glob matching to NUL-terminate the value.
bool compare_values(CompareOp op, const FieldValue& left, const FieldValue& right,
                    std::string& scratch);

// Address helpers: equality across families is false; a network contains an
// address of its own family whose first prefix_len bits match.
bool address_equal(const IpAddress& a, const IpAddress& b);
// IPV4NET, IPV6NET, IPNET: a constant of such a type is a network.
bool is_network_type(FieldType t);
bool network_contains(const IpAddress& net, uint8_t prefix_len, const IpAddress& addr);

}  // namespace eg
