// The test HTTP receiver (http_sink_server.py) as a child process, shared by
// the http output tests: it accepts Falcosidekick's contract (POST /, JSON
// body), writes every body it received to a file, and with max_requests > 0
// stops after that many requests (a server that goes away mid-run).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace eg::itest {

class HttpReceiver {
 public:
  explicit HttpReceiver(const std::string& dir, int max_requests = 0);
  ~HttpReceiver();
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  int port() const { return port_; }  // 0 when the server did not start
  std::vector<nlohmann::json> received() const;

 private:
  std::string port_file_, out_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace eg::itest
