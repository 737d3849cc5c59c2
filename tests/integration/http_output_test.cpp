// The http output through the real binary and a real HTTP server
// (http_sink_server.py): every alert arrives as a POST / with Falco's JSON
// body and headers; when the server goes away mid-run, the alerts it misses
// are retried, then dropped and counted, and the run still ends promptly.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "binary_runner.h"
#include "http_receiver.h"
#include "case_corpus.h"

namespace eg::itest {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string http_config(int port) {
  return "json_output: true\nappend_output: []\nsyslog_output: {enabled: false}\nstdout_output: {enabled: true}\n"
         "http_output:\n  enabled: true\n  url: http://127.0.0.1:" + std::to_string(port) + "/\n"
         "  retry_backoff_max_ms: 20\n  max_retries: 2\n  max_consecutive_timeouts: 3\n  timeout_ms: 2000\n";
}

std::vector<std::string> json_lines(const std::string& out) {
  std::vector<std::string> alerts;
  for (const auto& l : split_lines(out))
    if (!l.empty() && l[0] == '{') alerts.push_back(l);
  return alerts;
}

struct HttpRun {
  RunResult result;
  std::vector<std::string> stdout_alerts;
};

HttpRun run_with_http(const std::string& dir, int port) {
  std::ofstream(dir + "/http.yaml") << http_config(port);
  std::vector<std::string> args{"-c", dir + "/http.yaml", "-r",
                                std::string(EG_SOURCE_DIR) + "/tests/data/integration/http_rules.yaml", "-e",
                                traces_dir() + "/curl_google.scap"};
  HttpRun run;
  run.result = run_reference_env(args, dir);
  run.stdout_alerts = json_lines(run.result.out);
  return run;
}

TEST(HttpOutput, EveryAlertIsPostedAsFalcoJson) {
  if (!fs::exists(traces_dir() + "/curl_google.scap")) GTEST_SKIP() << "shared traces not found at " << traces_dir();
  TempDir dir("eg_http");
  HttpReceiver server(dir.path(), 0);
  ASSERT_GT(server.port(), 0) << "receiver did not start";
  HttpRun run = run_with_http(dir.path(), server.port());
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  ASSERT_FALSE(run.stdout_alerts.empty());
  auto got = server.received();
  ASSERT_EQ(got.size(), run.stdout_alerts.size()) << run.result.err;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i]["path"], "/");
    EXPECT_EQ(got[i]["content_type"], "application/json");
    EXPECT_EQ(got[i]["user_agent"], "falcosecurity/falco");
    nlohmann::json body = nlohmann::json::parse(got[i]["body"].get<std::string>());
    EXPECT_EQ(body, nlohmann::json::parse(run.stdout_alerts[i]));
    // Falcosidekick's acceptance rules (language reference §8.4)
    EXPECT_FALSE(body["rule"].get<std::string>().empty());
    EXPECT_EQ(body["priority"], "Notice");
    EXPECT_TRUE(body["output_fields"].is_object() && !body["output_fields"].empty());
    EXPECT_TRUE(body["time"].is_string());
  }
  EXPECT_EQ(run.result.err.find("dropped"), std::string::npos) << run.result.err;
}

TEST(HttpOutput, ServerGoingDownIsRetriedCountedAndDoesNotHang) {
  if (!fs::exists(traces_dir() + "/curl_google.scap")) GTEST_SKIP() << "shared traces not found at " << traces_dir();
  TempDir dir("eg_http_down");
  const int served = 25;
  HttpReceiver server(dir.path(), served);
  ASSERT_GT(server.port(), 0) << "receiver did not start";
  HttpRun run = run_with_http(dir.path(), server.port());
  EXPECT_FALSE(run.result.timed_out);
  EXPECT_LT(run.result.seconds, 30.0);
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  auto got = server.received();
  ASSERT_EQ(got.size(), static_cast<size_t>(served));
  size_t total = run.stdout_alerts.size();
  ASSERT_GT(total, static_cast<size_t>(served));
  // stdout is unaffected by the dead http sink
  EXPECT_NE(run.result.err.find("libcurl failed to perform call"), std::string::npos) << run.result.err;
  EXPECT_NE(run.result.err.find("http output: " + std::to_string(total - served) + " alert(s) dropped"),
            std::string::npos)
      << run.result.err;
}

TEST(HttpOutput, UnreachableFromTheStart) {
  if (!fs::exists(traces_dir() + "/curl_google.scap")) GTEST_SKIP() << "shared traces not found at " << traces_dir();
  TempDir dir("eg_http_dead");
  HttpRun run = run_with_http(dir.path(), 1);  // nothing listens on port 1
  EXPECT_FALSE(run.result.timed_out);
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_NE(run.result.err.find("http output: " + std::to_string(run.stdout_alerts.size()) + " alert(s) dropped"),
            std::string::npos)
      << run.result.err;
  EXPECT_NE(run.result.err.find("unreachable"), std::string::npos) << run.result.err;
}

}  // namespace
}  // namespace eg::itest
