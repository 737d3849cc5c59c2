// See http_receiver.h.
#include "http_receiver.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "binary_runner.h"

namespace eg::itest {

namespace fs = std::filesystem;

HttpReceiver::HttpReceiver(const std::string& dir, int max_requests)
    : port_file_(dir + "/port"), out_(dir + "/received.jsonl") {
  const std::string script = std::string(EG_SOURCE_DIR) + "/tests/integration/http_sink_server.py";
  const std::string max = std::to_string(max_requests);
  pid_ = fork();
  if (pid_ == 0) {
    execlp("python3", "python3", script.c_str(), "--port-file", port_file_.c_str(), "--out", out_.c_str(),
           "--max-requests", max.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 500 && !fs::exists(port_file_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  port_ = fs::exists(port_file_) ? std::stoi(read_file(port_file_)) : 0;
}

HttpReceiver::~HttpReceiver() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::vector<nlohmann::json> HttpReceiver::received() const {
  std::vector<nlohmann::json> out;
  for (const auto& l : split_lines(read_file(out_))) out.push_back(nlohmann::json::parse(l));
  return out;
}

}  // namespace eg::itest
