// Table-driven tests of constant parsing (§5.3), operator acceptance (§5.2) and
// operator semantics (§5.4), read from tests/data/compiler/*.json.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/compiler/constant_parser.h"
#include "engine/compiler/operator_support.h"
#include "engine/compiler/value_test.h"

namespace eg {
namespace {

nlohmann::json load_cases(const std::string& name) {
  std::ifstream in(std::string(EG_SOURCE_DIR) + "/tests/data/compiler/" + name);
  EXPECT_TRUE(in.good()) << name;
  return nlohmann::json::parse(in);
}

FieldType type_named(const std::string& name) {
  auto t = field_type_from_name(name);
  EXPECT_TRUE(t.has_value()) << name;
  return t.value_or(FieldType::NONE);
}

// The extracted value of a case: its text parsed like a constant of the type
// (networks are tested with addresses, doubles are written as decimals).
struct ValueHolder {
  Constant c;
  FieldValue value;
};

ValueHolder make_value(FieldType type, const std::string& text) {
  ValueHolder h;
  std::string error;
  if (type == FieldType::DOUBLE) {
    h.value = FieldValue::floating(std::stod(text));
    return h;
  }
  if (type_class(type) == TypeClass::String || type_class(type) == TypeClass::Buffer) {
    h.c.bytes = text;
    h.value = h.c.view();
    h.value.type = type;
    return h;
  }
  FieldType parse_as = type;
  if (type == FieldType::IPNET) parse_as = FieldType::IPADDR;
  auto c = parse_constant(text, parse_as, CompareOp::Eq, &error);
  if (!c && type_class(type) == TypeClass::Numeric && is_signed_numeric(type) == false) {
    c = Constant{};
    c->value = FieldValue::unsigned_int(type, std::stoull(text));
  }
  EXPECT_TRUE(c.has_value()) << text << ": " << error;
  if (c) h.c = std::move(*c);
  h.value = h.c.view();
  h.value.type = type;
  return h;
}

Modifier modifier_named(const std::string& m) { return parse_modifier(m).value_or(Modifier::None); }

TEST(ValueSemantics, OperatorCases) {
  auto cases = load_cases("operator_cases.json");
  ASSERT_GT(cases.size(), 50u);
  for (const auto& k : cases) {
    ValueTestSpec spec;
    spec.type = type_named(k["type"]);
    spec.op = parse_compare_op(k["op"].get<std::string>()).value();
    spec.modifier = modifier_named(k.value("mod", ""));
    if (k["rhs"].is_array()) {
      spec.list_operand = true;
      for (const auto& v : k["rhs"]) spec.constants.push_back(v);
    } else {
      spec.constants.push_back(k["rhs"]);
    }
    std::string error;
    auto test = build_value_test(spec, &error);
    ASSERT_TRUE(test) << k.dump() << ": " << error;
    auto holder = make_value(spec.type, k["value"]);
    EXPECT_EQ(test->test(holder.value), k["expect"].get<bool>()) << k.dump();
  }
}

TEST(ValueSemantics, ConstantErrors) {
  for (const auto& k : load_cases("constant_errors.json")) {
    ValueTestSpec spec;
    spec.type = type_named(k["type"]);
    spec.op = parse_compare_op(k["op"].get<std::string>()).value();
    spec.constants.push_back(k["rhs"]);
    std::string error;
    auto test = build_value_test(spec, &error);
    EXPECT_FALSE(test) << k.dump();
    EXPECT_EQ(error, k["error"].get<std::string>()) << k.dump();
  }
}

TEST(ValueSemantics, OperatorSupport) {
  for (const auto& k : load_cases("operator_support.json")) {
    std::string op_text = k["op"];
    auto op = parse_compare_op(op_text).value();
    EXPECT_EQ(operator_support_error(op, op_text, type_named(k["type"]), k.value("list", false)),
              k["error"].get<std::string>())
        << k.dump();
  }
}

TEST(ValueSemantics, NumberSyntax) {
  EXPECT_EQ(parse_signed_number("  -12"), -12);
  EXPECT_EQ(parse_signed_number("+7"), 7);
  EXPECT_FALSE(parse_signed_number("-"));
  EXPECT_FALSE(parse_signed_number("1e5"));
  EXPECT_FALSE(parse_signed_number("5 "));
  EXPECT_EQ(parse_unsigned_number("-1"), UINT64_MAX);
}

}  // namespace
}  // namespace eg
