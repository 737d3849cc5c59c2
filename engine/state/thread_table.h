// The threads of one zone by tid, with a size bound. When full, exited threads
// are purged first, then the thread idle the longest is evicted; both are
// counted. Threads are node-allocated, so pointers handed out stay valid until
// the thread is erased (which the zone defers to the start of an event).
#pragma once

#include <cstdint>
#include <functional>
#include <unordered_map>

#include "engine/state/thread_info.h"

namespace eg {

class ThreadTable {
 public:
  static constexpr size_t kDefaultMaxSize = 131072;
  explicit ThreadTable(size_t max_size = kDefaultMaxSize) : max_size_(max_size) {}

  const ThreadInfo* find(int64_t tid) const;
  ThreadInfo* find(int64_t tid);
  // Inserts or replaces. Makes room by eviction when full (never fails).
  ThreadInfo* add(ThreadInfo info);
  void erase(int64_t tid);
  void clear() { threads_.clear(); }

  size_t size() const { return threads_.size(); }
  size_t max_size() const { return max_size_; }
  uint64_t evictions() const { return evictions_; }
  // A thread eviction must not take (the current event's thread).
  void set_protected(int64_t tid) { protected_tid_ = tid; }
  void for_each(const std::function<bool(const ThreadInfo&)>& fn) const;
  void for_each_mutable(const std::function<bool(ThreadInfo&)>& fn);

 private:
  void make_room(int64_t keep_tid);
  std::unordered_map<int64_t, ThreadInfo> threads_;
  size_t max_size_;
  uint64_t evictions_ = 0;
  int64_t protected_tid_ = -1;
};

}  // namespace eg
