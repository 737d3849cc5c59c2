// Shared plumbing of the attack-scenario tests: the scenario captures written
// once per test process, a replay of one capture through the binary with the
// reference configuration plus options, and comparisons of the alerts printed
// with the hand-derived files in tests/data/attack_scenarios/.
#pragma once

#include <string>
#include <vector>

#include "binary_runner.h"

namespace eg::itest {

std::string attack_data_dir();    // tests/data/attack_scenarios
std::string edera_rules_file();   // rules/edera_guard_rules.yaml
std::string upstream_rules_dir(); // shared compat/rules ("" when the corpus is absent)

// Path of the scenario's capture ("all" for every scenario in one capture).
std::string attack_capture(const std::string& scenario);

struct AttackRun {
  RunResult result;
  std::vector<std::string> alerts;   // stdout lines that are alerts
  std::vector<std::string> summary;  // the other stdout lines
  std::string dir;                   // the run's working directory (kept until the process ends)
};

struct AttackRunOptions {
  std::vector<std::string> rules_files;  // default: edera_rules_file()
  std::string config_yaml;               // default: oracle_config_yaml()
  std::vector<std::string> extra_args;   // -o ..., -T ..., -U, ...
  bool text = false;                     // alert lines are text (json_output=false)
};

// Replays `scenario` with TZ=UTC and FALCO_HOSTNAME=golden in a fresh directory.
AttackRun run_attack(const std::string& scenario, const AttackRunOptions& opts = {});

// A fresh working directory that lives until the test process ends.
std::string attack_work_dir();

// Lines of a file below attack_data_dir().
std::vector<std::string> expected_lines(const std::string& relative);

// JSON-equal line by line (with a readable diff on failure).
void expect_json_alerts(const std::vector<std::string>& got, const std::string& expected_file);
// Byte-equal line by line.
void expect_text_alerts(const std::vector<std::string>& got, const std::string& expected_file);

}  // namespace eg::itest
