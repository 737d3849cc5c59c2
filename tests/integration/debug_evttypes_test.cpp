// `-d evttypes` through the real binary: one line per loaded rule with its
// event-type set, on the upstream rules (Falco's load order) and on a rules
// file of our own whose sets are known by construction.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/integration/binary_runner.h"

namespace eg::itest {
namespace {

RunResult run_with(std::vector<std::string> args) {
  RunRequest req;
  req.args = std::move(args);
  return run_binary(req);
}

std::string write_rules(const TempDir& dir, const std::string& text) {
  std::string path = dir.path() + "/rules.yaml";
  std::ofstream(path) << text;
  return path;
}

TEST(DebugEvttypes, ShowsTheSetOfEachRule) {
  TempDir dir("eg-evttypes");
  std::string rules = write_rules(dir, R"(
- rule: opens
  desc: d
  condition: evt.type in (open, openat) and fd.name = /etc/shadow
  output: o
  priority: WARNING
- rule: broad
  desc: d
  condition: proc.name = cat
  output: o
  priority: INFO
  warn_evttypes: false
)");
  RunResult r = run_with({"-r", rules, "-d", "evttypes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_TRUE(lines[0].starts_with("opens [syscall, enabled]: ")) << lines[0];
  EXPECT_NE(lines[0].find(": asyncevent open openat"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("(all event types)"), std::string::npos) << lines[1];
}

TEST(DebugEvttypes, UnknownModeIsAnError) {
  RunResult r = run_with({"-d", "nonsense"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Unknown debug mode 'nonsense'"), std::string::npos) << r.err;
}

TEST(DebugEvttypes, UpstreamRulesOneLinePerRule) {
  std::string dir = std::string(EG_SHARED_DIR) + "/compat/rules";
  if (!std::filesystem::exists(dir + "/falco_rules.yaml")) GTEST_SKIP() << "shared corpus absent: " << dir;
  RunResult r = run_with({"-r", dir + "/falco_rules.yaml", "-r", dir + "/falco-incubating_rules.yaml", "-r",
                          dir + "/falco-sandbox_rules.yaml", "-d", "evttypes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  EXPECT_EQ(lines.size(), 25u + 31u + 37u);
  size_t disabled = 0;
  for (const auto& l : lines) disabled += l.find(", disabled]") != std::string::npos;
  EXPECT_EQ(disabled, 12u);
}

}  // namespace
}  // namespace eg::itest
