// A sink behind its own bounded queue and worker thread. push() never blocks:
// when the queue is full the alert is dropped and counted, so a slow or dead
// sink cannot stall evaluation or the other sinks. close() drains the queue
// (bounded by a deadline, after which what is left is dropped and counted).
// The worker takes everything queued at once and ends each batch with
// Sink::end_batch() (one flush per batch, not per alert); push() wakes it only
// when it sleeps, so a burst of alerts costs one wake-up, not one per alert.
// Alerts of a batch in delivery still count against the capacity. While the
// sink discards everything (Sink::discards_now), push() counts the alert as
// delivered at once instead of queueing it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "engine/output/sink.h"

namespace eg::output {

struct SinkStats {
  uint64_t delivered = 0;
  uint64_t dropped_full = 0;     // queue full
  uint64_t dropped_failed = 0;   // the sink gave up on the alert
  uint64_t dropped_shutdown = 0; // still queued when the drain deadline passed
  uint64_t dropped() const { return dropped_full + dropped_failed + dropped_shutdown; }
};

class SinkQueue {
 public:
  SinkQueue(std::unique_ptr<Sink> sink, size_t capacity);
  ~SinkQueue();
  SinkQueue(const SinkQueue&) = delete;
  SinkQueue& operator=(const SinkQueue&) = delete;

  void push(AlertPtr alert);
  // Drains the queue and stops the worker. Draining ends early (what is left
  // is dropped and counted) at the deadline or when `abort` returns true.
  // Idempotent.
  void close(std::chrono::milliseconds drain_deadline, const std::function<bool()>& abort = {});
  SinkStats stats() const;
  std::string_view name() const { return sink_->name(); }

 private:
  void run();
  // Delivers one batch outside the lock; returns how many were attempted
  // (the rest are left when stopping).
  size_t deliver_batch(const std::deque<AlertPtr>& batch, uint64_t* delivered, uint64_t* failed);

  std::unique_ptr<Sink> sink_;
  size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<AlertPtr> queue_;
  bool closing_ = false;
  bool busy_ = false;
  bool worker_waiting_ = false;
  size_t in_flight_ = 0;  // alerts of the batch being delivered
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> discarded_{0};  // counted as delivered without queueing
  SinkStats stats_;
  bool logged_full_ = false;
  std::thread worker_;
};

}  // namespace eg::output
