// Unit tests for output format compilation and rendering (engine/output/output_format.h).
#include "engine/output/output_format.h"

#include <cstdlib>
#include <ctime>

#include <gtest/gtest.h>

#include "engine/state/event_context.h"

namespace eg::output {
namespace {

struct EventFixture : ::testing::Test {
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    raw.ts = 1534527348514632619ULL;
    raw.tid = 1;
    ctx.event = &raw;
    ctx.evt_num = 211;
  }
  std::string render(const std::string& fmt) {
    std::string err;
    auto f = OutputFormat::compile(fmt, &err);
    EXPECT_TRUE(f.has_value()) << fmt << ": " << err;
    std::string out;
    if (f) f->render_text(ctx, out);
    return out;
  }
  RawEvent raw;
  EventContext ctx;
};

TEST(OutputFormatCompile, InvalidFormats) {
  for (const char* bad : {"%", "abc %", "%10", "100% sure", "%%", "%(evt.num)", "%nosuch.field", "%toupper(evt.num"}) {
    std::string err;
    EXPECT_FALSE(OutputFormat::compile(bad, &err).has_value()) << bad;
    EXPECT_FALSE(err.empty()) << bad;
  }
}

TEST(OutputFormatCompile, LongestPrefixTokens) {
  std::string err;
  auto f = OutputFormat::compile("[%evt.numx] (%evt.num) %evt.num.", &err);
  ASSERT_TRUE(f) << err;
  const auto& t = f->tokens();
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].text, "[");
  EXPECT_EQ(t[1].kind, FormatToken::Field);
  EXPECT_EQ(t[2].text, "x] (");
  EXPECT_EQ(t[4].text, ") ");
  EXPECT_EQ(t[5].kind, FormatToken::Field);
  EXPECT_EQ(t[6].text, ".");
  ASSERT_EQ(f->fields().size(), 1u);  // evt.num compiled once
  EXPECT_EQ(f->fields()[0].key, "evt.num");
}

TEST(OutputFormatCompile, LeadingStarAndContainerInfo) {
  std::string err;
  auto f = OutputFormat::compile("*a %container.info b", &err);
  ASSERT_TRUE(f) << err;
  ASSERT_EQ(f->tokens().size(), 1u);
  EXPECT_EQ(f->tokens()[0].text, "a  b");
}

TEST_F(EventFixture, RendersFieldsWidthAndTime) {
  EXPECT_EQ(render("n=%evt.num"), "n=211");
  EXPECT_EQ(render("|%5evt.num|%2evt.num|%0evt.num|"), "|211  |21|211|");
  EXPECT_EQ(render("%evt.time"), "17:35:48.514632619");
  EXPECT_EQ(render("%evt.time.iso8601"), "2018-08-17T17:35:48.514632619+0000");
}

TEST_F(EventFixture, JsonFields) {
  std::string err;
  auto f = OutputFormat::compile("%evt.num %evt.time %len(evt.num)", &err);
  ASSERT_TRUE(f) << err;
  nlohmann::json j = nlohmann::json::object();
  f->render_fields(ctx, j);
  EXPECT_EQ(j.dump(), R"({"evt.num":211,"evt.time":1534527348514632619})");
  std::string text;
  f->render_text(ctx, text);
  EXPECT_EQ(text, "211 17:35:48.514632619 <NA>");
}

// append_field_json gives what render_fields gives, whether the JSON is
// copied from the rendered text (a plain number), written from the values (a
// time, a number whose last token was padded) or null (no value); the text
// buffer is appended to afterwards, as the alert formatter does.
TEST_F(EventFixture, AppendFieldJsonMatchesRenderFields) {
  for (const char* form : {"%evt.num %evt.time %evt.rawtime", "%5evt.num", "%evt.num %5evt.num", "%5evt.num %evt.num",
                           "%toupper(evt.num)", "x=%evt.num y=%user.uid z=%proc.pid"}) {
    std::string err;
    auto f = OutputFormat::compile(form, &err);
    ASSERT_TRUE(f) << form << ": " << err;
    nlohmann::json want = nlohmann::json::object();
    f->render_fields(ctx, want);
    std::string text = "prefix ";
    f->render_text(ctx, text);
    text += " and more text after it";
    nlohmann::json got = nlohmann::json::object();
    for (size_t i = 0; i < f->fields().size(); ++i) {
      if (!f->field_in_json(i)) continue;
      std::string value;
      f->append_field_json(i, value);
      got[f->fields()[i].key] = nlohmann::json::parse(value);
    }
    EXPECT_EQ(got.dump(), want.dump()) << form;
  }
}

TEST(TextTransformers, Apply) {
  struct Case { const char* name; const char* in; bool ok; const char* out; };
  const Case cases[] = {
      {"toupper", "curl", true, "CURL"}, {"tolower", "/ETC/Hosts", true, "/etc/hosts"},
      {"basename", "/etc/hosts", true, "hosts"}, {"basename", "hosts", true, "hosts"},
      {"b64", "aGVsbG8=", true, "hello"}, {"b64", "not base64!", false, ""}, {"len", "x", false, ""},
  };
  for (const auto& c : cases) {
    std::string v = c.in;
    EXPECT_EQ(apply_text_transformer(c.name, v), c.ok) << c.name << " " << c.in;
    if (c.ok) {
      EXPECT_EQ(v, c.out) << c.name;
    }
  }
}

}  // namespace
}  // namespace eg::output
