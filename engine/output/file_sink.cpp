// file sink: appends the alert line plus a newline; without keep_alive the
// file is opened for a batch of queued alerts and closed after it (Falco
// reopens per alert; the point, picking up a rotated file, is the same),
// with keep_alive it stays open and is flushed after each batch (§7.7).
#include <cstdio>

#include "engine/output/sink.h"

namespace eg::output {
namespace {

class FileSink : public Sink {
 public:
  FileSink(FileSinkConfig c, bool buffered) : config_(std::move(c)), buffered_(buffered) {}
  ~FileSink() override { close_file(); }
  std::string_view name() const override { return "file"; }
  bool deliver(const Alert& a, const std::atomic<bool>&) override {
    if (!file_ && !(file_ = std::fopen(config_.filename.c_str(), "a"))) return false;
    const std::string& line = a.line();
    return std::fwrite(line.data(), 1, line.size(), file_) == line.size() && std::fputc('\n', file_) != EOF;
  }
  void end_batch() override {
    if (!config_.keep_alive) close_file();
    else if (!buffered_ && file_) std::fflush(file_);
  }
  void flush() override {
    if (file_) std::fflush(file_);
  }
  void close() override { close_file(); }

 private:
  void close_file() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
  }
  FileSinkConfig config_;
  bool buffered_;
  FILE* file_ = nullptr;
};

}  // namespace

std::unique_ptr<Sink> make_file_sink(const FileSinkConfig& config, bool buffered) {
  return std::make_unique<FileSink>(config, buffered);
}

}  // namespace eg::output
