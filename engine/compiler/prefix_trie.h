// A byte trie answering "does the value start with one of these prefixes?",
// compiled from `startswith anyof (...)` lists so that a long list costs one
// walk over the value instead of one comparison per prefix.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace eg {

class PrefixTrie {
 public:
  PrefixTrie();
  void add(std::string_view prefix);
  bool matches_prefix_of(std::string_view value) const;
  bool empty() const { return count_ == 0; }

 private:
  struct Node {
    bool terminal = false;
    std::vector<std::pair<char, uint32_t>> next;  // sorted by byte
  };
  std::vector<Node> nodes_;
  size_t count_ = 0;
  int64_t child(uint32_t node, char c) const;
};

}  // namespace eg
