// FdTable: the bounded fd map of one process (see fd_table.h).
#include "engine/state/fd_table.h"

namespace eg {

const FdInfo* FdTable::find(int64_t fd) const {
  auto it = fds_.find(fd);
  return it == fds_.end() ? nullptr : &it->second;
}

FdInfo* FdTable::find(int64_t fd) {
  auto it = fds_.find(fd);
  return it == fds_.end() ? nullptr : &it->second;
}

FdInfo* FdTable::add(int64_t fd, FdInfo info) {
  auto it = fds_.find(fd);
  if (it != fds_.end()) {
    it->second = std::move(info);
    return &it->second;
  }
  if (fds_.size() >= max_size_) {
    ++drops_;
    return nullptr;
  }
  if (spare_.empty()) return &fds_.emplace(fd, std::move(info)).first->second;
  Map::node_type node = std::move(spare_.back());
  spare_.pop_back();
  node.key() = fd;
  node.mapped() = std::move(info);
  return &fds_.insert(std::move(node)).position->second;
}

namespace {

void reset_keeping_buffers(FdInfo& f) {
  std::string name = std::move(f.name), raw = std::move(f.name_raw);
  f = FdInfo{};
  name.clear();
  raw.clear();
  f.name = std::move(name);
  f.name_raw = std::move(raw);
}

}  // namespace

FdInfo* FdTable::reset_slot(int64_t fd) {
  auto it = fds_.find(fd);
  if (it != fds_.end()) {
    reset_keeping_buffers(it->second);
    return &it->second;
  }
  if (fds_.size() >= max_size_) {
    ++drops_;
    return nullptr;
  }
  if (spare_.empty()) return &fds_.try_emplace(fd).first->second;
  Map::node_type node = std::move(spare_.back());
  spare_.pop_back();
  node.key() = fd;
  reset_keeping_buffers(node.mapped());
  return &fds_.insert(std::move(node)).position->second;
}

void FdTable::erase(int64_t fd) {
  Map::node_type node = fds_.extract(fd);
  if (node && spare_.size() < kSpareNodes) spare_.push_back(std::move(node));
}

void FdTable::for_each(const std::function<bool(int64_t, const FdInfo&)>& fn) const {
  for (const auto& [fd, info] : fds_) {
    if (!fn(fd, info)) return;
  }
}

}  // namespace eg
