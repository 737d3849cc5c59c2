// Table-driven loader tests: every tests/data/rules_files/NAME.yaml is loaded
// alone and its load summary (loader_summary.h) must equal NAME.expected.
// One case per loader feature and per error/warning code.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/loader/rule_loader.h"
#include "loader_summary.h"
#include "tests/unit/file_text.h"

namespace fs = std::filesystem;

namespace {

fs::path data_dir() { return fs::path(EG_SOURCE_DIR) / "tests" / "data" / "rules_files"; }

using eg::testing::read_text;

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(data_dir())) {
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class RulesFileCase : public ::testing::TestWithParam<std::string> {};

TEST_P(RulesFileCase, SummaryMatches) {
  const std::string name = GetParam();
  eg::RuleLoader loader;
  loader.load({name + ".yaml", read_text(data_dir() / (name + ".yaml"))});
  fs::path expected = data_dir() / (name + ".expected");
  ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
  EXPECT_EQ(read_text(expected), eg::testing::summarize_load(loader));
}

INSTANTIATE_TEST_SUITE_P(RulesFiles, RulesFileCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
