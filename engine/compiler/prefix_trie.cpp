// Byte trie for prefix lists (see prefix_trie.h).
#include "engine/compiler/prefix_trie.h"

#include <algorithm>

namespace eg {

PrefixTrie::PrefixTrie() : nodes_(1) {}

int64_t PrefixTrie::child(uint32_t node, char c) const {
  const auto& next = nodes_[node].next;
  auto it = std::lower_bound(next.begin(), next.end(), c,
                             [](const auto& e, char ch) { return e.first < ch; });
  if (it != next.end() && it->first == c) return static_cast<int64_t>(it->second);
  return -1;
}

void PrefixTrie::add(std::string_view prefix) {
  uint32_t node = 0;
  for (char c : prefix) {
    int64_t n = child(node, c);
    if (n < 0) {
      auto id = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
      auto& next = nodes_[node].next;
      auto it = std::lower_bound(next.begin(), next.end(), c,
                                 [](const auto& e, char ch) { return e.first < ch; });
      next.insert(it, {c, id});
      n = id;
    }
    node = static_cast<uint32_t>(n);
  }
  nodes_[node].terminal = true;
  ++count_;
}

bool PrefixTrie::matches_prefix_of(std::string_view value) const {
  if (count_ == 0) return false;
  uint32_t node = 0;
  if (nodes_[0].terminal) return true;
  for (char c : value) {
    int64_t n = child(node, c);
    if (n < 0) return false;
    node = static_cast<uint32_t>(n);
    if (nodes_[node].terminal) return true;
  }
  return false;
}

}  // namespace eg
