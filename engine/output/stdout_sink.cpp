// stdout sink: the alert line plus a newline, flushed per alert unless
// buffered_outputs is on (§7.7).
#include <cstdio>

#include "engine/output/sink.h"

namespace eg::output {
namespace {

class StdoutSink : public Sink {
 public:
  explicit StdoutSink(bool buffered) : buffered_(buffered) {}
  std::string_view name() const override { return "stdout"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    bool ok = std::fwrite(a.line.data(), 1, a.line.size(), stdout) == a.line.size() && std::fputc('\n', stdout) != EOF;
    if (!buffered_) std::fflush(stdout);
    return ok;
  }
  void flush() override { std::fflush(stdout); }

 private:
  bool buffered_;
};

}  // namespace

std::unique_ptr<Sink> make_stdout_sink(bool buffered) { return std::make_unique<StdoutSink>(buffered); }

}  // namespace eg::output
