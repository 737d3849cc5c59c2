// The state engine's answers to the param renderer's questions (fd names,
// thread names, cwd, users), so that evt.args and evt.arg print resolved
// forms like "4(<u>)" and "/etc/passwd" exactly as libsinsp does.
#pragma once

#include "engine/state/event_context.h"
#include "fields/param_render.h"

namespace eg {

class StateParamContext : public ParamRenderContext {
 public:
  explicit StateParamContext(const EventContext& ctx) : ctx_(ctx) {}
  bool has_thread() const override;
  bool fd_info(int64_t fd, FdDescription& out) const override;
  bool thread_comm(int64_t tid, std::string_view& comm) const override;
  std::string cwd() const override;
  std::string dir_fd_path(int64_t fd) const override;
  bool user_name(uint32_t uid, std::string_view& name) const override;
  bool group_name(uint32_t gid, std::string_view& name) const override;

 private:
  const EventContext& ctx_;
};

}  // namespace eg
