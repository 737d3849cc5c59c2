// Unit tests for rules path expansion and the wildcard matcher (engine/cli/rules_paths.h).
#include "engine/cli/rules_paths.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace eg::cli {
namespace {
namespace fs = std::filesystem;

TEST(Wildcard, FalcoSemantics) {
  struct Case { const char* pattern; const char* text; bool match; };
  const Case cases[] = {
      {"*", "", true},          {"*", "anything", true},   {"abc", "abc", true},
      {"abc", "abd", false},    {"Read*", "Read sensitive", true}, {"*file", "a file", true},
      {"*b", "abcb", false},    {"a*c", "abc", true},      {"a*c", "ac", true},
      {"a*b*c", "axbyc", true}, {"*.yaml", "x.yaml", true}, {"*.yaml", "x.yml", false},
      {"*.yaml", "conf.yaml.d/x.txt", false}, {"read", "Read", false}, {"**", "x", true},
  };
  for (const auto& c : cases) EXPECT_EQ(wildcard_match(c.pattern, c.text), c.match) << c.pattern << " / " << c.text;
}

TEST(RulesPaths, DirectoryFilesSortedYamlOnly) {
  fs::path dir = fs::temp_directory_path() / ("eg_rules_paths_" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  for (const char* n : {"b.yml", "a.yaml", "c.txt", "sub/z.yaml"}) std::ofstream(dir / n) << "[]";
  std::ofstream(dir / "top.txt") << "[]";
  auto r = expand_rules_paths({(dir).string(), (dir / "top.txt").string(), (dir / "a.yaml").string()});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.files, (std::vector<std::string>{(dir / "a.yaml").string(), (dir / "b.yml").string(),
                                               (dir / "a.yaml").string()}));
  auto missing = expand_rules_paths({(dir / "nope.yaml").string()});
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.error, "Could not open file " + (dir / "nope.yaml").string() + " for reading");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace eg::cli
