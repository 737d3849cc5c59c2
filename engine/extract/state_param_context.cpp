// See state_param_context.h.
#include "engine/extract/state_param_context.h"

#include "engine/state/zone_state.h"

namespace eg {

bool StateParamContext::has_thread() const { return ctx_.thread != nullptr && ctx_.zone != nullptr; }

bool StateParamContext::fd_info(int64_t fd, FdDescription& out) const {
  if (!has_thread()) return false;
  const FdInfo* info = ctx_.zone->fd(*ctx_.thread, fd);
  if (info == nullptr) return false;
  out.type_char = fd_type_char(info->kind);
  out.l4_char = 0;
  bool ip = info->kind == FdKind::Ipv4Socket || info->kind == FdKind::Ipv6Socket ||
            info->kind == FdKind::Ipv4ServerSocket || info->kind == FdKind::Ipv6ServerSocket;
  // libsinsp shows the l4 letter only once the socket's role is known.
  if (ip && (info->role_client || info->role_server)) {
    switch (info->l4proto) {
      case kL4Tcp: out.l4_char = 't'; break;
      case kL4Udp: out.l4_char = 'u'; break;
      case kL4Icmp: out.l4_char = 'i'; break;
      case kL4Raw: out.l4_char = 'r'; break;
      default: break;
    }
  }
  out.name = info->name;
  return true;
}

bool StateParamContext::thread_comm(int64_t tid, std::string_view& comm) const {
  if (ctx_.zone == nullptr) return false;
  const ThreadInfo* t = ctx_.zone->thread(tid);
  if (t == nullptr) return false;
  comm = t->comm;
  return true;
}

std::string StateParamContext::cwd() const {
  if (!has_thread()) return {};
  return std::string(ctx_.zone->cwd(*ctx_.thread));
}

std::string StateParamContext::dir_fd_path(int64_t fd) const {
  if (!has_thread()) return {};
  const FdInfo* info = ctx_.zone->fd(*ctx_.thread, fd);
  return info ? info->name : std::string();
}

bool StateParamContext::user_name(uint32_t uid, std::string_view& name) const {
  if (ctx_.zone == nullptr) return false;
  const UserInfo* u = ctx_.zone->users().user(uid, ctx_.thread ? ctx_.thread->container_id : std::string());
  if (u == nullptr) return false;
  name = u->name;
  return true;
}

bool StateParamContext::group_name(uint32_t gid, std::string_view& name) const {
  if (ctx_.zone == nullptr) return false;
  const GroupInfo* g = ctx_.zone->users().group(gid, ctx_.thread ? ctx_.thread->container_id : std::string());
  if (g == nullptr) return false;
  name = g->name;
  return true;
}

}  // namespace eg
