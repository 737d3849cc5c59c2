// Users and groups known to a zone, from the capture's user/group lists or the
// daemon's snapshot, keyed by (container id, id) as libsinsp's user manager
// keys them ("" = host). Lookups compare the caller's container id in place
// (a transparent comparator): no key string is built per lookup, and
// user.name / user.loginname are read on every alert that prints them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
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
  using Key = std::pair<std::string, uint32_t>;
  using KeyView = std::pair<std::string_view, uint32_t>;
  // Orders Key and KeyView alike: container id, then id.
  struct KeyLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return KeyView(a.first, a.second) < KeyView(b.first, b.second);
    }
  };
  std::map<Key, UserInfo, KeyLess> users_;
  std::map<Key, GroupInfo, KeyLess> groups_;
};

}  // namespace eg
