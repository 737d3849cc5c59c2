// The state engine's answers to fields/param_render.h's questions (fd names
// and type letters, thread names, cwd, directory fds, user and group names)
// for one event, so that evt.args / evt.arg render as libsinsp renders them.
#pragma once

#include <string>

#include "engine/state/event_context.h"
#include "fields/param_render.h"

namespace eg {

class StateRenderContext : public ParamRenderContext {
 public:
  explicit StateRenderContext(const EventContext& ctx) : ctx_(ctx) {}

  bool has_thread() const override { return ctx_.thread != nullptr && ctx_.zone != nullptr; }
  bool fd_info(int64_t fd, FdDescription& out) const override;
  bool thread_comm(int64_t tid, std::string_view& comm) const override;
  std::string cwd() const override;
  std::string dir_fd_path(int64_t fd) const override;
  bool user_name(uint32_t uid, std::string_view& name) const override;
  bool group_name(uint32_t gid, std::string_view& name) const override;

 private:
  const EventContext& ctx_;
};

// The l4 letter libsinsp shows after the type letter ("<4t>"): only for IP
// sockets whose role (client/server) is known; 0 otherwise.
char fd_l4_char(const FdInfo& fd);

}  // namespace eg
