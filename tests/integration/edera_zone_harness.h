// Harness for the Edera zone integration tests: the real edera-guard binary
// running in the background against an in-process FakeDaemon on a temporary
// Unix socket, alerts written as JSON lines to a file the test polls.
//
// Tests wait by polling with generous deadlines (never by fixed sleeps used
// as assertions of speed); the binary is stopped with SIGTERM and must then
// drain, print its summary and exit 0.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "binary_runner.h"
#include "engine/sources/edera/zone_message_builder.h"
#include "tests/support/fake_daemon/fake_daemon.h"
#include "tests/support/fake_daemon/zone_fixtures.h"

namespace eg::itest {

using namespace std::chrono_literals;
namespace fake = eg::fake;
namespace pb = ::protect::control::v1;

// The binary in the background, stdout/stderr to files.
class BackgroundBinary {
 public:
  BackgroundBinary(std::vector<std::string> args, const std::string& io_dir);
  ~BackgroundBinary();  // SIGKILL if still running
  bool running();
  // Sends `sig` and waits for the exit; exit code, or -1 (signal / timeout).
  int stop(int sig = SIGTERM, std::chrono::milliseconds timeout = 30s);
  std::string out() const;
  std::string err() const;
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  std::string out_path_, err_path_;
};

// Default test rules (tests/data/integration/edera_zone_rules.yaml).
std::string zone_rules_path();

class ZoneTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts edera-guard on the fake's socket with fast discovery/reconnect
  // settings, JSON alerts to alerts_path(), plus `extra` arguments.
  void start_guard(std::vector<std::string> extra = {}, const std::string& rules = "");
  // SIGTERM, expect exit 0; returns stderr.
  std::string stop_guard();

  std::string alerts_path() const { return dir_->path() + "/alerts.json"; }
  std::vector<nlohmann::json> alerts() const;
  // Alerts whose output_fields[field] == value.
  std::vector<nlohmann::json> alerts_where(const std::string& field, const std::string& value) const;
  bool wait_for_alerts(const std::function<bool(const std::vector<nlohmann::json>&)>& pred,
                       std::chrono::milliseconds timeout = 20s) const;
  // Waits until some alert has output_fields[field] == value.
  bool wait_for_alert(const std::string& field, const std::string& value,
                      std::chrono::milliseconds timeout = 20s) const;
  bool wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout = 20s) const;
  bool wait_for_calls(const std::string& zone, size_t n, std::chrono::milliseconds timeout = 20s) const {
    return daemon_->wait_for_calls(zone, n, timeout);
  }

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<fake::FakeDaemon> daemon_;
  std::unique_ptr<BackgroundBinary> guard_;
  std::string socket_;
};

// Well-known zone ids for the scenarios.
inline const std::string kZoneA = "5a1d7c3e-0b2f-4c6d-8e9f-a0b1c2d3e4f1";
inline const std::string kZoneB = "5a1d7c3e-0b2f-4c6d-8e9f-a0b1c2d3e4f2";
inline const std::string kZoneC = "5a1d7c3e-0b2f-4c6d-8e9f-a0b1c2d3e4f3";

// output_fields[key] as text ("" when absent; numbers printed).
std::string field(const nlohmann::json& alert, const std::string& key);

inline pb::MonitorZoneKernelEventReply edera_snapshot_reply(pb::ZoneKernelThreadSnapshotEvent s) {
  return eg::edera::snapshot_reply(std::move(s));
}

// A reply list of openat events on /etc/<name> by `tid`, ts from `ts0`.
fake::MonitorScript opens(const std::string& zone, int64_t tid, const std::vector<std::string>& names,
                          uint64_t ts0 = 1'700'000'001'000'000'000ull);

}  // namespace eg::itest
