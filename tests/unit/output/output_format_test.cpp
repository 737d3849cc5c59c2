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
