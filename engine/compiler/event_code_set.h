// A set of event codes (libscap PPME_* numbers) as a compact bitset.
//
// Rules are indexed by the event codes their condition can match (§6.1 of the
// language reference). The set is small (a few hundred codes), so a bitset
// gives constant-time membership for the per-event index lookup and cheap
// union/intersection/complement while the set is computed from the AST.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace eg {

class EventCodeSet {
 public:
  EventCodeSet() = default;
  EventCodeSet(std::initializer_list<uint16_t> codes) {
    for (uint16_t c : codes) insert(c);
  }
  // Every code in [0, universe).
  static EventCodeSet all(size_t universe);

  void insert(uint16_t code);
  void erase(uint16_t code);
  bool contains(uint16_t code) const {
    size_t w = code / 64;
    return w < words_.size() && ((words_[w] >> (code % 64)) & 1u) != 0;
  }
  size_t size() const;
  bool empty() const { return size() == 0; }
  void clear() { words_.clear(); }

  EventCodeSet merged(const EventCodeSet& other) const;       // union
  EventCodeSet intersected(const EventCodeSet& other) const;  // intersection
  EventCodeSet minus(const EventCodeSet& other) const;        // difference

  // The codes in increasing order.
  std::vector<uint16_t> codes() const;

  bool operator==(const EventCodeSet& other) const;

 private:
  std::vector<uint64_t> words_;
  void trim();
};

}  // namespace eg
