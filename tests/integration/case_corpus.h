// Access to the shared rules-cases corpus for integration tests: the case
// directories, their commands split into files and extra options, a temp copy
// of a case with the captures beside it, and the known-divergence list.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "binary_runner.h"

namespace eg::itest {

std::string shared_dir();  // EG_SHARED_DIR
std::string rules_cases_dir();
std::string traces_dir();
bool have_rules_cases();

struct CaseCommand {
  std::vector<std::string> tokens;      // cmd split at spaces
  std::vector<std::string> files;       // the -V / -r arguments, in order
  std::vector<std::string> extra;       // every other option (e.g. -o k=v), in order
  bool replay = false;                  // has -e
  bool validate = false;                // starts with -V
};

std::vector<std::string> list_cases();
CaseCommand read_case_command(const std::string& case_name);

// A temp copy of the case with oracle.yaml and the traces (bare names).
class CaseWorkDir {
 public:
  explicit CaseWorkDir(const std::string& case_name);
  const std::string& path() const { return dir_.path(); }

 private:
  TempDir dir_;
};

// "kind:case" -> reason, from tests/data/integration/known_divergences.txt.
std::map<std::string, std::string> known_divergences();

// Runs the binary in `cwd` with the reference environment (TZ=UTC, FALCO_HOSTNAME=golden).
RunResult run_reference_env(const std::vector<std::string>& args, const std::string& cwd);

// Collects per-case mismatches and fails the test for those not listed.
class DivergenceReport {
 public:
  explicit DivergenceReport(std::string kind) : kind_(std::move(kind)), known_(known_divergences()) {}
  void fail(const std::string& case_name, const std::string& why);
  void pass(const std::string& case_name);
  void finish();  // ADD_FAILURE for unlisted failures; prints counts

 private:
  std::string kind_;
  std::map<std::string, std::string> known_;
  std::vector<std::pair<std::string, std::string>> unlisted_;
  size_t passed_ = 0, known_failed_ = 0;
  std::vector<std::string> fixed_;
};

}  // namespace eg::itest
