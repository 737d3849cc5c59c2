// Shared-corpus helpers for the integration tests (see case_corpus.h).
#include "case_corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace eg::itest {
namespace fs = std::filesystem;

std::string shared_dir() { return EG_SHARED_DIR; }
std::string rules_cases_dir() { return shared_dir() + "/compat/expected/rules-cases"; }
std::string traces_dir() { return shared_dir() + "/compat/traces"; }
bool have_rules_cases() { return fs::is_directory(rules_cases_dir()) && fs::is_directory(traces_dir()); }

std::vector<std::string> list_cases() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(rules_cases_dir(), ec))
    if (e.is_directory() && fs::exists(e.path() / "cmd")) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

CaseCommand read_case_command(const std::string& case_name) {
  CaseCommand c;
  std::string line = read_file(rules_cases_dir() + "/" + case_name + "/cmd");
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  std::stringstream ss(line);
  for (std::string t; ss >> t;) c.tokens.push_back(t);
  c.validate = !c.tokens.empty() && c.tokens[0] == "-V";
  for (size_t i = 0; i < c.tokens.size(); ++i) {
    const std::string& t = c.tokens[i];
    bool has_value = i + 1 < c.tokens.size();
    if ((t == "-V" || t == "-r") && has_value) {
      c.files.push_back(c.tokens[++i]);
    } else if (t == "-e" && has_value) {
      c.replay = true;
      ++i;
    } else {
      c.extra.push_back(t);
    }
  }
  return c;
}

CaseWorkDir::CaseWorkDir(const std::string& case_name) : dir_("eg_case") {
  fs::copy(rules_cases_dir() + "/" + case_name, dir_.path(), fs::copy_options::recursive);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(traces_dir(), ec))
    fs::create_symlink(e.path(), fs::path(dir_.path()) / e.path().filename(), ec);
  std::ofstream(dir_.path() + "/oracle.yaml") << oracle_config_yaml();
}

std::map<std::string, std::string> known_divergences() {
  std::map<std::string, std::string> out;
  std::ifstream in(std::string(EG_SOURCE_DIR) + "/tests/data/integration/known_divergences.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto sep = line.find_first_of(" \t");
    std::string key = line.substr(0, sep);
    std::string reason = sep == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", sep));
    out[key] = reason;
  }
  return out;
}

RunResult run_reference_env(const std::vector<std::string>& args, const std::string& cwd) {
  RunRequest req;
  req.args = args;
  req.cwd = cwd;
  req.env = {{"TZ", "UTC"}, {"FALCO_HOSTNAME", "golden"}};
  return run_binary(req);
}

void DivergenceReport::fail(const std::string& case_name, const std::string& why) {
  if (known_.count(kind_ + ":" + case_name)) {
    ++known_failed_;
    return;
  }
  unlisted_.emplace_back(case_name, why);
}

void DivergenceReport::pass(const std::string& case_name) {
  ++passed_;
  if (known_.count(kind_ + ":" + case_name)) fixed_.push_back(case_name);
}

void DivergenceReport::finish() {
  std::printf("[%s] %zu passed, %zu known divergences, %zu unlisted failures\n", kind_.c_str(), passed_,
              known_failed_, unlisted_.size());
  for (const auto& f : fixed_)
    std::printf("[%s] listed as divergent but passes now (remove from the list): %s\n", kind_.c_str(), f.c_str());
  for (const auto& [name, why] : unlisted_) ADD_FAILURE() << kind_ << ":" << name << ": " << why;
}

}  // namespace eg::itest
