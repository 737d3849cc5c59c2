// syslog sink: syslog(level of the priority, line) without a newline (§7.7).
// Falco's priorities are syslog's levels, so the value maps directly.
// Where no system logger runs (containers, minimal hosts), /dev/log is absent
// and glibc's syslog(3) would create, fail to connect and close a socket for
// every alert before losing it. The sink checks for the socket at most once a
// second instead, says once on stderr that syslog is not reached, and sends
// again as soon as a logger appears. Meanwhile the queue does not even take
// the alerts (discards_now), so a host without a logger pays nothing per alert
// for the default syslog output. The check is shared by the evaluating
// thread (discards_now) and the sink's thread (deliver), hence atomics.
#include <paths.h>
#include <sys/stat.h>
#include <syslog.h>

#include <atomic>
#include <chrono>
#include <cstdint>
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
  bool discards_now() override { return !logger_present(); }

 private:
  bool logger_present() {
    const int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
    if (now < next_check_.load(std::memory_order_relaxed)) return present_.load(std::memory_order_relaxed);
    next_check_.store(now + std::chrono::steady_clock::duration(std::chrono::seconds(1)).count(),
                      std::memory_order_relaxed);
    struct stat st;
    const bool present = ::stat(_PATH_LOG, &st) == 0;
    if (!present && !warned_.exchange(true)) {
      std::fprintf(stderr, "syslog output: no system logger at %s; alerts are not sent to syslog until one appears\n",
                   _PATH_LOG);
    }
    present_.store(present, std::memory_order_relaxed);
    return present;
  }

  std::atomic<int64_t> next_check_{0};
  std::atomic<bool> present_{false};
  std::atomic<bool> warned_{false};
};

}  // namespace

std::unique_ptr<Sink> make_syslog_sink() { return std::make_unique<SyslogSink>(); }

}  // namespace eg::output
