// Attack-scenario test plumbing (see attack_run.h).
#include "attack_run.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "attack_captures.h"
#include "case_corpus.h"

namespace eg::itest {
namespace fs = std::filesystem;

std::string attack_data_dir() { return std::string(EG_SOURCE_DIR) + "/tests/data/attack_scenarios"; }
std::string edera_rules_file() { return std::string(EG_SOURCE_DIR) + "/rules/edera_guard_rules.yaml"; }

std::string upstream_rules_dir() {
  std::string dir = shared_dir() + "/compat/rules";
  return fs::exists(dir + "/falco_rules.yaml") ? dir : "";
}

namespace {

// Directories made by the tests, removed when the test process ends.
std::vector<std::unique_ptr<TempDir>>& work_dirs() {
  static std::vector<std::unique_ptr<TempDir>> dirs;
  return dirs;
}

bool is_alert_line(const std::string& line, bool text) {
  if (!text) return !line.empty() && line[0] == '{';
  // "HH:MM:SS.nnnnnnnnn: " or "YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000: "
  bool clock = line.size() > 20 && line[2] == ':' && line[5] == ':' && line[8] == '.';
  bool iso = line.size() > 36 && line[4] == '-' && line[10] == 'T';
  return clock || iso;
}

}  // namespace

std::string attack_work_dir() {
  work_dirs().push_back(std::make_unique<TempDir>("eg_attack"));
  return work_dirs().back()->path();
}

std::string attack_capture(const std::string& scenario) {
  static std::map<std::string, std::string> written;
  static const std::string dir = attack_work_dir();
  auto it = written.find(scenario);
  if (it != written.end()) return it->second;
  std::string path = dir + "/" + scenario + ".scap", error;
  if (!write_attack_capture(scenario, path, error)) {
    ADD_FAILURE() << "cannot write capture " << scenario << ": " << error;
    return path;
  }
  return written[scenario] = path;
}

AttackRun run_attack(const std::string& scenario, const AttackRunOptions& opts) {
  AttackRun run;
  run.dir = attack_work_dir();
  std::ofstream(run.dir + "/config.yaml") << (opts.config_yaml.empty() ? oracle_config_yaml() : opts.config_yaml);
  std::vector<std::string> args{"-c", run.dir + "/config.yaml"};
  std::vector<std::string> rules = opts.rules_files.empty() ? std::vector<std::string>{edera_rules_file()}
                                                            : opts.rules_files;
  for (const auto& r : rules) args.insert(args.end(), {"-r", r});
  args.insert(args.end(), opts.extra_args.begin(), opts.extra_args.end());
  args.insert(args.end(), {"-e", attack_capture(scenario)});
  run.result = run_reference_env(args, run.dir);
  for (const auto& l : split_lines(run.result.out))
    (is_alert_line(l, opts.text) ? run.alerts : run.summary).push_back(l);
  return run;
}

std::vector<std::string> expected_lines(const std::string& relative) {
  std::string path = attack_data_dir() + "/" + relative;
  EXPECT_TRUE(fs::exists(path)) << "missing expected file " << path;
  return split_lines(read_file(path));
}

void expect_json_alerts(const std::vector<std::string>& got, const std::string& expected_file) {
  std::vector<std::string> want = expected_lines(expected_file);
  EXPECT_EQ(got.size(), want.size()) << "alert count differs from " << expected_file;
  for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    nlohmann::json g = nlohmann::json::parse(got[i], nullptr, false);
    nlohmann::json w = nlohmann::json::parse(want[i]);
    if (g == w) continue;
    std::string diff = g.is_discarded() ? "not JSON" : nlohmann::json::diff(w, g).dump();
    ADD_FAILURE() << expected_file << " line " << i + 1 << "\n  got:  " << got[i] << "\n  want: " << want[i]
                  << "\n  patch from want to got: " << diff;
  }
}

void expect_text_alerts(const std::vector<std::string>& got, const std::string& expected_file) {
  std::vector<std::string> want = expected_lines(expected_file);
  EXPECT_EQ(got.size(), want.size()) << "alert count differs from " << expected_file;
  for (size_t i = 0; i < std::min(got.size(), want.size()); ++i)
    EXPECT_EQ(got[i], want[i]) << expected_file << " line " << i + 1;
}

}  // namespace eg::itest
