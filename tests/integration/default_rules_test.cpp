// The shipped default rules (rules/edera_guard_rules.yaml) on the built-in
// sample attack capture (--demo-capture), through the binary: the rules
// validate, each attack step raises its alert once, the benign page read does
// not, and the summary counts them. Needs nothing outside the repository.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "binary_runner.h"
#include "case_corpus.h"

namespace eg::itest {
namespace {

const std::string kRules = std::string(EG_SOURCE_DIR) + "/rules/edera_guard_rules.yaml";

TEST(DefaultRules, Validate) {
  RunResult r = run_reference_env({"-o", "json_output=false", "-V", kRules}, "");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, kRules + ": Ok\n");
}

TEST(DefaultRules, AlertOnTheSampleAttack) {
  TempDir dir("eg_demo");
  std::string capture = dir.path() + "/demo.scap";
  RunResult w = run_reference_env({"--demo-capture", capture}, "");
  ASSERT_EQ(w.exit_code, 0) << w.err;
  RunResult r = run_reference_env({"-o", "json_output=true", "-o", "syslog_output.enabled=false", "-r", kRules, "-e", capture}, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> alerts;
  std::string summary;
  for (const auto& l : split_lines(r.out)) {
    if (!l.empty() && l[0] == '{') alerts.push_back(nlohmann::json::parse(l));
    else summary += l + "\n";
  }
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Shell spawned by web server", "Critical"},
      {"Read sensitive file", "Warning"},
      {"Write below binary directory", "Error"},
      {"Outbound connection from shell", "Warning"},
  };
  ASSERT_EQ(alerts.size(), want.size()) << r.out << r.err;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(alerts[i]["rule"], want[i].first);
    EXPECT_EQ(alerts[i]["priority"], want[i].second);
    EXPECT_EQ(alerts[i]["output_fields"]["edera.zone.name"], "host");
    EXPECT_EQ(alerts[i]["output_fields"]["proc.pid"], 200);
  }
  EXPECT_EQ(alerts[0]["output_fields"]["proc.pname"], "nginx");
  EXPECT_EQ(alerts[1]["output_fields"]["fd.name"], "/etc/shadow");
  EXPECT_EQ(alerts[2]["output_fields"]["fd.name"], "/usr/bin/kworkerd");
  EXPECT_EQ(alerts[1]["output_fields"]["user.name"], "www-data");
  EXPECT_EQ(summary,
            "Events detected: 4\nRule counts by severity:\n   CRITICAL: 1\n   ERROR: 1\n   WARNING: 2\n"
            "Triggered rules by rule name:\n   Shell spawned by web server: 1\n   Read sensitive file: 1\n"
            "   Write below binary directory: 1\n   Outbound connection from shell: 1\n");
}

}  // namespace
}  // namespace eg::itest
