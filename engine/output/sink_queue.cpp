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
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) return;
    if (queue_.size() >= capacity_) {
      ++stats_.dropped_full;
      if (!logged_full_) {
        std::fprintf(stderr, "Outputs queue out of memory. Drop event and continue on %.*s output\n",
                     static_cast<int>(sink_->name().size()), sink_->name().data());
        logged_full_ = true;
      }
      return;
    }
    queue_.push_back(std::move(alert));
  }
  cv_.notify_one();
}

void SinkQueue::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) break;  // closing and drained
    AlertPtr a = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    bool ok = sink_->deliver(*a, stopping_);
    lock.lock();
    busy_ = false;
    if (ok) ++stats_.delivered;
    else ++stats_.dropped_failed;
    idle_cv_.notify_all();
  }
  lock.unlock();
  sink_->close();
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
  return stats_;
}

}  // namespace eg::output
