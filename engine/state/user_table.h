// Users and groups known to a zone, from the capture's user/group lists or the
// daemon's snapshot, keyed by (container id, id) as libsinsp's user manager
// keys them ("" = host).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "engine/state/snapshot.h"

namespace eg {

struct UserInfo {
  uint32_t uid = 0, gid = 0;
  std::string name, home, shell;
};

struct GroupInfo {
  uint32_t gid = 0;
  std::string name;
};

class UserTable {
 public:
  void add_user(const UserSnapshot& u);
  void add_group(const GroupSnapshot& g);
  const UserInfo* user(uint32_t uid, const std::string& container_id = {}) const;
  const GroupInfo* group(uint32_t gid, const std::string& container_id = {}) const;
  void clear();
  size_t user_count() const { return users_.size(); }
  size_t group_count() const { return groups_.size(); }

 private:
  std::map<std::pair<std::string, uint32_t>, UserInfo> users_;
  std::map<std::pair<std::string, uint32_t>, GroupInfo> groups_;
};

}  // namespace eg
