// Sink creation from the configuration and fan-out (see output_dispatcher.h).
#include "engine/output/output_dispatcher.h"

#include <cstdio>

namespace eg::output {

std::unique_ptr<OutputDispatcher> OutputDispatcher::create(const OutputConfig& c, std::string* error) {
  bool buffered = c.buffered_outputs;
  std::vector<std::unique_ptr<Sink>> sinks;
  if (c.stdout_output.enabled) sinks.push_back(make_stdout_sink(buffered));
  if (c.file_output.enabled) sinks.push_back(make_file_sink(c.file_output, buffered));
  if (c.program_output.enabled) sinks.push_back(make_program_sink(c.program_output, buffered));
  if (c.syslog_output.enabled) sinks.push_back(make_syslog_sink());
  if (c.http_output.enabled) sinks.push_back(make_http_sink(c.http_output, c.json_output));
  if (sinks.empty()) {
    if (error) *error = "No output configured, please make sure at least one output is configured and enabled.";
    return nullptr;
  }
  return std::make_unique<OutputDispatcher>(std::move(sinks), c.queue_capacity ? c.queue_capacity : kDefaultQueueCapacity);
}

OutputDispatcher::OutputDispatcher(std::vector<std::unique_ptr<Sink>> sinks, size_t capacity) {
  for (auto& s : sinks) queues_.push_back(std::make_unique<SinkQueue>(std::move(s), capacity));
}

OutputDispatcher::~OutputDispatcher() { close(std::chrono::milliseconds(0)); }

void OutputDispatcher::dispatch(const AlertPtr& alert) {
  for (auto& q : queues_) q->push(alert);
}

void OutputDispatcher::close(std::chrono::milliseconds drain_deadline, const std::function<bool()>& abort) {
  if (closed_) return;
  closed_ = true;
  // Drain all sinks in parallel so that one slow sink does not use up the
  // deadline of the others.
  std::vector<std::thread> closers;
  for (auto& q : queues_) closers.emplace_back([&q, drain_deadline, &abort] { q->close(drain_deadline, abort); });
  for (auto& t : closers) t.join();
  for (const auto& q : queues_) {
    SinkStats s = q->stats();
    if (s.dropped())
      std::fprintf(stderr, "%.*s output: %llu alert(s) dropped (%llu queue full, %llu failed, %llu at shutdown)\n",
                   static_cast<int>(q->name().size()), q->name().data(),
                   static_cast<unsigned long long>(s.dropped()), static_cast<unsigned long long>(s.dropped_full),
                   static_cast<unsigned long long>(s.dropped_failed),
                   static_cast<unsigned long long>(s.dropped_shutdown));
  }
}

uint64_t OutputDispatcher::total_dropped() const {
  uint64_t n = 0;
  for (const auto& q : queues_) n += q->stats().dropped();
  return n;
}

std::vector<std::pair<std::string, SinkStats>> OutputDispatcher::stats() const {
  std::vector<std::pair<std::string, SinkStats>> out;
  for (const auto& q : queues_) out.emplace_back(std::string(q->name()), q->stats());
  return out;
}

}  // namespace eg::output
