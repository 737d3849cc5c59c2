// The three upstream Falco rules files, loaded together, replaying each shared
// capture through the binary: the alerts must equal the reference Falco's
// (expected/NAME.alerts.jsonl), JSON-equal line by line, with TZ=UTC and
// FALCO_HOSTNAME=golden. Known differences are listed per trace
// ("upstream:NAME") in known_divergences.txt.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "case_corpus.h"

namespace eg::itest {
namespace {
namespace fs = std::filesystem;

TEST(UpstreamRules, AlertsOnEveryTraceMatchFalco) {
  std::string compat = shared_dir() + "/compat";
  if (!fs::is_directory(compat + "/rules")) GTEST_SKIP() << "shared corpus not found at " << shared_dir();
  DivergenceReport report("upstream");
  for (const char* trace : {"curl_google", "curl_google_comments", "single_ipv6_conn", "test_ipv6_client"}) {
    TempDir dir("eg_upstream");
    std::ofstream(dir.path() + "/oracle.yaml") << oracle_config_yaml();
    std::vector<std::string> args{"-c", "oracle.yaml"};
    for (const char* f : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"})
      args.insert(args.end(), {"-r", compat + "/rules/" + f});
    args.insert(args.end(), {"-e", compat + "/traces/" + trace + ".scap"});
    RunResult r = run_reference_env(args, dir.path());
    std::vector<std::string> got;
    for (const auto& l : split_lines(r.out))
      if (!l.empty() && l[0] == '{') got.push_back(l);
    std::vector<std::string> want = split_lines(read_file(compat + "/expected/" + trace + ".alerts.jsonl"));
    std::string why;
    if (r.exit_code != 0) why = "exit code " + std::to_string(r.exit_code) + ": " + r.err.substr(0, 600);
    else if (got.size() != want.size())
      why = std::to_string(got.size()) + " alerts, expected " + std::to_string(want.size());
    for (size_t i = 0; why.empty() && i < got.size(); ++i)
      if (nlohmann::json::parse(got[i], nullptr, false) != nlohmann::json::parse(want[i]))
        why = "alert " + std::to_string(i) + ":\n  got:  " + got[i] + "\n  want: " + want[i];
    if (why.empty()) report.pass(trace);
    else report.fail(trace, why);
  }
  report.finish();
}

}  // namespace
}  // namespace eg::itest
