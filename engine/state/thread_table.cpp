// ThreadTable: the bounded thread map of one zone (see thread_table.h).
#include "engine/state/thread_table.h"

namespace eg {

ThreadInfo* ThreadTable::find_and_remember(int64_t tid) {
  auto it = threads_.find(tid);
  if (it == threads_.end()) return nullptr;
  last_.tid = tid;
  last_.thread = &it->second;
  return last_.thread;
}

ThreadInfo* ThreadTable::add(ThreadInfo info) {
  auto it = threads_.find(info.tid);
  if (it != threads_.end()) {
    it->second = std::move(info);
    return &it->second;
  }
  if (threads_.size() >= max_size_) make_room(info.tid);
  int64_t tid = info.tid;
  return &threads_.emplace(tid, std::move(info)).first->second;
}

void ThreadTable::erase(int64_t tid) {
  forget_last();
  threads_.erase(tid);
}

// Purges exited threads; if none, evicts the one idle the longest.
void ThreadTable::make_room(int64_t keep_tid) {
  forget_last();
  size_t before = threads_.size();
  absl::erase_if(threads_, [&](const auto& kv) {
    return kv.second.exited && kv.first != keep_tid && kv.first != protected_tid_;
  });
  evictions_ += before - threads_.size();
  if (threads_.size() < max_size_ || threads_.empty()) return;
  auto oldest = threads_.end();
  for (auto it = threads_.begin(); it != threads_.end(); ++it) {
    if (it->first == protected_tid_) continue;
    if (oldest == threads_.end() || it->second.last_event_ts < oldest->second.last_event_ts) oldest = it;
  }
  if (oldest == threads_.end()) return;
  threads_.erase(oldest);
  ++evictions_;
}

}  // namespace eg
