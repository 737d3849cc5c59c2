// The threads of one zone by tid, with a size bound. When full, exited threads
// are purged first, then the thread idle the longest is evicted; both are
// counted. Threads are node-allocated, so pointers handed out stay valid until
// the thread is erased (which the zone defers to the start of an event).
// Consecutive events mostly come from the same thread, so find() remembers
// its last hit (inline); erasing anything forgets it. The map is abseil's
// node_hash_map: nodes keep pointers stable as std::unordered_map's do, but a
// lookup masks a mixed hash instead of dividing by a prime bucket count, and
// probes a flat control array instead of chasing a bucket's list (it showed
// as 2 % of a whole run's time with std::unordered_map).
#pragma once

#include <cstdint>

#include <absl/container/node_hash_map.h>

#include "engine/state/thread_info.h"

namespace eg {

class ThreadTable {
 public:
  static constexpr size_t kDefaultMaxSize = 131072;
  explicit ThreadTable(size_t max_size = kDefaultMaxSize) : max_size_(max_size) {}

  const ThreadInfo* find(int64_t tid) const { return const_cast<ThreadTable*>(this)->find(tid); }
  ThreadInfo* find(int64_t tid) {
    if (tid == last_.tid && last_.thread != nullptr) return last_.thread;
    return find_and_remember(tid);
  }
  // Inserts or replaces. Makes room by eviction when full (never fails).
  ThreadInfo* add(ThreadInfo info);
  void erase(int64_t tid);
  void clear() {
    forget_last();
    threads_.clear();
  }

  size_t size() const { return threads_.size(); }
  size_t max_size() const { return max_size_; }
  uint64_t evictions() const { return evictions_; }
  // A thread eviction must not take (the current event's thread).
  void set_protected(int64_t tid) { protected_tid_ = tid; }
  // Visit every thread until `fn` returns false. Templates, inline: execve
  // and procexit walk the whole table, and a call per thread through a
  // std::function costs more than the visit itself.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const auto& [tid, t] : threads_) {
      if (!fn(t)) return;
    }
  }
  template <typename Fn>
  void for_each_mutable(Fn&& fn) {
    for (auto& [tid, t] : threads_) {
      if (!fn(t)) return;
    }
  }

 private:
  ThreadInfo* find_and_remember(int64_t tid);
  void forget_last() { last_.thread = nullptr; }
  void make_room(int64_t keep_tid);
  absl::node_hash_map<int64_t, ThreadInfo> threads_;
  size_t max_size_;
  uint64_t evictions_ = 0;
  int64_t protected_tid_ = -1;
  // The last find() hit. A copied or moved table starts without one (it
  // would point into the other table).
  struct LastHit {
    int64_t tid = -1;
    ThreadInfo* thread = nullptr;
    LastHit() = default;
    LastHit(const LastHit&) {}
    LastHit& operator=(const LastHit&) {
      thread = nullptr;
      return *this;
    }
  };
  LastHit last_;
};

}  // namespace eg
