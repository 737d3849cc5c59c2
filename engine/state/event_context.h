// EventContext: what the rules (extractors) see of one event after the state
// engine processed it: the raw event, its number and schema entry, the zone,
// the thread and fd state *after* the parsers ran (libsinsp semantics), and the
// bits of history some fields need (previous event time, the paired enter
// event). Pointers are valid until the next on_event() of the same zone.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/state/fd_info.h"
#include "engine/state/thread_info.h"
#include "fields/event_schema.h"
#include "fields/raw_event.h"

namespace eg {

class ZoneState;

struct EventContext {
  const RawEvent* event = nullptr;
  const EventInfo* info = nullptr;   // nullptr for codes beyond the table
  uint64_t evt_num = 0;
  const ZoneState* zone = nullptr;   // the zone's tables (users, other threads)
  std::string_view zone_id;          // "host" for local and capture sources
  std::string_view zone_name;
  // Where the event came from: evt.source and evt.pluginname. Capture and host
  // events are "syscall" with no plugin; Edera zone events are "edera_zone"
  // from plugin "edera", as with Edera's Falco plugin.
  std::string_view event_source = "syscall";
  std::string_view plugin_name;

  const ThreadInfo* thread = nullptr;  // nullptr when the event has no thread (tid -1)
  // The event's fd (fd.* fields): the fd param of fd-using events, the new fd
  // of fd-creating exits. fd_num is -1 when the event has none; fd may be null
  // with fd_num >= 0 when the fd is unknown to the table.
  int64_t fd_num = -1;
  const FdInfo* fd = nullptr;
  bool fd_name_changed = false;      // fd.name_changed

  // The enter event of this exit, when the source delivered it separately and
  // the state kept it (live sources); nullptr otherwise (converted captures fold
  // enter params into the exit).
  const RawEvent* enter_event = nullptr;

  uint64_t first_event_ts = 0;       // evt.reltime base
  uint64_t prev_event_ts = 0;        // evt.deltatime base (0 for the first event)

  bool is_exit() const { return info != nullptr && info->dir == '<'; }
};

}  // namespace eg
