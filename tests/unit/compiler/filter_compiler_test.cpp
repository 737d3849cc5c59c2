// compile_filter() on fake fields: Falco's compile error texts and the
// evaluation of whole conditions (tests/data/compiler/*.json), parsed with the
// project's condition parser.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/compiler/filter.h"
#include "fake_fields.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

nlohmann::json load_cases(const std::string& name) {
  std::ifstream in(std::string(EG_SOURCE_DIR) + "/tests/data/compiler/" + name);
  EXPECT_TRUE(in.good()) << name;
  return nlohmann::json::parse(in);
}

FilterCompileResult compile_text(const std::string& condition) {
  auto parsed = parse_condition(condition);
  EXPECT_TRUE(parsed.ok()) << condition << ": " << parsed.error;
  if (!parsed.ok()) return {};
  return compile_filter(*parsed.expr, testing::FakeResolver());
}

TEST(FilterCompiler, ErrorMessages) {
  for (const auto& k : load_cases("compile_errors.json")) {
    std::string condition = k["condition"];
    auto r = compile_text(condition);
    EXPECT_FALSE(r.ok()) << condition;
    EXPECT_EQ(r.error, k["error"].get<std::string>()) << condition;
  }
}

TEST(FilterCompiler, Evaluation) {
  for (const auto& k : load_cases("filter_cases.json")) {
    std::string condition = k["condition"];
    auto r = compile_text(condition);
    ASSERT_TRUE(r.ok()) << condition << ": " << r.error;
    testing::current_event().values.clear();
    for (const auto& [name, values] : k["event"].items())
      testing::current_event().values[name] = values.get<std::vector<std::string>>();
    EXPECT_EQ(r.filter->evaluate(testing::fake_context()), k["expect"].get<bool>())
        << condition << " on " << k["event"].dump();
  }
}

TEST(FilterCompiler, ErrorPositionIsTheFailingCheck) {
  auto parsed = parse_condition("proc.name = a and proc.pid = abc");
  ASSERT_TRUE(parsed.ok());
  auto r = compile_filter(*parsed.expr, testing::FakeResolver());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error_pos.offset, parsed.expr->children[1]->pos.offset);
}

TEST(FilterCompiler, UnresolvedMacroIsAnError) {
  auto e = ast::make_identifier("my_macro");
  auto r = compile_filter(*e, testing::FakeResolver());
  EXPECT_EQ(r.error, "Undefined macro 'my_macro' used in filter.");
}

TEST(FilterCompiler, ShortCircuitStopsEvaluation) {
  // The second check reads a field that has no value; with `or` after a true
  // first check it is not reached, with `and` after a false one neither.
  testing::current_event().values = {{"proc.name", {"a"}}};
  auto r = compile_text("proc.name = a or proc.pid = 1");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.filter->evaluate(testing::fake_context()));
}

}  // namespace
}  // namespace eg
