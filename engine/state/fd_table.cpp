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

// Field by field (a whole FdInfo{} assigned would free the buffers); the
// size check below fails when FdInfo gains a field that is not reset here.
void reset_keeping_buffers(FdInfo& f) {
  static_assert(sizeof(FdInfo) == 168, "FdInfo changed: reset the new field here");
  static const FdInfo d{};
  f.kind = d.kind;
  f.name.clear();
  f.name_raw.clear();
  f.open_flags = d.open_flags;
  f.mode = d.mode;
  f.ino = d.ino;
  f.dev = d.dev;
  f.mount_id = d.mount_id;
  f.l4proto = d.l4proto;
  f.sip = d.sip;
  f.cip = d.cip;
  f.sport = d.sport;
  f.cport = d.cport;
  f.unix_source = d.unix_source;
  f.unix_dest = d.unix_dest;
  f.role_server = d.role_server;
  f.role_client = d.role_client;
  f.connected = d.connected;
  f.socket_pending = d.socket_pending;
  f.overlay_upper = d.overlay_upper;
  f.overlay_lower = d.overlay_lower;
  f.cloexec = d.cloexec;
  f.open_ts = d.open_ts;
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
