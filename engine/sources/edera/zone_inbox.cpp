// See zone_inbox.h.
#include "engine/sources/edera/zone_inbox.h"

namespace eg::edera {

ZoneInbox::ZoneInbox(std::string zone_id, std::string zone_name, size_t capacity, size_t max_bytes)
    : zone_id_(std::move(zone_id)), zone_name_(std::move(zone_name)), capacity_(capacity),
      max_bytes_(max_bytes) {}

void ZoneInbox::set_zone_name(std::string name) {
  std::lock_guard<std::mutex> lock(mu_);
  zone_name_ = std::move(name);
}

std::string ZoneInbox::zone_name_now() const {
  std::lock_guard<std::mutex> lock(mu_);
  return zone_name_;
}

void ZoneInbox::set_wake(WakeSignal* wake) {
  bool has_items;
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = wake;
    has_items = !pending_.items.empty() || closed_;
  }
  if (has_items && wake) wake->notify();
}

void ZoneInbox::notify_if_was_empty(bool was_empty) {
  // Called without the lock; wake_ is set once before events flow.
  if (was_empty && wake_) wake_->notify();
}

void ZoneInbox::notify_for_event(bool was_empty, size_t pending) {
  if (!wake_) return;
  if ((was_empty && wake_->deep_sleeping()) || pending == kWakeBatch) wake_->notify();
}

bool ZoneInbox::push_event(std::span<const uint8_t> record, uint16_t cpu, bool visible) {
  bool was_empty;
  size_t pending;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (pending_events_ >= capacity_ || pending_.bytes.size() + record.size() > max_bytes_) {
      ++stats_.dropped;
      return false;
    }
    was_empty = pending_.items.empty();
    Item item;
    item.kind = Kind::Event;
    item.visible = visible;
    item.cpu = cpu;
    item.offset = static_cast<uint32_t>(pending_.bytes.size());
    item.length = static_cast<uint32_t>(record.size());
    pending_.bytes.insert(pending_.bytes.end(), record.begin(), record.end());
    pending_.items.push_back(std::move(item));
    pending = ++pending_events_;
    ++stats_.events;
  }
  notify_for_event(was_empty, pending);
  return true;
}

void ZoneInbox::push_snapshot(std::shared_ptr<const ZoneSnapshot> snapshot) {
  bool was_empty;
  {
    std::lock_guard<std::mutex> lock(mu_);
    was_empty = pending_.items.empty();
    Item item;
    item.kind = Kind::Snapshot;
    item.snapshot = std::move(snapshot);
    pending_.items.push_back(std::move(item));
    ++stats_.snapshots;
  }
  notify_if_was_empty(was_empty);
}

void ZoneInbox::push_purge() {
  bool was_empty;
  {
    std::lock_guard<std::mutex> lock(mu_);
    was_empty = pending_.items.empty();
    Item item;
    item.kind = Kind::Purge;
    pending_.items.push_back(std::move(item));
  }
  notify_if_was_empty(was_empty);
}

bool ZoneInbox::take(Batch& out) {
  out.clear();
  std::lock_guard<std::mutex> lock(mu_);
  if (pending_.items.empty()) return false;
  std::swap(out, pending_);
  pending_events_ = 0;
  return true;
}

void ZoneInbox::close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  if (wake_) wake_->notify();
}

void ZoneInbox::reopen() {
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = false;
}

bool ZoneInbox::closed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return closed_;
}

bool ZoneInbox::empty() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pending_.items.empty();
}

ZoneInboxStats ZoneInbox::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  ZoneInboxStats s = stats_;
  s.malformed = malformed_.load(std::memory_order_relaxed);
  return s;
}

}  // namespace eg::edera
