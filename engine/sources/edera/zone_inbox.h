// ZoneInbox: the bounded queue between a zone's stream (the pump thread that
// reads the daemon) and the worker thread that evaluates the zone. One per
// zone, so a flooding zone fills only its own inbox: when it is full, new
// events are dropped and counted for that zone; control items (snapshots,
// state purges) are never dropped, because losing one would corrupt state.
//
// Events are stored as native records in one byte arena plus an item list;
// the worker takes everything at once by swapping buffers (take()), so the
// steady state allocates nothing and the lock is held for a swap only.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "engine/state/snapshot.h"

namespace eg::edera {

struct ZoneSnapshot;  // zone_snapshot.h

// Wakes one worker when its inboxes have something for it. A worker that
// has been busy recently polls every few milliseconds and is not woken per
// event (a futex wake per event would cost more than evaluating it); a
// worker that went idle sleeps long and asks to be woken by the next item.
class WakeSignal {
 public:
  void notify() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      pending_ = true;
    }
    cv_.notify_one();
  }
  // Waits until notified (or `timeout`), then clears the flag. `deep`: the
  // worker is idle and wants the next item to wake it.
  // Before a deep wait the worker announces it (announce_deep_sleep) and then
  // looks at its inboxes once more: a push either sees the announcement and
  // notifies, or happened before it and is found by that last look.
  template <typename Duration>
  void wait(Duration timeout, bool deep) {
    std::unique_lock<std::mutex> lock(mu_);
    if (deep) deep_.store(true);
    cv_.wait_for(lock, timeout, [&] { return pending_; });
    pending_ = false;
    deep_.store(false);
  }
  void announce_deep_sleep() { deep_.store(true); }
  void cancel_deep_sleep() { deep_.store(false); }
  bool deep_sleeping() const { return deep_.load(); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = false;
  std::atomic<bool> deep_{false};
};

// Pending events at which a polling worker is woken anyway.
inline constexpr size_t kWakeBatch = 1024;

struct ZoneInboxStats {
  uint64_t events = 0;     // events accepted into the inbox
  uint64_t dropped = 0;    // events dropped because the inbox was full
  uint64_t malformed = 0;  // messages the pump could not turn into events
  uint64_t snapshots = 0;
};

class ZoneInbox {
 public:
  enum class Kind : uint8_t { Event, Snapshot, Purge };
  struct Item {
    Kind kind = Kind::Event;
    bool visible = true;      // Event: shown to rules (else state only)
    uint16_t cpu = 0;
    uint32_t offset = 0, length = 0;  // Event: record bytes in Batch::bytes
    std::shared_ptr<const ZoneSnapshot> snapshot;
  };
  struct Batch {
    std::vector<uint8_t> bytes;
    std::vector<Item> items;
    void clear() {
      bytes.clear();
      items.clear();
    }
  };

  ZoneInbox(std::string zone_id, std::string zone_name, size_t capacity, size_t max_bytes);

  const std::string& zone_id() const { return zone_id_; }
  const std::string& zone_name() const { return zone_name_; }
  void set_zone_name(std::string name);
  std::string zone_name_now() const;

  // The zone's network interfaces (zone_interfaces.h), seeded into every
  // state the worker builds for the zone. Set before the zone is assigned.
  void set_interfaces(std::vector<InterfaceSnapshot> itfs) { interfaces_ = std::move(itfs); }
  const std::vector<InterfaceSnapshot>& interfaces() const { return interfaces_; }

  // The worker to wake on new items (set once the zone is assigned).
  void set_wake(WakeSignal* wake);

  bool push_event(std::span<const uint8_t> record, uint16_t cpu, bool visible);  // false: dropped
  void push_snapshot(std::shared_ptr<const ZoneSnapshot> snapshot);
  void push_purge();  // forget the zone's state at this point of the stream
  void count_malformed() { malformed_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t malformed() const { return malformed_.load(std::memory_order_relaxed); }

  // Moves every pending item into `out` (which is cleared first). False when empty.
  bool take(Batch& out);

  // The zone ended: the worker processes what is left, then retires the inbox.
  void close();
  void reopen();
  bool closed() const;
  bool empty() const;

  ZoneInboxStats stats() const;

 private:
  void notify_if_was_empty(bool was_empty);
  void notify_for_event(bool was_empty, size_t pending);

  std::string zone_id_, zone_name_;
  std::vector<InterfaceSnapshot> interfaces_;
  size_t capacity_, max_bytes_;
  mutable std::mutex mu_;
  Batch pending_;
  size_t pending_events_ = 0;
  bool closed_ = false;
  WakeSignal* wake_ = nullptr;
  ZoneInboxStats stats_;
  std::atomic<uint64_t> malformed_{0};
};

}  // namespace eg::edera
