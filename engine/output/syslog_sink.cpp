// syslog sink: syslog(level of the priority, line) without a newline (§7.7).
// Falco's priorities are syslog's levels, so the value maps directly.
// Where no system logger runs (containers, minimal hosts), /dev/log is absent
// and glibc's syslog(3) would create, fail to connect and close a socket for
// every alert before losing it. The sink checks for the socket at most once a
// second instead, says once on stderr that syslog is not reached, and sends
// again as soon as a logger appears.
#include <paths.h>
#include <sys/stat.h>
#include <syslog.h>

#include <chrono>
#include <cstdio>

#include "engine/output/sink.h"

namespace eg::output {
namespace {

class SyslogSink : public Sink {
 public:
  std::string_view name() const override { return "syslog"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    if (!logger_present()) return true;  // what syslog(3) does without a logger: the line is not kept
    ::syslog(static_cast<int>(a.priority), "%s", a.line().c_str());
    return true;
  }

 private:
  bool logger_present() {
    auto now = std::chrono::steady_clock::now();
    if (now < next_check_) return present_;
    next_check_ = now + std::chrono::seconds(1);
    struct stat st;
    bool present = ::stat(_PATH_LOG, &st) == 0;
    if (!present && !warned_) {
      std::fprintf(stderr, "syslog output: no system logger at %s; alerts are not sent to syslog until one appears\n",
                   _PATH_LOG);
      warned_ = true;
    }
    present_ = present;
    return present_;
  }

  std::chrono::steady_clock::time_point next_check_{};
  bool present_ = false;
  bool warned_ = false;
};

}  // namespace

std::unique_ptr<Sink> make_syslog_sink() { return std::make_unique<SyslogSink>(); }

}  // namespace eg::output
