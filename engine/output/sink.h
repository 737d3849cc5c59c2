// An alert destination (stdout, file, program, syslog, http). A sink runs on
// its own thread behind a bounded queue (sink_queue.h), so deliver() may block
// without stalling evaluation or the other sinks.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "engine/output/alert.h"
#include "engine/output/output_config.h"

namespace eg::output {

class Sink {
 public:
  virtual ~Sink() = default;
  virtual std::string_view name() const = 0;
  // Delivers one alert; false when it could not be delivered (the alert is
  // then counted as dropped). `stopping` becomes true at shutdown so that a
  // sink waiting to retry can give up.
  virtual bool deliver(const Alert& alert, const std::atomic<bool>& stopping) = 0;
  // True while deliver() would do nothing and report success (syslog with no
  // system logger): the queue then counts an alert as delivered without
  // queueing it. Called on the evaluating thread, concurrently with deliver().
  virtual bool discards_now() { return false; }
  // Called after each batch of alerts taken from the queue (the queue was
  // empty when the batch was taken): unbuffered sinks flush here, so alerts
  // reach their destination as soon as no more are waiting.
  virtual void end_batch() {}
  virtual void flush() {}
  // Called once by the worker after the last alert: flush and release
  // (close files, wait for programs).
  virtual void close() { flush(); }
};

std::unique_ptr<Sink> make_stdout_sink(bool buffered);
std::unique_ptr<Sink> make_file_sink(const FileSinkConfig& config, bool buffered);
std::unique_ptr<Sink> make_program_sink(const ProgramSinkConfig& config, bool buffered);
std::unique_ptr<Sink> make_syslog_sink();
// The libcurl sink (http/http_sink.h): the executable loads it from the HTTP
// module (engine/modules/http_sink_from_module.cpp), tests link it directly.
std::unique_ptr<Sink> make_http_sink(const HttpSinkConfig& config, bool json_output);

}  // namespace eg::output
