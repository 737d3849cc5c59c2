// stdout sink: the alert line plus a newline, flushed after each batch of
// queued alerts (so at once when alerts are rare, one write for a burst)
// unless buffered_outputs is on (§7.7).
//
// Lines are gathered in the sink's own buffer and handed to stdio in pieces
// of up to kChunk bytes: stdio's own buffer is one file-system block (4 KiB),
// which made a burst of alerts one write(2) per three or four alerts.
#include <cstdio>
#include <string>

#include "engine/output/sink.h"

namespace eg::output {
namespace {

class StdoutSink : public Sink {
 public:
  static constexpr size_t kChunk = 64 * 1024;

  explicit StdoutSink(bool buffered) : buffered_(buffered) { pending_.reserve(kChunk + 4096); }
  std::string_view name() const override { return "stdout"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    const std::string& line = a.line();
    pending_.append(line);
    pending_.push_back('\n');
    return pending_.size() < kChunk || write_pending();
  }
  void end_batch() override {
    if (buffered_) return;
    write_pending();
    std::fflush(stdout);
  }
  void flush() override {
    write_pending();
    std::fflush(stdout);
  }

 private:
  bool write_pending() {
    bool ok = std::fwrite(pending_.data(), 1, pending_.size(), stdout) == pending_.size();
    pending_.clear();
    return ok;
  }

  bool buffered_;
  std::string pending_;
};

}  // namespace

std::unique_ptr<Sink> make_stdout_sink(bool buffered) { return std::make_unique<StdoutSink>(buffered); }

}  // namespace eg::output
