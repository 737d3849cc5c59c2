// context_view.h over the state engine's EventContext and ZoneState.
#include "engine/extract/context_view.h"

#include <unistd.h>

#include <cstdlib>

#include "engine/extract/param_read.h"
#include "engine/state/state_render_context.h"
#include "engine/state/zone_state.h"
#include "fields/param_render.h"

namespace eg {

const RawEvent& ctx_event(const EventContext& ctx) { return *ctx.event; }
const EventInfo* ctx_event_info(const EventContext& ctx) { return ctx.info; }
uint64_t ctx_event_num(const EventContext& ctx) { return ctx.evt_num; }
uint64_t ctx_first_event_ts(const EventContext& ctx) { return ctx.first_event_ts; }
std::string_view ctx_event_source(const EventContext& ctx) { return ctx.event_source; }
std::string_view ctx_plugin_name(const EventContext& ctx) { return ctx.plugin_name; }

std::optional<FdKind> ctx_fd_kind(const EventContext& ctx) {
  if (ctx.fd == nullptr) return std::nullopt;
  return ctx.fd->kind;
}

std::string_view ctx_fd_name(const EventContext& ctx) { return ctx.fd ? std::string_view(ctx.fd->name) : ""; }

bool ctx_param_text(const EventContext& ctx, uint32_t i, std::string& plain, std::string& resolved) {
  if (ctx.event == nullptr || i >= ctx.event->nparams) return false;
  StateRenderContext state(ctx);
  RenderedParam out;
  render_param(*ctx.event, i, state, out);
  plain = std::move(out.value);
  resolved = std::move(out.resolved);
  return true;
}

// libsinsp: syscall exit events with at least one param return param 0.
std::optional<int64_t> ctx_return_value(const EventContext& ctx) {
  const EventInfo* info = ctx.info;
  if (info == nullptr || ctx.event == nullptr || !(info->category & kEcSyscall) || info->dir != '<' ||
      ctx.event->nparams == 0 || info->params.empty())
    return std::nullopt;
  // Generic syscall events carry the syscall id, not a result.
  if (info->code == kGenericExitCode) return std::nullopt;
  return read_param_signed(*ctx.event, 0, info->params[0].type);
}

std::optional<std::string> ctx_thread_cwd(const EventContext& ctx) {
  if (ctx.thread == nullptr || ctx.zone == nullptr) return std::nullopt;
  return std::string(ctx.zone->cwd(*ctx.thread));
}

bool ctx_thread_is_main(const EventContext& ctx) { return ctx.thread != nullptr && ctx.thread->is_main_thread(); }

std::string ctx_hostname(const EventContext& ctx) {
  if (ctx.zone != nullptr && !ctx.zone->machine().hostname.empty()) return ctx.zone->machine().hostname;
  if (const char* env = std::getenv("FALCO_HOSTNAME"); env != nullptr && *env) return env;
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return {};
  return buf;
}

std::optional<std::string> ctx_thread_fd_name(const EventContext& ctx, int64_t fd) {
  if (ctx.thread == nullptr || ctx.zone == nullptr) return std::nullopt;
  const FdInfo* info = ctx.zone->fd(*ctx.thread, fd);
  if (info == nullptr) return std::nullopt;
  return info->name;
}

}  // namespace eg
