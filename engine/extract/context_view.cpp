// Temporary implementation of context_view.h until engine/state/event_context.h
// exists: an event without state. Replaced by the real accessors.
#include "engine/extract/context_view.h"

namespace eg {
namespace {
const RawEvent kEmpty{};
}

const RawEvent& ctx_event(const EventContext&) { return kEmpty; }
const EventInfo* ctx_event_info(const EventContext&) { return nullptr; }
uint64_t ctx_event_num(const EventContext&) { return 0; }
uint64_t ctx_first_event_ts(const EventContext&) { return 0; }
std::optional<FdKind> ctx_fd_kind(const EventContext&) { return std::nullopt; }
std::string_view ctx_fd_name(const EventContext&) { return {}; }
bool ctx_param_text(const EventContext&, uint32_t, std::string&, std::string&) { return false; }
std::optional<int64_t> ctx_return_value(const EventContext&) { return std::nullopt; }
std::optional<std::string> ctx_thread_cwd(const EventContext&) { return std::nullopt; }
std::optional<std::string> ctx_thread_fd_name(const EventContext&, int64_t) { return std::nullopt; }

}  // namespace eg
