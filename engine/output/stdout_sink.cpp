// stdout sink: the alert line plus a newline, flushed after each batch of
// queued alerts (so at once when alerts are rare, one write for a burst)
// unless buffered_outputs is on (§7.7).
#include <cstdio>

#include "engine/output/sink.h"

namespace eg::output {
namespace {

class StdoutSink : public Sink {
 public:
  explicit StdoutSink(bool buffered) : buffered_(buffered) {}
  std::string_view name() const override { return "stdout"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    const std::string& line = a.line();
    return std::fwrite(line.data(), 1, line.size(), stdout) == line.size() && std::fputc('\n', stdout) != EOF;
  }
  void end_batch() override {
    if (!buffered_) std::fflush(stdout);
  }
  void flush() override { std::fflush(stdout); }

 private:
  bool buffered_;
};

}  // namespace

std::unique_ptr<Sink> make_stdout_sink(bool buffered) { return std::make_unique<StdoutSink>(buffered); }

}  // namespace eg::output
