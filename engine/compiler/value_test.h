// The right-hand side of a check against constants, compiled once: a test
// applied to each extracted value. Lists become hash sets (`in`, `= anyof`),
// prefix tries (`startswith anyof`), path tries (`pmatch`); regexes become RE2
// objects; modifiers combine one test per element (§5.4).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/compiler/compare_op.h"
#include "fields/field_value.h"

namespace eg {

class ValueTest {
 public:
  virtual ~ValueTest() = default;
  virtual bool test(const FieldValue& value) = 0;
  // A test with a text form (string comparisons with a constant, string
  // sets, prefix and path lists) says so for values of `type`; then
  // test_text(s) is test(FieldValue::string(type, s)) without building it.
  virtual bool supports_text(FieldType /*type*/) const { return false; }
  virtual bool test_text(std::string_view /*text*/) { return false; }
  // A test with a number form (integer and boolean comparisons and sets)
  // says so for values of `type`; then test_number(bits) is test() of the
  // value of `type` whose FieldValue::u64 is `bits`.
  virtual bool supports_number(FieldType /*type*/) const { return false; }
  virtual bool test_number(uint64_t /*bits*/) { return false; }
  // A test with an address form (address and network comparisons and
  // lists) says so; then test_address(a) is test() of an address-typed value
  // holding `a` (its verdict does not depend on which address type).
  virtual bool supports_address() const { return false; }
  virtual bool test_address(const IpAddress& /*address*/) { return false; }
};
using ValueTestPtr = std::unique_ptr<ValueTest>;

struct ValueTestSpec {
  CompareOp op = CompareOp::Eq;
  Modifier modifier = Modifier::None;
  FieldType type = FieldType::CHARBUF;  // the left type after transformers
  std::vector<std::string> constants;   // one for plain operators, any number for lists
  bool list_operand = false;            // right side was written as a list
};

// Parses the constants for the left type and builds the test; nullptr and
// `error` set (Falco's text) on a bad constant or regex.
ValueTestPtr build_value_test(const ValueTestSpec& spec, std::string* error);

}  // namespace eg
