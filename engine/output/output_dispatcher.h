// Fans every alert out to the enabled sinks (each behind its own SinkQueue)
// and reports, at shutdown, what each sink dropped.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "engine/output/output_config.h"
#include "engine/output/sink_queue.h"

namespace eg::output {

// Default per-sink queue capacity when outputs_queue.capacity is 0.
inline constexpr size_t kDefaultQueueCapacity = 100000;

class OutputDispatcher {
 public:
  // Creates the sinks the configuration enables. `error` is set (and no sink
  // created) when none is enabled, with Falco's message.
  static std::unique_ptr<OutputDispatcher> create(const OutputConfig& config, std::string* error);
  // For tests: explicit sinks.
  OutputDispatcher(std::vector<std::unique_ptr<Sink>> sinks, size_t capacity);
  ~OutputDispatcher();

  void dispatch(const AlertPtr& alert);
  // Drains and stops every sink; logs drops on stderr. Idempotent.
  // `abort` (optional) ends the drain early, e.g. on a second stop signal.
  void close(std::chrono::milliseconds drain_deadline = std::chrono::milliseconds(10000),
             const std::function<bool()>& abort = {});
  uint64_t total_dropped() const;
  std::vector<std::pair<std::string, SinkStats>> stats() const;

 private:
  std::vector<std::unique_ptr<SinkQueue>> queues_;
  bool closed_ = false;
};

}  // namespace eg::output
