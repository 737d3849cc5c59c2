// The `pmatch` operator: is a path below (or equal to) one of a set of paths?
//
// Paths are split on '/' into components (empty components ignored). The set
// is a trie of components; a pattern component containing `*`, `?` or `[` is
// matched with glob rules against one value component (it never crosses '/').
// Built once per check at compile time; matching walks the value's components.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eg {

class PathPrefixSet {
 public:
  PathPrefixSet();
  ~PathPrefixSet();
  PathPrefixSet(PathPrefixSet&&) noexcept;
  PathPrefixSet& operator=(PathPrefixSet&&) noexcept;

  void add(std::string_view path);
  // True when some added path's components are a prefix of `path`'s components.
  bool matches(std::string_view path) const;
  bool empty() const { return count_ == 0; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  size_t count_ = 0;
};

}  // namespace eg
