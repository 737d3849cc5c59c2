// Worker loop of a queued sink (see sink_queue.h).
#include "engine/output/sink_queue.h"

#include <algorithm>
#include <cstdio>

namespace eg::output {

SinkQueue::SinkQueue(std::unique_ptr<Sink> sink, size_t capacity)
    : sink_(std::move(sink)), capacity_(capacity ? capacity : 1) {
  worker_ = std::thread([this] { run(); });
}

SinkQueue::~SinkQueue() { close(std::chrono::milliseconds(0)); }

void SinkQueue::push(AlertPtr alert) {
  if (sink_->discards_now()) {
    discarded_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) return;
    if (queue_.size() + in_flight_ >= capacity_) {
      ++stats_.dropped_full;
      if (!logged_full_) {
        std::fprintf(stderr, "Outputs queue out of memory. Drop event and continue on %.*s output\n",
                     static_cast<int>(sink_->name().size()), sink_->name().data());
        logged_full_ = true;
      }
      return;
    }
    queue_.push_back(std::move(alert));
    wake = worker_waiting_;
    worker_waiting_ = false;  // one wake-up per sleep
  }
  if (wake) cv_.notify_one();
}

void SinkQueue::run() {
  std::deque<AlertPtr> batch;
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    while (!closing_ && queue_.empty()) {
      worker_waiting_ = true;
      cv_.wait(lock);
      // Woken by the first alert of a burst: give the producer the rest of
      // its time slice so that the batch collects what follows (on a busy
      // core the woken sink would otherwise preempt it for every alert).
      lock.unlock();
      std::this_thread::yield();
      lock.lock();
    }
    worker_waiting_ = false;
    if (queue_.empty()) break;  // closing and drained
    batch.swap(queue_);
    in_flight_ = batch.size();
    busy_ = true;
    lock.unlock();
    uint64_t delivered = 0, failed = 0;
    size_t attempted = deliver_batch(batch, &delivered, &failed);
    lock.lock();
    stats_.delivered += delivered;
    stats_.dropped_failed += failed;
    stats_.dropped_shutdown += batch.size() - attempted;
    batch.clear();
    in_flight_ = 0;
    busy_ = false;
    idle_cv_.notify_all();
  }
  lock.unlock();
  sink_->close();
}

size_t SinkQueue::deliver_batch(const std::deque<AlertPtr>& batch, uint64_t* delivered, uint64_t* failed) {
  size_t attempted = 0;
  for (const AlertPtr& a : batch) {
    if (stopping_.load(std::memory_order_relaxed)) break;
    ++attempted;
    if (sink_->deliver(*a, stopping_)) ++*delivered;
    else ++*failed;
  }
  sink_->end_batch();
  return attempted;
}

void SinkQueue::close(std::chrono::milliseconds drain_deadline, const std::function<bool()>& abort) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!worker_.joinable()) return;
  closing_ = true;
  cv_.notify_all();
  auto until = std::chrono::steady_clock::now() + drain_deadline;
  auto idle = [this] { return queue_.empty() && !busy_; };
  bool drained = idle();
  while (!drained && std::chrono::steady_clock::now() < until && !(abort && abort())) {
    auto slice = std::min<std::chrono::steady_clock::duration>(until - std::chrono::steady_clock::now(),
                                                               std::chrono::milliseconds(50));
    drained = idle_cv_.wait_for(lock, slice, idle);
  }
  if (!drained) {
    stats_.dropped_shutdown += queue_.size();
    queue_.clear();
    stopping_ = true;  // a sink in a retry loop gives up
  }
  lock.unlock();
  cv_.notify_all();
  worker_.join();
}

SinkStats SinkQueue::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  SinkStats s = stats_;
  s.delivered += discarded_.load(std::memory_order_relaxed);
  return s;
}

}  // namespace eg::output
