// program sink: writes the alert line plus a newline to a shell command's
// stdin (popen); without keep_alive a new process per alert (§7.7).
#include <csignal>
#include <cstdio>

#include "engine/output/sink.h"

namespace eg::output {
namespace {

class ProgramSink : public Sink {
 public:
  ProgramSink(ProgramSinkConfig c, bool buffered) : config_(std::move(c)), buffered_(buffered) {
    std::signal(SIGPIPE, SIG_IGN);  // a program that exits early must not kill us
  }
  ~ProgramSink() override { close_pipe(); }
  std::string_view name() const override { return "program"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    if (!pipe_ && !(pipe_ = ::popen(config_.program.c_str(), "w"))) return false;
    const std::string& line = a.line();
    bool ok = std::fwrite(line.data(), 1, line.size(), pipe_) == line.size() && std::fputc('\n', pipe_) != EOF;
    if (!config_.keep_alive) ok = close_pipe() && ok;
    else if (!buffered_) ok = std::fflush(pipe_) == 0 && ok;
    if (!ok) close_pipe();
    return ok;
  }
  void flush() override {
    if (pipe_) std::fflush(pipe_);
  }
  void close() override { close_pipe(); }

 private:
  bool close_pipe() {
    if (!pipe_) return true;
    int rc = ::pclose(pipe_);
    pipe_ = nullptr;
    return rc != -1;
  }
  ProgramSinkConfig config_;
  bool buffered_;
  FILE* pipe_ = nullptr;
};

}  // namespace

std::unique_ptr<Sink> make_program_sink(const ProgramSinkConfig& config, bool buffered) {
  return std::make_unique<ProgramSink>(config, buffered);
}

}  // namespace eg::output
