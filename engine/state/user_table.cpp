// UserTable: users and groups by (container id, id) (see user_table.h).
#include "engine/state/user_table.h"

namespace eg {

void UserTable::add_user(const UserSnapshot& u) {
  users_[{u.container_id, u.uid}] = UserInfo{u.uid, u.gid, u.name, u.home, u.shell};
}

void UserTable::add_group(const GroupSnapshot& g) {
  groups_[{g.container_id, g.gid}] = GroupInfo{g.gid, g.name};
}

const UserInfo* UserTable::user(uint32_t uid, const std::string& container_id) const {
  auto it = users_.find(KeyView(container_id, uid));
  return it == users_.end() ? nullptr : &it->second;
}

const GroupInfo* UserTable::group(uint32_t gid, const std::string& container_id) const {
  auto it = groups_.find(KeyView(container_id, gid));
  return it == groups_.end() ? nullptr : &it->second;
}

void UserTable::clear() {
  users_.clear();
  groups_.clear();
}

}  // namespace eg
