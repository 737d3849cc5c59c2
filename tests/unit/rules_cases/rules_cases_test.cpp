// Differential test of the loader against Falco's recorded outputs for every
// case of the shared rules-cases corpus: -V exit status, JSON (schema_valid /
// schema_warnings are not compared: no JSON-schema check is implemented) and
// text output, stderr, and -L JSON (hash-set arrays as sets) and text.
// Cases that still differ are listed with a reason in
// tests/data/rules_cases/known_divergences.txt; any other failing case fails.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "case_runner.h"

namespace fs = std::filesystem;
using eg::testing::read_file_text;

namespace {

fs::path corpus_dir() { return fs::path(EG_SHARED_DIR) / "compat" / "expected" / "rules-cases"; }

std::map<std::string, std::string> known_divergences() {
  std::map<std::string, std::string> out;
  std::ifstream in(fs::path(EG_SOURCE_DIR) / "tests" / "data" / "rules_cases" / "known_divergences.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto space = line.find_first_of(" \t");
    std::string name = line.substr(0, space);
    out[name] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return out;
}

int read_int(const fs::path& p) { return std::stoi(read_file_text(p)); }

// All differences of one case, empty when it matches.
std::string check_case(const fs::path& dir) {
  eg::testing::CaseOutputs got = eg::testing::run_case(dir);
  std::vector<std::string> diffs;
  auto add = [&](std::string d) {
    if (!d.empty()) diffs.push_back(std::move(d));
  };
  fs::path exit_file = fs::exists(dir / "validate_exit_code") ? dir / "validate_exit_code" : dir / "exit_code";
  int want_exit = read_int(exit_file);
  if (want_exit != got.validate_exit_code) {
    add("exit code: expected " + std::to_string(want_exit) + " got " + std::to_string(got.validate_exit_code));
  }
  add(eg::testing::compare_validate_json(read_file_text(dir / "validate.json"), got.validate_json));
  std::string want_txt = read_file_text(dir / "validate.txt");
  add(eg::testing::compare_text("validate.txt", want_txt, got.validate_txt));
  if (fs::exists(dir / "validate.stderr.txt")) {
    add(eg::testing::compare_text("validate.stderr.txt", read_file_text(dir / "validate.stderr.txt"),
                                  got.validate_stderr));
  } else if (!got.validate_stderr.empty() && got.validate_stderr != "Error: " + want_txt) {
    add(eg::testing::compare_text("validate stderr (absent)", "Error: " + want_txt, got.validate_stderr));
  }
  if (fs::exists(dir / "list.json")) {
    if (!got.list_ran || got.list_exit_code != 0) {
      add("list: expected a listing, loader did not list");
    } else {
      add(eg::testing::compare_list_json(read_file_text(dir / "list.json"), got.list_json));
      add(eg::testing::compare_text("list.txt", read_file_text(dir / "list.txt"), got.list_txt));
    }
  }
  if (fs::exists(dir / "list_exit_code")) {
    if (read_int(dir / "list_exit_code") != got.list_exit_code) add("list exit code differs");
    add(eg::testing::compare_text("list.stderr.txt", read_file_text(dir / "list.stderr.txt"), got.list_stderr));
  }
  std::string all;
  for (const auto& d : diffs) all += d + "\n";
  return all;
}

}  // namespace

TEST(RulesCases, MatchFalcoOutputs) {
  if (!fs::is_directory(corpus_dir())) GTEST_SKIP() << "rules-cases corpus not found at " << corpus_dir();
  auto divergences = known_divergences();
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(corpus_dir())) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  size_t passed = 0;
  std::vector<std::string> unexpected;
  std::vector<std::string> now_passing;
  for (const auto& name : names) {
    std::string diff;
    try {
      diff = check_case(corpus_dir() / name);
    } catch (const std::exception& e) {
      diff = std::string("exception: ") + e.what();
    }
    bool listed = divergences.count(name) > 0;
    if (diff.empty()) {
      ++passed;
      if (listed) now_passing.push_back(name);
    } else if (!listed) {
      unexpected.push_back(name);
      ADD_FAILURE() << "case " << name << ":\n" << diff;
    }
  }
  std::cout << "[rules-cases] " << passed << " of " << names.size() << " cases match" << std::endl;
  for (const auto& n : now_passing) {
    std::cout << "[rules-cases] listed as divergent but now matches: " << n << std::endl;
  }
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " unlisted cases differ";
}
