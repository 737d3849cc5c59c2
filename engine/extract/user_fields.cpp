// user.* and group.*: the event thread's credentials and the names the zone's
// user and group lists give them. For ids the lists do not know Falco prints
// "<NA>" (as text), except id 0, which libsinsp always calls root (home
// /root); the login uid prints as a signed number (-1 when unset).
#include "engine/extract/extractor_kit.h"
#include "engine/state/event_context.h"
#include "engine/state/zone_state.h"

namespace eg {
namespace {

using T = FieldType;
using UserText = std::string_view (*)(const UserInfo&);

constexpr std::string_view kUnknownName = "<NA>";

// What libsinsp reports for a uid missing from the user list.
const UserInfo& unknown_user(uint32_t uid) {
  static const UserInfo root{0, 0, "root", "/root", std::string(kUnknownName)};
  static const UserInfo other{0, 0, std::string(kUnknownName), std::string(kUnknownName), std::string(kUnknownName)};
  return uid == 0 ? root : other;
}

FieldBinding user_text(std::string_view name, bool login, UserText text) {
  return field(name, T::CHARBUF, [login, text](const EventContext& c, FieldValues& o, Scratch&) {
    if (c.thread == nullptr || c.zone == nullptr) return false;
    const UserInfo* u = login ? c.zone->login_user(*c.thread) : c.zone->user(*c.thread);
    return push_string(o, text(u ? *u : unknown_user(login ? c.thread->loginuid : c.thread->uid)));
  });
}

std::vector<FieldBinding> make_user_table() {
  std::vector<FieldBinding> t;
  t.push_back(field("user.uid", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    return c.thread != nullptr && push_unsigned(o, T::UINT32, c.thread->uid);
  }));
  t.push_back(user_text("user.name", false, [](const UserInfo& u) -> std::string_view { return u.name; }));
  t.push_back(user_text("user.homedir", false, [](const UserInfo& u) -> std::string_view { return u.home; }));
  t.push_back(user_text("user.shell", false, [](const UserInfo& u) -> std::string_view { return u.shell; }));
  t.push_back(field("user.loginuid", T::INT64, [](const EventContext& c, FieldValues& o, Scratch&) {
    return c.thread != nullptr && push_signed(o, T::INT64, static_cast<int32_t>(c.thread->loginuid));
  }));
  t.push_back(user_text("user.loginname", true, [](const UserInfo& u) -> std::string_view { return u.name; }));
  t.push_back(field("group.gid", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    return c.thread != nullptr && push_unsigned(o, T::UINT32, c.thread->gid);
  }));
  t.push_back(field("group.name", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    if (c.thread == nullptr || c.zone == nullptr) return false;
    const GroupInfo* g = c.zone->group(*c.thread);
    if (g) return push_string(o, g->name);
    return push_string(o, c.thread->gid == 0 ? std::string_view("root") : kUnknownName);
  }));
  return t;
}

}  // namespace

std::span<const FieldBinding> user_field_bindings() {
  static const std::vector<FieldBinding> table = make_user_table();
  return table;
}

}  // namespace eg
