// See event_visibility.h.
#include "engine/sources/event_visibility.h"

#include "engine/sources/capture_format.h"
#include "fields/event_schema.h"

namespace eg {

bool visible_to_rules(const RawEvent& ev, uint32_t dump_flags) {
  if (dump_flags & scap::kDumpFlagStateOnly) return false;
  const EventInfo* info = event_info(ev.type);
  return !(info && info->is_enter() && (info->category & kEcSyscall));
}

}  // namespace eg
