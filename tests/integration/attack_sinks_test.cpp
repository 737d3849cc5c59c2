// Every output channel on the capture of every attack scenario ("all") with
// the shipped rules: file_output and program_output with and without
// keep_alive, syslog_output, and http_output through the receiver script, in
// JSON and in text. Each channel must carry exactly the hand-derived alerts
// that stdout carries (tests/data/attack_scenarios/).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "attack_run.h"
#include "binary_runner.h"
#include "http_receiver.h"

namespace eg::itest {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kJsonExpected = "all.edera.expected.jsonl";
const std::string kTextExpected = "options/text.expected.txt";

AttackRun run_all(std::vector<std::string> extra, bool text) {
  if (text) extra.insert(extra.end(), {"-o", "json_output=false"});
  AttackRunOptions opts;
  opts.extra_args = std::move(extra);
  opts.text = text;
  AttackRun run = run_attack("all", opts);
  EXPECT_EQ(run.result.exit_code, 0) << run.result.err;
  return run;
}

void expect_alerts(const std::vector<std::string>& lines, bool text) {
  if (text) expect_text_alerts(lines, kTextExpected);
  else expect_json_alerts(lines, kJsonExpected);
}

class AttackSinks : public testing::TestWithParam<bool> {};  // param: text format

TEST_P(AttackSinks, FileOutput) {
  const bool text = GetParam();
  for (const char* keep_alive : {"false", "true"}) {
    SCOPED_TRACE(std::string("keep_alive=") + keep_alive);
    std::string file = attack_work_dir() + "/alerts.out";
    AttackRun run = run_all({"-o", "file_output.enabled=true", "-o", "file_output.filename=" + file, "-o",
                             std::string("file_output.keep_alive=") + keep_alive},
                            text);
    expect_alerts(split_lines(read_file(file)), text);
    expect_alerts(run.alerts, text);
  }
}

TEST_P(AttackSinks, FileOutputAloneAppends) {
  const bool text = GetParam();
  std::string file = attack_work_dir() + "/alerts.out";
  std::vector<std::string> args{"-o", "stdout_output.enabled=false", "-o", "file_output.enabled=true",
                                "-o", "file_output.filename=" + file};
  run_all(args, text);
  AttackRun second = run_all(args, text);
  EXPECT_TRUE(second.alerts.empty()) << second.result.out;
  std::vector<std::string> lines = split_lines(read_file(file));
  std::vector<std::string> first_half(lines.begin(), lines.begin() + static_cast<long>(lines.size() / 2));
  std::vector<std::string> second_half(lines.begin() + static_cast<long>(lines.size() / 2), lines.end());
  expect_alerts(first_half, text);  // append mode: the second run adds its alerts after the first's
  expect_alerts(second_half, text);
}

TEST_P(AttackSinks, ProgramOutput) {
  const bool text = GetParam();
  for (const char* keep_alive : {"false", "true"}) {
    SCOPED_TRACE(std::string("keep_alive=") + keep_alive);
    std::string file = attack_work_dir() + "/program.out";
    AttackRun run = run_all({"-o", "program_output.enabled=true", "-o", "program_output.program=cat >> " + file,
                             "-o", std::string("program_output.keep_alive=") + keep_alive},
                            text);
    expect_alerts(split_lines(read_file(file)), text);
    expect_alerts(run.alerts, text);
  }
}

TEST_P(AttackSinks, SyslogOutput) {
  const bool text = GetParam();
  AttackRun run = run_all({"-o", "syslog_output.enabled=true"}, text);
  expect_alerts(run.alerts, text);  // the other channels are unaffected either way
  if (!fs::exists("/dev/log")) GTEST_SKIP() << "/dev/log is absent: syslog delivery cannot be observed here";
  EXPECT_EQ(run.result.err.find("syslog"), std::string::npos) << run.result.err;
}

void expect_http_delivery(bool text, const std::string& keep_alive) {
  std::string dir = attack_work_dir();
  HttpReceiver server(dir);
  ASSERT_GT(server.port(), 0) << "receiver did not start";
  AttackRun run = run_all({"-o", "http_output.enabled=true", "-o",
                           "http_output.url=http://127.0.0.1:" + std::to_string(server.port()) + "/", "-o",
                           "http_output.keep_alive=" + keep_alive},
                          text);
  std::vector<std::string> bodies;
  for (const auto& r : server.received()) {
    EXPECT_EQ(r["path"], "/");
    EXPECT_EQ(r["content_type"], text ? "text/plain" : "application/json");
    EXPECT_EQ(r["user_agent"], "falcosecurity/falco");
    bodies.push_back(r["body"].get<std::string>());
  }
  expect_alerts(bodies, text);
  expect_alerts(run.alerts, text);
}

TEST_P(AttackSinks, HttpOutput) {
  const bool text = GetParam();
  for (const char* keep_alive : {"false", "true"}) {
    SCOPED_TRACE(std::string("keep_alive=") + keep_alive);
    expect_http_delivery(text, keep_alive);
  }
}

INSTANTIATE_TEST_SUITE_P(AttackFormats, AttackSinks, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool>& i) { return i.param ? "Text" : "Json"; });

}  // namespace
}  // namespace eg::itest
