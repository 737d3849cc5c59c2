// The rules-cases corpus through the real binary: every replay case (alerts
// JSON-equal line by line, summary text, exit code), every -V case (JSON and
// text reports, exit code) and the -L listings. Cases that still differ are
// listed with a reason in tests/data/integration/known_divergences.txt; any
// other failure fails the test.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "case_corpus.h"

namespace eg::itest {
namespace {
namespace fs = std::filesystem;

std::string expected(const std::string& case_name, const std::string& file) {
  return read_file(rules_cases_dir() + "/" + case_name + "/" + file);
}
bool has_expected(const std::string& case_name, const std::string& file) {
  return fs::exists(rules_cases_dir() + "/" + case_name + "/" + file);
}
int expected_code(const std::string& case_name, const std::string& file, int fallback) {
  if (!has_expected(case_name, file)) return fallback;
  return std::stoi(expected(case_name, file));
}

std::string shorten(const std::string& s) { return s.size() > 600 ? s.substr(0, 600) + "..." : s; }

// Splits a run's stdout like the reference: lines starting with '{' are alerts.
void split_run_output(const std::string& out, std::vector<std::string>& alerts, std::string& rest) {
  for (const auto& line : split_lines(out)) {
    if (!line.empty() && line[0] == '{') alerts.push_back(line);
    else rest += line + "\n";
  }
}

std::string compare_alerts(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  if (got.size() != want.size())
    return "alert count " + std::to_string(got.size()) + " != expected " + std::to_string(want.size()) +
           (got.empty() ? "" : "; first: " + shorten(got[0]));
  for (size_t i = 0; i < got.size(); ++i) {
    nlohmann::json g = nlohmann::json::parse(got[i], nullptr, false);
    nlohmann::json w = nlohmann::json::parse(want[i]);
    if (g != w) return "alert " + std::to_string(i) + " differs:\n  got:  " + shorten(got[i]) + "\n  want: " + shorten(want[i]);
  }
  return {};
}

std::vector<std::string> with_config(std::vector<std::string> args) {
  args.insert(args.begin(), {"-c", "oracle.yaml"});
  return args;
}

TEST(RulesCases, ReplayCasesMatchFalco) {
  if (!have_rules_cases()) GTEST_SKIP() << "shared corpus not found at " << shared_dir();
  DivergenceReport report("run");
  for (const auto& name : list_cases()) {
    CaseCommand cmd = read_case_command(name);
    if (!cmd.replay) continue;
    CaseWorkDir dir(name);
    RunResult r = run_reference_env(with_config(cmd.tokens), dir.path());
    std::vector<std::string> alerts;
    std::string summary;
    split_run_output(r.out, alerts, summary);
    std::string why;
    int want_code = expected_code(name, "exit_code", 0);
    if (r.timed_out) why = "timed out";
    else if (r.exit_code != want_code)
      why = "exit code " + std::to_string(r.exit_code) + " != " + std::to_string(want_code) + "; stderr: " + shorten(r.err);
    else if (auto d = compare_alerts(alerts, split_lines(expected(name, "alerts.jsonl"))); !d.empty()) why = d;
    else if (summary != expected(name, "summary.txt")) why = "summary differs:\n" + summary;
    if (why.empty()) report.pass(name);
    else report.fail(name, why);
  }
  report.finish();
}

nlohmann::json without_schema_texts(nlohmann::json j) {
  // schema_warnings texts are specific to Falco's JSON-schema library; compare schema_valid only.
  if (j.contains("falco_load_results"))
    for (auto& f : j["falco_load_results"]) f.erase("schema_warnings");
  return j;
}

std::vector<std::string> validate_args(const CaseCommand& cmd, bool json) {
  std::vector<std::string> args;
  for (const auto& f : cmd.files) args.insert(args.end(), {"-V", f});
  args.insert(args.end(), cmd.extra.begin(), cmd.extra.end());
  if (!json) args.insert(args.end(), {"-o", "json_output=false"});
  return with_config(args);
}

TEST(RulesCases, ValidateJsonThroughBinary) {
  if (!have_rules_cases()) GTEST_SKIP() << "shared corpus not found at " << shared_dir();
  DivergenceReport report("validate-json");
  for (const auto& name : list_cases()) {
    CaseCommand cmd = read_case_command(name);
    CaseWorkDir dir(name);
    RunResult r = run_reference_env(validate_args(cmd, true), dir.path());
    int want_code = expected_code(name, "validate_exit_code", expected_code(name, "exit_code", 0));
    std::string want = expected(name, "validate.json");
    std::string why;
    if (r.exit_code != want_code)
      why = "exit code " + std::to_string(r.exit_code) + " != " + std::to_string(want_code) + "; stderr: " + shorten(r.err);
    else if (want.empty() != r.out.empty()) why = "stdout: " + shorten(r.out);
    else if (!want.empty()) {
      nlohmann::json g = nlohmann::json::parse(r.out, nullptr, false);
      if (without_schema_texts(g) != without_schema_texts(nlohmann::json::parse(want)))
        why = "validate.json differs:\n  got:  " + shorten(r.out) + "\n  want: " + shorten(want);
    }
    if (why.empty()) report.pass(name);
    else report.fail(name, why);
  }
  report.finish();
}

TEST(RulesCases, ValidateTextThroughBinary) {
  if (!have_rules_cases()) GTEST_SKIP() << "shared corpus not found at " << shared_dir();
  DivergenceReport report("validate-text");
  for (const auto& name : list_cases()) {
    CaseCommand cmd = read_case_command(name);
    CaseWorkDir dir(name);
    RunResult r = run_reference_env(validate_args(cmd, false), dir.path());
    int want_code = expected_code(name, "validate_exit_code", expected_code(name, "exit_code", 0));
    std::string want_out = expected(name, "validate.txt");
    std::string want_err = has_expected(name, "validate.stderr.txt") ? expected(name, "validate.stderr.txt")
                           : want_code != 0                          ? "Error: " + want_out
                                                                     : "";
    std::string why;
    if (r.exit_code != want_code) why = "exit code " + std::to_string(r.exit_code) + " != " + std::to_string(want_code);
    else if (r.out != want_out) why = "stdout differs:\n" + shorten(r.out);
    else if (r.err != want_err) why = "stderr differs:\n" + shorten(r.err) + "\nwant:\n" + shorten(want_err);
    if (why.empty()) report.pass(name);
    else report.fail(name, why);
  }
  report.finish();
}

// -L JSON arrays filled from hash sets in Falco compare as sets (README).
void normalise_listing(nlohmann::json& j) {
  for (const char* section : {"rules", "macros", "lists"}) {
    if (!j.contains(section)) continue;
    for (auto& item : j[section]) {
      if (!item.contains("details")) continue;
      for (auto& [key, value] : item["details"].items())
        if (value.is_array() && key != "output_fields" && key != "items_compiled") std::sort(value.begin(), value.end());
    }
  }
}

TEST(RulesCases, ListingThroughBinary) {
  if (!have_rules_cases()) GTEST_SKIP() << "shared corpus not found at " << shared_dir();
  DivergenceReport report("list");
  for (const auto& name : list_cases()) {
    bool json_listing = has_expected(name, "list.json"), failing = has_expected(name, "list_exit_code");
    if (!json_listing && !failing) continue;
    CaseCommand cmd = read_case_command(name);
    CaseWorkDir dir(name);
    std::vector<std::string> args;
    for (const auto& f : cmd.files) args.insert(args.end(), {"-r", f});
    args.insert(args.end(), cmd.extra.begin(), cmd.extra.end());
    args.push_back("-L");
    RunResult json = run_reference_env(with_config(args), dir.path());
    args.insert(args.end(), {"-o", "json_output=false"});
    RunResult text = run_reference_env(with_config(args), dir.path());
    std::string why;
    if (failing) {
      int want = expected_code(name, "list_exit_code", 1);
      if (json.exit_code != want || text.exit_code != want) why = "exit code " + std::to_string(json.exit_code);
      else if (text.err.find(expected(name, "list.stderr.txt")) == std::string::npos) why = "stderr: " + shorten(text.err);
    } else {
      nlohmann::json g = nlohmann::json::parse(json.out, nullptr, false), w = nlohmann::json::parse(expected(name, "list.json"));
      normalise_listing(g);
      normalise_listing(w);
      if (json.exit_code != 0) why = "exit code " + std::to_string(json.exit_code) + ": " + shorten(json.err);
      else if (g != w) why = "list.json differs:\n  got:  " + shorten(json.out);
      else if (text.out != expected(name, "list.txt")) why = "list.txt differs:\n" + shorten(text.out);
    }
    if (why.empty()) report.pass(name);
    else report.fail(name, why);
  }
  report.finish();
}

}  // namespace
}  // namespace eg::itest
