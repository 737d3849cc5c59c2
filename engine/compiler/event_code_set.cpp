// Bitset operations of EventCodeSet (see event_code_set.h).
#include "engine/compiler/event_code_set.h"

#include <algorithm>
#include <bit>

namespace eg {

EventCodeSet EventCodeSet::all(size_t universe) {
  EventCodeSet s;
  for (size_t c = 0; c < universe; ++c) s.insert(static_cast<uint16_t>(c));
  return s;
}

void EventCodeSet::insert(uint16_t code) {
  size_t w = code / 64;
  if (w >= words_.size()) words_.resize(w + 1, 0);
  words_[w] |= uint64_t{1} << (code % 64);
}

void EventCodeSet::erase(uint16_t code) {
  size_t w = code / 64;
  if (w < words_.size()) words_[w] &= ~(uint64_t{1} << (code % 64));
  trim();
}

size_t EventCodeSet::size() const {
  size_t n = 0;
  for (uint64_t w : words_) n += static_cast<size_t>(std::popcount(w));
  return n;
}

EventCodeSet EventCodeSet::merged(const EventCodeSet& other) const {
  EventCodeSet r;
  r.words_.resize(std::max(words_.size(), other.words_.size()), 0);
  for (size_t i = 0; i < r.words_.size(); ++i) {
    uint64_t a = i < words_.size() ? words_[i] : 0;
    uint64_t b = i < other.words_.size() ? other.words_[i] : 0;
    r.words_[i] = a | b;
  }
  r.trim();
  return r;
}

EventCodeSet EventCodeSet::intersected(const EventCodeSet& other) const {
  EventCodeSet r;
  r.words_.resize(std::min(words_.size(), other.words_.size()), 0);
  for (size_t i = 0; i < r.words_.size(); ++i) r.words_[i] = words_[i] & other.words_[i];
  r.trim();
  return r;
}

EventCodeSet EventCodeSet::minus(const EventCodeSet& other) const {
  EventCodeSet r = *this;
  for (size_t i = 0; i < r.words_.size() && i < other.words_.size(); ++i) {
    r.words_[i] &= ~other.words_[i];
  }
  r.trim();
  return r;
}

std::vector<uint16_t> EventCodeSet::codes() const {
  std::vector<uint16_t> out;
  for (size_t w = 0; w < words_.size(); ++w) {
    uint64_t bits = words_[w];
    while (bits != 0) {
      int b = std::countr_zero(bits);
      out.push_back(static_cast<uint16_t>(w * 64 + static_cast<size_t>(b)));
      bits &= bits - 1;
    }
  }
  return out;
}

bool EventCodeSet::operator==(const EventCodeSet& other) const {
  return words_ == other.words_;
}

void EventCodeSet::trim() {
  while (!words_.empty() && words_.back() == 0) words_.pop_back();
}

}  // namespace eg
