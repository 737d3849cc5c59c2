// The number and address forms of constant checks (filter_nodes.cpp
// NumberCheck and AddressCheck, ValueTest::test_number / test_address): a
// test that claims a form gives, for every value, the verdict of its general
// test; and a check built on a field with a plain number or address function
// decides as the general ConstantCheck does over the same values, including
// a missing value, IPv6 and family-less addresses, negative numbers, and the
// `!=` / `in` / `not in` of either-endpoint fields (fd.ip != x: neither end is x).
#include <gtest/gtest.h>

#include <optional>
#include <typeinfo>
#include <string>
#include <vector>

#include "engine/compiler/constant_parser.h"
#include "engine/compiler/filter_nodes.h"
#include "engine/extract/extractor_kit.h"
#include "engine/state/event_context.h"
#include "tests/unit/fast_path_test_util.h"

namespace eg {
namespace {

struct Spec {
  CompareOp op;
  Modifier modifier;
  std::vector<std::string> constants;
};

ValueTestPtr build(const Spec& s, FieldType type) {
  return testing::build_constant_test(s.op, s.modifier, s.constants, type);
}

// ---- numbers ----

const std::vector<int64_t>& numbers() {
  static const std::vector<int64_t> n = {0, 1, -1, 2, 3, 4, 22, 80, 115, -115, 443, 1023, 1024, 65535, 65536,
                                         INT64_MIN, INT64_MAX, -2};
  return n;
}

const std::vector<Spec>& number_specs() {
  static const std::vector<Spec> s = {
      {CompareOp::Eq, Modifier::None, {"0"}},     {CompareOp::Ne, Modifier::None, {"-1"}},
      {CompareOp::Ge, Modifier::None, {"0"}},     {CompareOp::Lt, Modifier::None, {"0"}},
      {CompareOp::Gt, Modifier::None, {"1024"}},  {CompareOp::Le, Modifier::None, {"22"}},
      {CompareOp::In, Modifier::None, {"22", "80", "443", "-1"}},
      {CompareOp::Eq, Modifier::AnyOf, {"3", "4"}}, {CompareOp::Ne, Modifier::AllOf, {"3", "4"}},
      {CompareOp::Gt, Modifier::OneOf, {"1", "100"}},
  };
  return s;
}

// Unsigned types take no negative constant.
bool applies(const Spec& s, FieldType type) {
  if (is_signed_numeric(type)) return true;
  for (const auto& c : s.constants)
    if (c.starts_with("-")) return false;
  return true;
}

FieldValue number_value(FieldType type, int64_t n) {
  if (type == FieldType::BOOL) return FieldValue::boolean_value(n != 0);
  if (is_signed_numeric(type)) return FieldValue::signed_int(type, n);
  return FieldValue::unsigned_int(type, static_cast<uint64_t>(n));
}
uint64_t number_bits(FieldType type, int64_t n) {
  if (type == FieldType::BOOL) return n != 0 ? 1 : 0;
  return static_cast<uint64_t>(n);
}

TEST(NumberForm, SameVerdictAsTheGeneralTest) {
  for (FieldType type : {FieldType::INT64, FieldType::UINT64, FieldType::PORT, FieldType::INT32, FieldType::UINT32}) {
    for (size_t i = 0; i < number_specs().size(); ++i) {
      if (!applies(number_specs()[i], type)) continue;
      auto test = build(number_specs()[i], type);
      ASSERT_TRUE(test);
      ASSERT_TRUE(test->supports_number(type)) << "spec " << i << " type " << field_type_name(type);
      for (int64_t n : numbers()) {
        if (type == FieldType::PORT && (n < 0 || n > 65535)) continue;
        if (type == FieldType::INT32 && (n < INT32_MIN || n > INT32_MAX)) continue;
        if (type == FieldType::UINT32 && (n < 0 || n > UINT32_MAX)) continue;
        EXPECT_EQ(test->test_number(number_bits(type, n)), test->test(number_value(type, n)))
            << "spec " << i << " type " << field_type_name(type) << " value " << n;
      }
    }
  }
  for (const Spec& s : {Spec{CompareOp::Eq, Modifier::None, {"true"}}, Spec{CompareOp::Ne, Modifier::None, {"true"}},
                        Spec{CompareOp::Eq, Modifier::None, {"false"}}}) {
    auto test = build(s, FieldType::BOOL);
    ASSERT_TRUE(test);
    ASSERT_TRUE(test->supports_number(FieldType::BOOL));
    for (int64_t n : {0, 1})
      EXPECT_EQ(test->test_number(number_bits(FieldType::BOOL, n)), test->test(number_value(FieldType::BOOL, n)));
  }
}

TEST(NumberForm, OnlyForTheConstantsType) {
  auto test = build({CompareOp::Eq, Modifier::None, {"3"}}, FieldType::INT64);
  ASSERT_TRUE(test);
  EXPECT_FALSE(test->supports_number(FieldType::UINT64));
  EXPECT_FALSE(test->supports_address());
  auto dbl = build({CompareOp::Eq, Modifier::None, {"3"}}, FieldType::DOUBLE);
  ASSERT_TRUE(dbl);
  EXPECT_FALSE(dbl->supports_number(FieldType::DOUBLE));
  auto text = build({CompareOp::Eq, Modifier::None, {"3"}}, FieldType::CHARBUF);
  ASSERT_TRUE(text);
  EXPECT_FALSE(text->supports_number(FieldType::CHARBUF));
}

// ---- addresses ----

IpAddress v4(const char* text) { return *parse_ipv4(text); }
IpAddress v6(const char* text) { return *parse_ipv6(text); }

const std::vector<IpAddress>& addresses() {
  static const std::vector<IpAddress> a = [] {
    std::vector<IpAddress> v;
    for (const char* s : {"0.0.0.0", "127.0.0.1", "127.255.0.9", "128.0.0.1", "10.0.0.5", "10.255.255.255",
                          "11.0.0.0", "172.16.0.1", "172.31.255.255", "172.32.0.0", "192.168.1.2", "192.169.0.0",
                          "8.8.8.8", "169.254.169.254", "255.255.255.255"})
      v.push_back(v4(s));
    for (const char* s : {"::1", "::", "fe80::1", "febf::ffff", "fec0::", "2001:db8::1", "::ffff:127.0.0.1"})
      v.push_back(v6(s));
    v.push_back(IpAddress{});  // no family (a socket not connected yet)
    IpAddress junk = v4("10.0.0.5");
    junk.bytes[7] = 0xAB;  // bytes past an IPv4 address do not count
    v.push_back(junk);
    return v;
  }();
  return a;
}

struct AddressSpec {
  FieldType type;
  Spec spec;
};

const std::vector<AddressSpec>& address_specs() {
  using F = FieldType;
  static const std::vector<AddressSpec> s = {
      {F::IPADDR, {CompareOp::Eq, Modifier::None, {"10.0.0.5"}}},
      {F::IPADDR, {CompareOp::Ne, Modifier::None, {"0.0.0.0"}}},
      {F::IPADDR, {CompareOp::Eq, Modifier::None, {"::1"}}},
      {F::IPADDR, {CompareOp::Ne, Modifier::None, {"fe80::1"}}},
      {F::IPADDR, {CompareOp::In, Modifier::None, {"8.8.8.8", "::1", "127.0.0.1"}}},
      {F::IPADDR, {CompareOp::Eq, Modifier::AnyOf, {"8.8.8.8", "10.0.0.5"}}},
      {F::IPADDR, {CompareOp::Ne, Modifier::AllOf, {"8.8.8.8", "10.0.0.5"}}},
      {F::IPNET, {CompareOp::Eq, Modifier::None, {"127.0.0.0/8"}}},
      {F::IPNET, {CompareOp::Ne, Modifier::None, {"127.0.0.0/8"}}},
      {F::IPNET, {CompareOp::In, Modifier::None, {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}}},
      {F::IPNET, {CompareOp::Eq, Modifier::None, {"0.0.0.0/0"}}},
      {F::IPNET, {CompareOp::Eq, Modifier::None, {"10.0.0.5/32"}}},
      {F::IPNET, {CompareOp::Eq, Modifier::None, {"169.254.169.254/31"}}},
      {F::IPNET, {CompareOp::Eq, Modifier::None, {"fe80::/10"}}},
      {F::IPNET, {CompareOp::Ne, Modifier::None, {"::1/128"}}},
      {F::IPNET, {CompareOp::Intersects, Modifier::None, {"fe80::/10", "127.0.0.0/8"}}},
      {F::IPNET, {CompareOp::Eq, Modifier::OneOf, {"10.0.0.0/8", "10.0.0.0/24"}}},
  };
  return s;
}

TEST(AddressForm, SameVerdictAsTheGeneralTest) {
  for (size_t i = 0; i < address_specs().size(); ++i) {
    const AddressSpec& s = address_specs()[i];
    auto test = build(s.spec, s.type);
    ASSERT_TRUE(test);
    ASSERT_TRUE(test->supports_address()) << "spec " << i;
    for (size_t j = 0; j < addresses().size(); ++j) {
      const IpAddress& a = addresses()[j];
      EXPECT_EQ(test->test_address(a), test->test(FieldValue::address(s.type, a))) << "spec " << i << " address " << j;
    }
  }
}

// ---- checks ----

// Fields whose values the test sets: a number (nullopt: none) and up to two addresses.
std::optional<uint64_t> g_number;
std::vector<IpAddress> g_addresses;

bool current_number(const EventContext&, uint64_t& out) {
  if (!g_number) return false;
  out = *g_number;
  return true;
}
uint32_t current_addresses(const EventContext&, const IpAddress* out[2]) {
  uint32_t n = 0;
  for (const auto& a : g_addresses) out[n++] = &a;
  return n;
}

using testing::GeneralOnly;

TEST(NumberCheck, SameVerdictAsTheGeneralCheck) {
  EventContext ctx;
  for (FieldType type : {FieldType::INT64, FieldType::PORT}) {
    for (size_t i = 0; i < number_specs().size(); ++i) {
      const Spec& s = number_specs()[i];
      if (!applies(s, type)) continue;
      auto fast = make_constant_check(std::make_unique<NumberFnExtractor>(type, current_number), s.op, build(s, type));
      auto general = make_constant_check(
          std::make_unique<GeneralOnly>(std::make_unique<NumberFnExtractor>(type, current_number)), s.op, build(s, type));
      ASSERT_FALSE(testing::same_node_kind(*fast, *general)) << "spec " << i << " takes the number form";
      auto not_fast = make_not_filter(
          make_constant_check(std::make_unique<NumberFnExtractor>(type, current_number), s.op, build(s, type)));
      std::vector<std::optional<uint64_t>> values = {std::nullopt};
      for (int64_t n : numbers())
        if (type != FieldType::PORT || (n >= 0 && n <= 65535)) values.push_back(number_bits(type, n));
      for (const auto& v : values) {
        g_number = v;
        const bool want = general->evaluate(ctx);
        EXPECT_EQ(fast->evaluate(ctx), want)
            << "spec " << i << " value " << (v ? std::to_string(static_cast<int64_t>(*v)) : "<NA>");
        EXPECT_EQ(not_fast->evaluate(ctx), !want);
      }
      g_number = std::nullopt;
      EXPECT_FALSE(fast->evaluate(ctx)) << "spec " << i << ": no value is false";
    }
  }
}

// Every way a socket's ends can be: none, one, two (equal or not, mixed families).
std::vector<std::vector<IpAddress>> endpoint_sets() {
  std::vector<std::vector<IpAddress>> sets = {{}};
  for (const auto& a : addresses()) sets.push_back({a});
  for (const auto& a : addresses())
    for (const auto& b : addresses()) sets.push_back({a, b});
  return sets;
}

void expect_same_address_verdicts(MatchMode mode) {
  EventContext ctx;
  const auto sets = endpoint_sets();
  for (size_t i = 0; i < address_specs().size(); ++i) {
    const AddressSpec& s = address_specs()[i];
    auto fast = make_constant_check(std::make_unique<AddressFnExtractor>(s.type, current_addresses, mode), s.spec.op,
                                    build(s.spec, s.type));
    auto general = make_constant_check(
        std::make_unique<GeneralOnly>(std::make_unique<AddressFnExtractor>(s.type, current_addresses, mode)), s.spec.op,
        build(s.spec, s.type));
    ASSERT_FALSE(testing::same_node_kind(*fast, *general)) << "spec " << i << " takes the address form";
    auto not_fast = make_not_filter(make_constant_check(
        std::make_unique<AddressFnExtractor>(s.type, current_addresses, mode), s.spec.op, build(s.spec, s.type)));
    for (size_t j = 0; j < sets.size(); ++j) {
      if (mode == MatchMode::Values && sets[j].size() > 1) continue;
      g_addresses = sets[j];
      const bool want = general->evaluate(ctx);
      EXPECT_EQ(fast->evaluate(ctx), want) << "spec " << i << " endpoints " << j;
      EXPECT_EQ(not_fast->evaluate(ctx), !want) << "spec " << i << " endpoints " << j;
    }
    g_addresses.clear();
    EXPECT_FALSE(fast->evaluate(ctx)) << "spec " << i << ": no address is false";
  }
}

TEST(AddressCheck, SameVerdictAsTheGeneralCheckForOneAddress) { expect_same_address_verdicts(MatchMode::Values); }

TEST(AddressCheck, SameVerdictAsTheGeneralCheckForEitherEndpoint) {
  expect_same_address_verdicts(MatchMode::EitherEndpoint);
}

// The either-endpoint meanings themselves: != holds when neither end is the
// constant, = and in when one is; `not in` is the negation of in.
TEST(AddressCheck, EitherEndpointSemantics) {
  EventContext ctx;
  auto check = [&](CompareOp op, std::vector<std::string> cs, FieldType type = FieldType::IPADDR) {
    return make_constant_check(
        std::make_unique<AddressFnExtractor>(type, current_addresses, MatchMode::EitherEndpoint), op,
        build({op, Modifier::None, std::move(cs)}, type));
  };
  auto ne = check(CompareOp::Ne, {"10.0.0.5"});
  auto eq = check(CompareOp::Eq, {"10.0.0.5"});
  auto in = check(CompareOp::In, {"10.0.0.5", "8.8.8.8"});
  auto net_ne = check(CompareOp::Ne, {"127.0.0.0/8"}, FieldType::IPNET);
  g_addresses = {v4("10.0.0.5"), v4("1.1.1.1")};
  EXPECT_FALSE(ne->evaluate(ctx));
  EXPECT_TRUE(eq->evaluate(ctx));
  EXPECT_TRUE(in->evaluate(ctx));
  EXPECT_TRUE(net_ne->evaluate(ctx));
  g_addresses = {v4("1.1.1.1"), v4("127.0.0.1")};
  EXPECT_TRUE(ne->evaluate(ctx));
  EXPECT_FALSE(eq->evaluate(ctx));
  EXPECT_FALSE(in->evaluate(ctx));
  EXPECT_FALSE(net_ne->evaluate(ctx));
  g_addresses.clear();
  EXPECT_FALSE(ne->evaluate(ctx));
  EXPECT_FALSE(net_ne->evaluate(ctx));
}

}  // namespace
}  // namespace eg
