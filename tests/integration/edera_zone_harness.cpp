// Background binary, fake daemon fixture and alert polling for the zone
// integration tests (see edera_zone_harness.h).
#include "edera_zone_harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

namespace eg::itest {

BackgroundBinary::BackgroundBinary(std::vector<std::string> args, const std::string& io_dir)
    : out_path_(io_dir + "/guard.stdout"), err_path_(io_dir + "/guard.stderr") {
  std::vector<std::string> argv_s{EG_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0) _exit(126);
    dup2(out, 1);
    dup2(err, 2);
    setenv("TZ", "UTC", 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

BackgroundBinary::~BackgroundBinary() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
  }
}

bool BackgroundBinary::running() {
  if (pid_ <= 0 || reaped_) return false;
  if (waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
  return !reaped_;
}

int BackgroundBinary::stop(int sig, std::chrono::milliseconds timeout) {
  if (running()) kill(pid_, sig);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
    reaped_ = true;
    return -1;
  }
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
}

std::string BackgroundBinary::out() const { return read_file(out_path_); }
std::string BackgroundBinary::err() const { return read_file(err_path_); }

std::string zone_rules_path() { return std::string(EG_SOURCE_DIR) + "/tests/data/integration/edera_zone_rules.yaml"; }

void ZoneTest::SetUp() {
  dir_ = std::make_unique<TempDir>("eg_zone");
  ASSERT_FALSE(dir_->path().empty());
  socket_ = dir_->path() + "/daemon.socket";
  daemon_ = std::make_unique<fake::FakeDaemon>(socket_);
  std::string err;
  ASSERT_TRUE(daemon_->start(&err)) << err;
}

void ZoneTest::TearDown() {
  if (guard_ && guard_->running()) {
    guard_->stop(SIGKILL);
    ADD_FAILURE() << "edera-guard still running at the end of the test; stderr:\n" << guard_->err();
  }
  if (HasFailure() && guard_) std::cerr << "--- edera-guard stderr ---\n" << guard_->err() << "\n";
  guard_.reset();
  daemon_.reset();
  dir_.reset();
}

void ZoneTest::start_guard(std::vector<std::string> extra, const std::string& rules) {
  std::vector<std::string> args = {
      "-r", rules.empty() ? zone_rules_path() : rules,
      "--edera-socket", socket_,
      "-o", "edera.discovery_interval_ms=200",
      "-o", "edera.reconnect_min_ms=100",
      "-o", "edera.reconnect_max_ms=1000",
      "-o", "edera.stop_timeout_ms=1000",
      "-o", "json_output=true",
      "-o", "file_output.enabled=true",
      "-o", "file_output.keep_alive=false",
      "-o", "file_output.filename=" + alerts_path(),
      "-o", "stdout_output.enabled=false",
      "-o", "syslog_output.enabled=false",
      "-o", "buffered_outputs=false",
      "-o", "priority=debug",
  };
  args.insert(args.end(), extra.begin(), extra.end());
  guard_ = std::make_unique<BackgroundBinary>(args, dir_->path());
}

std::string ZoneTest::stop_guard() {
  EXPECT_TRUE(guard_->running()) << "edera-guard exited early; stderr:\n" << guard_->err();
  int code = guard_->stop(SIGTERM);
  EXPECT_EQ(code, 0) << guard_->err();
  return guard_->err();
}

std::vector<nlohmann::json> ZoneTest::alerts() const {
  std::vector<nlohmann::json> out;
  for (const auto& line : split_lines(read_file(alerts_path()))) {
    if (line.empty() || line[0] != '{') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded()) out.push_back(std::move(j));
  }
  return out;
}

std::string field(const nlohmann::json& alert, const std::string& key) {
  if (!alert.contains("output_fields") || !alert["output_fields"].contains(key)) return "";
  const auto& v = alert["output_fields"][key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "<NA>";
  return v.dump();
}

std::vector<nlohmann::json> ZoneTest::alerts_where(const std::string& key, const std::string& value) const {
  std::vector<nlohmann::json> out;
  for (auto& a : alerts())
    if (field(a, key) == value) out.push_back(a);
  return out;
}

bool ZoneTest::wait_for_alerts(const std::function<bool(const std::vector<nlohmann::json>&)>& pred,
                               std::chrono::milliseconds timeout) const {
  return fake::FakeDaemon::wait_until([&] { return pred(alerts()); }, timeout);
}

bool ZoneTest::wait_for_alert(const std::string& key, const std::string& value,
                              std::chrono::milliseconds timeout) const {
  return wait_for_alerts([&](const std::vector<nlohmann::json>& as) {
    for (const auto& a : as)
      if (field(a, key) == value) return true;
    return false;
  }, timeout);
}

bool ZoneTest::wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout) const {
  return fake::FakeDaemon::wait_until([&] { return guard_->err().find(text) != std::string::npos; }, timeout);
}

fake::MonitorScript opens(const std::string& zone, int64_t tid, const std::vector<std::string>& names,
                          uint64_t ts0) {
  fake::MonitorScript s;
  int64_t fd = 10;
  for (const auto& n : names) s.push_back(fake::MonitorStep::send(fake::openat_reply(zone, ts0++, tid, fd++, "/etc/" + n)));
  return s;
}

}  // namespace eg::itest
