// StateRenderContext (see state_render_context.h).
#include "engine/state/state_render_context.h"

#include "engine/state/zone_state.h"

namespace eg {

char fd_l4_char(const FdInfo& fd) {
  bool ip = fd.kind == FdKind::Ipv4Socket || fd.kind == FdKind::Ipv6Socket ||
            fd.kind == FdKind::Ipv4ServerSocket || fd.kind == FdKind::Ipv6ServerSocket;
  if (!ip || (!fd.role_client && !fd.role_server)) return 0;
  switch (fd.l4proto) {
    case kL4Tcp: return 't';
    case kL4Udp: return 'u';
    case kL4Icmp: return 'i';
    case kL4Raw: return 'r';
    default: return 0;
  }
}

bool StateRenderContext::fd_info(int64_t fd, FdDescription& out) const {
  if (ctx_.thread == nullptr || ctx_.zone == nullptr) return false;
  const FdInfo* f = ctx_.zone->fd(*ctx_.thread, fd);
  if (f == nullptr) return false;
  out.type_char = fd_type_char(f->kind);
  out.l4_char = fd_l4_char(*f);
  out.name = f->name;
  return true;
}

bool StateRenderContext::thread_comm(int64_t tid, std::string_view& comm) const {
  if (ctx_.zone == nullptr) return false;
  const ThreadInfo* t = ctx_.zone->thread(tid);
  if (t == nullptr) return false;
  comm = t->comm;
  return true;
}

std::string StateRenderContext::cwd() const {
  if (ctx_.thread == nullptr || ctx_.zone == nullptr) return {};
  return std::string(ctx_.zone->cwd(*ctx_.thread));
}

std::string StateRenderContext::dir_fd_path(int64_t fd) const {
  if (ctx_.thread == nullptr || ctx_.zone == nullptr) return {};
  if (fd == -100) return cwd();
  const FdInfo* f = ctx_.zone->fd(*ctx_.thread, fd);
  return f == nullptr ? std::string() : f->name;
}

bool StateRenderContext::user_name(uint32_t uid, std::string_view& name) const {
  if (ctx_.zone == nullptr) return false;
  const std::string& container = ctx_.thread != nullptr ? ctx_.thread->container_id : std::string();
  const UserInfo* u = ctx_.zone->users().user(uid, container);
  if (u == nullptr) return false;
  name = u->name;
  return true;
}

bool StateRenderContext::group_name(uint32_t gid, std::string_view& name) const {
  if (ctx_.zone == nullptr) return false;
  const std::string& container = ctx_.thread != nullptr ? ctx_.thread->container_id : std::string();
  const GroupInfo* g = ctx_.zone->users().group(gid, container);
  if (g == nullptr) return false;
  name = g->name;
  return true;
}

}  // namespace eg
