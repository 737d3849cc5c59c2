// The text form of constant checks (filter_nodes.cpp TextCheck,
// ValueTest::test_text): a test that claims a text form gives, for every
// value, the verdict of its general test; the tests without one (case-
// insensitive operators, globs, regexes, a constant of another type) say so,
// so that their checks keep the general path; and a check built on a text
// field decides as the general check does, including when the field has no
// value.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/compiler/filter_nodes.h"
#include "engine/extract/extractor_kit.h"
#include "engine/state/event_context.h"

namespace eg {
namespace {

using namespace std::string_literals;

const std::vector<std::string>& texts() {
  static const std::vector<std::string> t = {""s, "a"s, "/etc"s, "/etc/"s, "/etc/shadow"s, "/etc\0x"s, "\0"s,
                                             "/usr/bin/sshd"s, "sshd"s, "SSHD"s, "host"s, "/root/.ssh/id_rsa"s,
                                             "x/etc/passwd"s, "/etc/shadow\0junk"s};
  return t;
}

struct Spec {
  CompareOp op;
  Modifier modifier;
  std::vector<std::string> constants;
  bool text_form;  // expected supports_text(CHARBUF)
};

const std::vector<Spec>& specs() {
  static const std::vector<Spec> s = {
      {CompareOp::Eq, Modifier::None, {"sshd"}, true},
      {CompareOp::Ne, Modifier::None, {"host"}, true},
      {CompareOp::StartsWith, Modifier::None, {"/etc/"}, true},
      {CompareOp::Contains, Modifier::None, {"ssh"}, true},
      {CompareOp::EndsWith, Modifier::None, {"shadow"}, true},
      {CompareOp::In, Modifier::None, {"sshd", "/etc", "", "host"}, true},
      {CompareOp::Intersects, Modifier::None, {"sshd", "a"}, true},
      {CompareOp::PMatch, Modifier::None, {"/etc", "/root/.ssh"}, true},
      {CompareOp::StartsWith, Modifier::AnyOf, {"/etc", "/usr/"}, true},
      {CompareOp::Eq, Modifier::AnyOf, {"sshd", "a"}, true},
      {CompareOp::IContains, Modifier::None, {"SSH"}, false},
      {CompareOp::Glob, Modifier::None, {"/etc/*"}, false},
      {CompareOp::IGlob, Modifier::None, {"/ETC/*"}, false},
      {CompareOp::Regex, Modifier::None, {"/etc/.*"}, false},
      {CompareOp::Contains, Modifier::AllOf, {"/", "etc"}, false},
  };
  return s;
}

ValueTestPtr build(const Spec& s, FieldType type = FieldType::CHARBUF) {
  ValueTestSpec spec;
  spec.op = s.op;
  spec.modifier = s.modifier;
  spec.type = type;
  spec.constants = s.constants;
  spec.list_operand = s.constants.size() > 1;
  std::string error;
  auto t = build_value_test(spec, &error);
  EXPECT_TRUE(t) << error;
  return t;
}

TEST(TextForm, SameVerdictAsTheGeneralTest) {
  for (size_t i = 0; i < specs().size(); ++i) {
    auto test = build(specs()[i]);
    ASSERT_TRUE(test);
    EXPECT_EQ(test->supports_text(FieldType::CHARBUF), specs()[i].text_form) << "spec " << i;
    if (!test->supports_text(FieldType::CHARBUF)) continue;
    for (const auto& t : texts())
      EXPECT_EQ(test->test_text(t), test->test(FieldValue::string(FieldType::CHARBUF, t)))
          << "spec " << i << " value '" << t << "'";
  }
}

TEST(TextForm, AConstantOfAnotherTypeHasNone) {
  auto test = build(specs()[0], FieldType::FSPATH);
  ASSERT_TRUE(test);
  EXPECT_FALSE(test->supports_text(FieldType::CHARBUF));
  EXPECT_TRUE(test->supports_text(FieldType::FSPATH));
  auto number = build({CompareOp::Eq, Modifier::None, {"3"}, false}, FieldType::INT64);
  ASSERT_TRUE(number);
  EXPECT_FALSE(number->supports_text(FieldType::INT64));
}

// A text field whose value the test sets (nullopt: no value).
std::optional<std::string> g_value;
bool current_text(const EventContext&, Scratch& sc, std::string_view& out) {
  if (!g_value) return false;
  sc.text = *g_value;
  out = sc.text;
  return true;
}

// The same field seen through extract() only (no text access): the general path.
class ExtractOnly : public Extractor {
 public:
  bool extract(const EventContext& ctx, FieldValues& out) override { return inner_.extract(ctx, out); }
  FieldType type() const override { return FieldType::CHARBUF; }

 private:
  TextFnExtractor inner_{FieldType::CHARBUF, current_text};
};

TEST(TextCheck, SameVerdictAsTheGeneralCheck) {
  EventContext ctx;
  for (size_t i = 0; i < specs().size(); ++i) {
    auto text = make_constant_check(std::make_unique<TextFnExtractor>(FieldType::CHARBUF, current_text),
                                    specs()[i].op, build(specs()[i]));
    auto general = make_constant_check(std::make_unique<ExtractOnly>(), specs()[i].op, build(specs()[i]));
    std::vector<std::optional<std::string>> values(texts().begin(), texts().end());
    values.push_back(std::nullopt);
    for (const auto& v : values) {
      g_value = v;
      EXPECT_EQ(text->evaluate(ctx), general->evaluate(ctx))
          << "spec " << i << " value " << (v ? "'" + *v + "'" : "<NA>");
    }
    g_value = std::nullopt;
    EXPECT_FALSE(text->evaluate(ctx)) << "spec " << i << ": no value is false";
  }
}

}  // namespace
}  // namespace eg
