// The narrow view extractors take of an event and its state. Every access of
// engine/extract to engine/state goes through these functions, so a change in
// the state's layout is absorbed here and not in every field table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/state/snapshot.h"
#include "fields/event_schema.h"
#include "fields/raw_event.h"

namespace eg {

struct EventContext;

const RawEvent& ctx_event(const EventContext& ctx);
const EventInfo* ctx_event_info(const EventContext& ctx);  // nullptr for unknown codes
uint64_t ctx_event_num(const EventContext& ctx);
// Timestamp of the first event of the stream (0 until it is known): evt.reltime base.
uint64_t ctx_first_event_ts(const EventContext& ctx);
// evt.source and evt.pluginname of the event (plugin: empty for syscall sources).
std::string_view ctx_event_source(const EventContext& ctx);
std::string_view ctx_plugin_name(const EventContext& ctx);

// The event's file descriptor (fd.*): kind and name, when the event has one.
std::optional<FdKind> ctx_fd_kind(const EventContext& ctx);
std::string_view ctx_fd_name(const EventContext& ctx);

// Param i rendered as Falco prints it: the plain form and the resolved form
// (empty when none), e.g. "4" / "<u>" for an fd, "-2" / "ENOENT" for a res.
bool ctx_param_text(const EventContext& ctx, uint32_t i, std::string& plain, std::string& resolved);

// Return value of an exit syscall event (param 0), nullopt when it has none.
std::optional<int64_t> ctx_return_value(const EventContext& ctx);

}  // namespace eg

namespace eg {

// Working directory of the event's thread (with trailing '/'), nullopt without a thread.
std::optional<std::string> ctx_thread_cwd(const EventContext& ctx);
// The event's thread is its process's main thread.
bool ctx_thread_is_main(const EventContext& ctx);
// Host name of the machine the events come from (capture metadata, else this host).
std::string ctx_hostname(const EventContext& ctx);
// Name of fd `fd` of the event's thread, nullopt when unknown.
std::optional<std::string> ctx_thread_fd_name(const EventContext& ctx, int64_t fd);

}  // namespace eg
