// Which events rules see. libsinsp processes every event for state but hides
// some from rules: syscall enter events (the converter keeps them so that
// their exits can be completed and the state engine can read them) and events
// a capture marks SCAP_DF_STATE_ONLY. One function for every source (capture
// reader, Edera zones) so that the same events are visible whatever the source.
// Inline: it runs on every event and is two table reads.
#pragma once

#include <cstdint>

#include "engine/sources/capture_format.h"
#include "fields/event_schema.h"
#include "fields/raw_event.h"

namespace eg {

// `dump_flags`: the flags word of a capture's EVF block (0 for other sources).
inline bool visible_to_rules(const RawEvent& ev, uint32_t dump_flags = 0) {
  if (dump_flags & scap::kDumpFlagStateOnly) return false;
  const EventInfo* info = event_info(ev.type);
  return !(info && info->is_enter() && (info->category & kEcSyscall));
}

}  // namespace eg
