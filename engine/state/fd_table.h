// The open file descriptors of one process (shared by its threads, as with
// CLONE_FILES in libsinsp). A map from fd number to FdInfo with a size bound:
// when full, new fds are not tracked and the drop is counted, as libsinsp does.
// Removal of a closed fd is deferred to the start of the next event so the
// close event itself still sees fd.name (libsinsp's m_fds_to_remove).
// Processes open and close fds all the time, so the map keeps a few nodes of
// closed fds and reuses them for the next opens instead of freeing and
// allocating one per open/close.
#pragma once

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "engine/state/fd_info.h"

namespace eg {

class FdTable {
 public:
  explicit FdTable(size_t max_size = kDefaultMaxSize) : max_size_(max_size) {}
  static constexpr size_t kDefaultMaxSize = 4096;

  const FdInfo* find(int64_t fd) const;
  FdInfo* find(int64_t fd);
  // Inserts or replaces fd `fd`; nullptr (and a counted drop) when full.
  FdInfo* add(int64_t fd, FdInfo info);
  // The entry for fd `fd` reset to a default FdInfo, to be filled in place:
  // the existing entry, a spare node or a new one. The strings keep their
  // buffers, so an open in steady state allocates nothing. nullptr (and a
  // counted drop) when full. Same outcome as add(fd, <the filled FdInfo>).
  FdInfo* reset_slot(int64_t fd);
  void erase(int64_t fd);
  void clear() {
    fds_.clear();
    spare_.clear();
  }

  size_t size() const { return fds_.size(); }
  size_t max_size() const { return max_size_; }
  uint64_t drops() const { return drops_; }
  // Visits fds in unspecified order; stop by returning false.
  void for_each(const std::function<bool(int64_t, const FdInfo&)>& fn) const;

 private:
  using Map = std::unordered_map<int64_t, FdInfo>;
  static constexpr size_t kSpareNodes = 8;
  Map fds_;
  std::vector<Map::node_type> spare_;  // nodes of erased fds, at most kSpareNodes
  size_t max_size_;
  uint64_t drops_ = 0;
};

}  // namespace eg
