// Runs the edera-guard binary (EG_BINARY) as a child process for integration
// tests: arguments, working directory and extra environment in; exit code,
// stdout and stderr out. A timeout kills a hung child so a test fails instead
// of hanging.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace eg::itest {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal or the timeout
  bool timed_out = false;
  std::string out, err;
  double seconds = 0;
};

struct RunRequest {
  std::vector<std::string> args;
  std::string cwd;                          // "" = current directory
  std::map<std::string, std::string> env;   // added to (or replacing in) the inherited environment
  std::chrono::milliseconds timeout{60000};
  std::string binary;                       // "" = EG_BINARY
  // Signals sent to the child, each at its delay after the start.
  std::vector<std::pair<std::chrono::milliseconds, int>> signals;
};

RunResult run_binary(const RunRequest& req);

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path);
std::vector<std::string> split_lines(const std::string& text);

// The reference configuration of the shared corpus (rules-cases README).
std::string oracle_config_yaml();

}  // namespace eg::itest
