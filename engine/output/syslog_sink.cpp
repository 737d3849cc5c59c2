// syslog sink: syslog(level of the priority, line) without a newline (§7.7).
// Falco's priorities are syslog's levels, so the value maps directly.
#include <syslog.h>

#include "engine/output/sink.h"

namespace eg::output {
namespace {

class SyslogSink : public Sink {
 public:
  std::string_view name() const override { return "syslog"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    ::syslog(static_cast<int>(a.priority), "%s", a.line.c_str());
    return true;
  }
};

}  // namespace

std::unique_ptr<Sink> make_syslog_sink() { return std::make_unique<SyslogSink>(); }

}  // namespace eg::output
