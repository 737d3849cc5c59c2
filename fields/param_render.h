// Rendering of event parameters as libsinsp prints them (evt.args, evt.arg[N],
// evt.arg.NAME; scap format spec sections 4.6-4.8). A param renders to a value
// text and an optional "resolved" text (errno name, flag names, fd name,
// thread name, ...): evt.args shows `name=value(resolved)`, evt.arg.X shows the
// resolved text when there is one, else the value.
//
// Resolving fds, thread names, user names and relative paths needs the state
// engine; it plugs in through ParamRenderContext. Without a context (or with
// the defaults) rendering behaves as libsinsp does for an event whose thread
// is unknown.
#pragma once

#include <cstdint>
#include <string>
#include <span>
#include <string_view>

#include "fields/event_schema.h"
#include "fields/raw_event.h"

namespace eg {

struct FdDescription {
  char type_char = '?';   // libsinsp fd type char: 'f' file, '4' IPv4, '6' IPv6, 'u' unix, ...
  char l4_char = 0;       // 't' tcp, 'u' udp, 'i' icmp, 'r' raw, 0 none (IP sockets only)
  std::string_view name;  // fd.name
};

class ParamRenderContext {
 public:
  virtual ~ParamRenderContext() = default;
  // The event's thread is in the state tables (libsinsp only resolves fds,
  // fd lists and paths when it is).
  virtual bool has_thread() const { return false; }
  // Fd `fd` of the event's thread.
  virtual bool fd_info(int64_t /*fd*/, FdDescription& /*out*/) const { return false; }
  // comm of any thread by tid (PT_PID params).
  virtual bool thread_comm(int64_t /*tid*/, std::string_view& /*comm*/) const { return false; }
  // The event thread's cwd (base of relative PT_FSPATH).
  virtual std::string cwd() const { return {}; }
  // The path of directory fd `fd` of the event's thread (base of PT_FSRELPATH).
  virtual std::string dir_fd_path(int64_t /*fd*/) const { return {}; }
  // User / group names for PT_UID / PT_GID.
  virtual bool user_name(uint32_t /*uid*/, std::string_view& /*name*/) const { return false; }
  virtual bool group_name(uint32_t /*gid*/, std::string_view& /*name*/) const { return false; }
};

struct RenderedParam {
  std::string value;     // "3", "-2", "4097", "/etc/passwd"
  std::string resolved;  // "<f>/etc/passwd", "ENOENT", "O_RDONLY|O_CLOEXEC", or empty
  // What evt.arg.X / evt.arg[N] extract.
  const std::string& arg_text() const { return resolved.empty() ? value : resolved; }
};

struct RenderOptions {
  // Cut PT_BYTEBUF renderings longer than this to this length, ending in
  // "..." (sysdig's default output); 0 = no limit (Falco).
  uint32_t max_buffer_len = 0;
};

// Renders param `i` of `ev` (i < ev.nparams).
void render_param(const RawEvent& ev, uint32_t i, const ParamRenderContext& ctx,
                  RenderedParam& out, const RenderOptions& options = {});

// evt.args: "name=value(resolved) name=value ...", params in order. Generic
// events (syscalls without their own event) render as an empty string.
std::string render_args(const RawEvent& ev, const ParamRenderContext& ctx,
                        const RenderOptions& options = {});

// The resolved names of a flags/enum/mode value against a table (spec 4.7).
std::string render_flag_names(FieldType type, uint32_t value, std::span<const FlagName> table);
// The same appended to `out` (no temporary string).
void append_flag_names(std::string& out, FieldType type, uint32_t value, std::span<const FlagName> table);

// libsinsp's lexical path join (fields/param_path.cpp): an absolute `path`
// stands alone, a relative one is appended to `dir` (which, as in libsinsp,
// ends with '/'); if the result is absolute, "." and ".." are resolved and
// repeated '/' collapsed. Nothing touches the file system.
std::string concatenate_paths(std::string_view dir, std::string_view path);
// The same into `out` (replacing its contents, reusing its buffer): for
// callers that join a path per event. Neither view may point into `out`.
void concatenate_paths_into(std::string& out, std::string_view dir, std::string_view path);

}  // namespace eg
