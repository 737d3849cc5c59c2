// Child-process runner and small file helpers for the integration tests (see binary_runner.h).
#include "binary_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace eg::itest {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    std::string key = kv.substr(0, kv.find('='));
    if (!extra.count(key)) env.push_back(kv);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

RunResult run_binary(const RunRequest& req) {
  RunResult r;
  TempDir io("eg_run_io");
  std::string out_path = io.path() + "/stdout", err_path = io.path() + "/stderr";
  std::vector<std::string> argv_s{req.binary.empty() ? std::string(EG_BINARY) : req.binary};
  argv_s.insert(argv_s.end(), req.args.begin(), req.args.end());
  std::vector<std::string> env_s = child_environment(req.env);
  std::vector<char*> argv = c_strings(argv_s), envp = c_strings(env_s);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (!req.cwd.empty() && chdir(req.cwd.c_str()) != 0) _exit(126);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0) _exit(126);
    dup2(out, 1);
    dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  size_t next_signal = 0;
  while (true) {
    if (next_signal < req.signals.size() &&
        std::chrono::steady_clock::now() - start >= req.signals[next_signal].first)
      kill(pid, req.signals[next_signal++].second);
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() - start > req.timeout) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

TempDir::TempDir(const std::string& prefix) {
  std::string templ = (fs::temp_directory_path() / (prefix + "_XXXXXX")).string();
  if (mkdtemp(templ.data()) == nullptr) templ.clear();
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  return lines;
}

std::string oracle_config_yaml() {
  return "json_output: true\n"
         "json_include_output_property: true\n"
         "json_include_message_property: false\n"
         "json_include_output_fields_property: true\n"
         "json_include_tags_property: true\n"
         "priority: debug\n"
         "rule_matching: first\n"
         "time_format_iso_8601: false\n"
         "buffered_outputs: false\n"
         "append_output:\n  - suggested_output: true\n"
         "stdout_output:\n  enabled: true\n"
         "syslog_output:\n  enabled: false\n"
         "file_output:\n  enabled: false\n"
         "program_output:\n  enabled: false\n"
         "http_output:\n  enabled: false\n"
         "log_stderr: true\n"
         "log_level: info\n";
}

}  // namespace eg::itest
