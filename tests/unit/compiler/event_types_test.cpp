// Event-code search (§6.1) on a small fake event table, built from ASTs
// directly so that it does not depend on the condition parser.
#include "engine/compiler/event_types.h"

#include <gtest/gtest.h>

#include <map>

namespace eg {
namespace {

using ast::Operand;

// Codes: 0..19; open = {2,3}, close = {4,5}, execve = {6,7}, async = 18, plugin = 19.
const EventCodeSpace& fake_space() {
  static const EventCodeSpace space = [] {
    EventCodeSpace s;
    s.num_codes = 20;
    s.async_code = 18;
    s.plugin_code = 19;
    s.codes_for_name = [](std::string_view n) -> std::vector<uint16_t> {
      static const std::map<std::string, std::vector<uint16_t>, std::less<>> table = {
          {"open", {2, 3}}, {"close", {4, 5}}, {"execve", {6, 7}}};
      auto it = table.find(n);
      return it == table.end() ? std::vector<uint16_t>{} : it->second;
    };
    return s;
  }();
  return space;
}

ast::ExprPtr check(const std::string& field, const std::string& op, const std::string& value) {
  return ast::make_check(Operand::field(field), op, Operand::literal(value));
}

ast::ExprPtr check_list(const std::string& field, const std::string& op,
                        std::vector<std::string> values) {
  Operand list;
  list.kind = Operand::Kind::List;
  for (auto& v : values) list.args.push_back(Operand::literal(v));
  return ast::make_check(Operand::field(field), op, list);
}

ast::ExprPtr both(ast::ExprPtr a, ast::ExprPtr b) {
  std::vector<ast::ExprPtr> c;
  c.push_back(std::move(a));
  c.push_back(std::move(b));
  return ast::make_and(std::move(c));
}

ast::ExprPtr either(ast::ExprPtr a, ast::ExprPtr b) {
  std::vector<ast::ExprPtr> c;
  c.push_back(std::move(a));
  c.push_back(std::move(b));
  return ast::make_or(std::move(c));
}

std::vector<uint16_t> codes_of(const ast::ExprPtr& e) {
  auto r = condition_event_codes(*e, fake_space());
  EXPECT_TRUE(r.ok()) << r.error;
  return r.codes.codes();
}

std::vector<uint16_t> all_but(std::vector<uint16_t> removed) {
  std::vector<uint16_t> out;
  for (uint16_t c = 0; c < 20; ++c)
    if (std::find(removed.begin(), removed.end(), c) == removed.end()) out.push_back(c);
  return out;
}

using Codes = std::vector<uint16_t>;

TEST(EventTypes, EqualityAndIn) {
  EXPECT_EQ(codes_of(check("evt.type", "=", "open")), (Codes{2, 3}));
  EXPECT_EQ(codes_of(check("evt.type", "==", "open")), (Codes{2, 3}));
  EXPECT_EQ(codes_of(check("syscall.type", "=", "execve")), (Codes{6, 7}));
  EXPECT_EQ(codes_of(check_list("evt.type", "in", {"open", "close"})), (Codes{2, 3, 4, 5}));
}

TEST(EventTypes, NotEqualAndNegation) {
  EXPECT_EQ(codes_of(check("evt.type", "!=", "open")), all_but({2, 3}));
  EXPECT_EQ(codes_of(ast::make_not(check("evt.type", "=", "open"))), all_but({2, 3}));
  EXPECT_EQ(codes_of(ast::make_not(check("evt.type", "!=", "open"))), (Codes{2, 3}));
  EXPECT_EQ(codes_of(ast::make_not(ast::make_not(check("evt.type", "=", "open")))), (Codes{2, 3}));
}

TEST(EventTypes, NeutralChecks) {
  EXPECT_EQ(codes_of(check("proc.name", "=", "cat")), all_but({}));
  EXPECT_EQ(codes_of(ast::make_not(check("proc.name", "=", "cat"))), all_but({}));
  EXPECT_EQ(codes_of(check("evt.type", "contains", "open")), all_but({}));
  EXPECT_EQ(codes_of(ast::make_identifier("some_macro")), all_but({}));
  auto with_arg = ast::make_check(Operand::field("evt.type", std::string("x")), "=",
                                  Operand::literal("open"));
  EXPECT_EQ(codes_of(with_arg), all_but({}));
}

TEST(EventTypes, AndOrDeMorgan) {
  EXPECT_EQ(codes_of(both(check("evt.type", "=", "open"), check("proc.name", "=", "x"))),
            (Codes{2, 3}));
  EXPECT_EQ(codes_of(both(check("evt.type", "=", "open"), check("evt.type", "=", "close"))),
            Codes{});
  EXPECT_EQ(codes_of(either(check("evt.type", "=", "open"), check("evt.type", "=", "close"))),
            (Codes{2, 3, 4, 5}));
  // not (open or close) = not open and not close
  EXPECT_EQ(codes_of(ast::make_not(
                either(check("evt.type", "=", "open"), check("evt.type", "=", "close")))),
            all_but({2, 3, 4, 5}));
  // not (open and proc.name = x) = not open or (neutral) = all
  EXPECT_EQ(codes_of(ast::make_not(
                both(check("evt.type", "=", "open"), check("proc.name", "=", "x")))),
            all_but({}));
  EXPECT_EQ(codes_of(both(ast::make_not(check("evt.type", "=", "open")),
                          check("proc.name", "=", "x"))),
            all_but({2, 3}));
}

TEST(EventTypes, Exists) {
  auto exists = [] { return ast::make_check(Operand::field("evt.type"), "exists", std::nullopt); };
  EXPECT_EQ(codes_of(exists()), all_but({}));
  EXPECT_EQ(codes_of(ast::make_not(exists())), Codes{});
  auto other = ast::make_check(Operand::field("fd.name"), "exists", std::nullopt);
  EXPECT_EQ(codes_of(ast::make_not(std::move(other))), all_but({}));
}

TEST(EventTypes, EventNumberSpecialCases) {
  for (auto [op, v] : std::vector<std::pair<std::string, std::string>>{
           {"=", "0"}, {"<", "0"}, {"<", "1"}, {"<=", "0"}}) {
    EXPECT_EQ(codes_of(check("evt.num", op, v)), Codes{}) << op << v;
    EXPECT_EQ(codes_of(ast::make_not(check("evt.num", op, v))), all_but({})) << op << v;
  }
  EXPECT_EQ(codes_of(check_list("evt.num", "in", {})), Codes{});
  EXPECT_EQ(codes_of(check_list("evt.num", "in", {"0", "0"})), Codes{});
  EXPECT_EQ(codes_of(check_list("evt.num", "in", {"0", "1"})), all_but({}));
  for (auto [op, v] : std::vector<std::pair<std::string, std::string>>{
           {"!=", "0"}, {">", "0"}, {">=", "0"}, {">=", "1"}}) {
    EXPECT_EQ(codes_of(check("evt.num", op, v)), all_but({})) << op << v;
    EXPECT_EQ(codes_of(ast::make_not(check("evt.num", op, v))), Codes{}) << op << v;
  }
  EXPECT_EQ(codes_of(ast::make_not(check("evt.num", ">", "5"))), all_but({}));
  EXPECT_EQ(codes_of(both(check("evt.type", "=", "open"), check("evt.num", "=", "0"))), Codes{});
}

TEST(EventTypes, RuleSetsAddAsyncCode) {
  auto e = both(check("evt.type", "=", "open"), check("evt.type", "=", "close"));
  auto r = syscall_rule_event_codes(*e, fake_space());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.codes.codes(), (Codes{18}));
  EXPECT_EQ(non_syscall_rule_event_codes(fake_space()).codes(), (Codes{18, 19}));
}

TEST(EventTypes, UnsupportedForms) {
  Operand val;
  val.kind = Operand::Kind::Transformer;
  val.name = "val";
  val.args.push_back(Operand::field("proc.name"));
  auto e = ast::make_check(Operand::field("evt.type"), "=", val);
  auto r = condition_event_codes(*e, fake_space());
  EXPECT_EQ(r.error,
            "right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported "
            "by event code search");

  Operand upper;
  upper.kind = Operand::Kind::Transformer;
  upper.name = "toupper";
  upper.args.push_back(Operand::field("evt.type"));
  auto t = ast::make_check(upper, "=", Operand::literal("OPEN"));
  EXPECT_EQ(condition_event_codes(*t, fake_space()).error,
            "event code search does not support `evt.type` checks with transformers");
}

}  // namespace
}  // namespace eg
