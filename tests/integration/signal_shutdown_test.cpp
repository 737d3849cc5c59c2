// Shutdown on SIGTERM/SIGINT through the binary: with a sink that cannot keep
// up (a program output that sleeps per alert), a stop signal lets the run end
// cleanly: the summary still counts every alert, the slow sink's undelivered
// alerts are dropped and reported, and the process exits 0 promptly.
#include <signal.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "binary_runner.h"
#include "case_corpus.h"

namespace eg::itest {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

RunResult run_with_slow_sink(const std::string& dir, std::vector<std::pair<std::chrono::milliseconds, int>> signals,
                             uint32_t drain_timeout_ms) {
  std::ofstream(dir + "/slow.yaml") << "json_output: true\nappend_output: []\nsyslog_output: {enabled: false}\n"
                                       "stdout_output: {enabled: true}\n"
                                       "program_output: {enabled: true, keep_alive: false, program: \"sleep 0.2; cat >/dev/null\"}\n"
                                       "outputs_drain_timeout: " + std::to_string(drain_timeout_ms) + "\n";
  RunRequest req;
  req.args = {"-c", dir + "/slow.yaml", "-r", std::string(EG_SOURCE_DIR) + "/tests/data/integration/http_rules.yaml",
              "-e", traces_dir() + "/curl_google.scap"};
  req.env = {{"TZ", "UTC"}};
  req.signals = std::move(signals);
  req.timeout = 60s;
  return run_binary(req);
}

size_t count_alert_lines(const std::string& out) {
  size_t n = 0;
  for (const auto& l : split_lines(out)) n += !l.empty() && l[0] == '{';
  return n;
}

TEST(SignalShutdown, SecondSignalCutsTheDrainShort) {
  if (!fs::exists(traces_dir() + "/curl_google.scap")) GTEST_SKIP() << "shared traces not found at " << traces_dir();
  TempDir dir("eg_signal");
  RunResult r = run_with_slow_sink(dir.path(), {{800ms, SIGTERM}, {1200ms, SIGTERM}}, 30000);
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(r.seconds, 10.0);
  size_t alerts = count_alert_lines(r.out);
  ASSERT_GT(alerts, 100u);
  EXPECT_NE(r.out.find("Events detected: " + std::to_string(alerts) + "\n"), std::string::npos) << r.out.substr(0, 300);
  EXPECT_NE(r.err.find("program output: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("alert(s) dropped"), std::string::npos) << r.err;
}

TEST(SignalShutdown, DrainDeadlineBoundsShutdownWithASlowSink) {
  if (!fs::exists(traces_dir() + "/curl_google.scap")) GTEST_SKIP() << "shared traces not found at " << traces_dir();
  TempDir dir("eg_signal_deadline");
  RunResult r = run_with_slow_sink(dir.path(), {{300ms, SIGINT}}, 1000);
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(r.seconds, 8.0);
  EXPECT_NE(r.out.find("Events detected: "), std::string::npos);
  EXPECT_NE(r.err.find("at shutdown)"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace eg::itest
