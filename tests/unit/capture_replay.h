// Unit-test helper: replays a capture held in memory (CaptureBuilder bytes)
// through a zone seeded with the capture's section, and hands each visible
// event's context to the test. Several suites check fields or rules event by
// event this way; the reader lives only inside the call, so contexts are valid
// only within `fn`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace eg::testing {

// fn(const EventContext&, const CaptureEvent&) for every visible event.
template <typename Fn>
void replay_visible_events(const std::vector<uint8_t>& bytes, ZoneState& zone, Fn&& fn) {
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  const CaptureSection& s = reader->section();
  zone.seed(s.threads, s.fds, s.users, s.groups);
  CaptureEvent ev;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (ev.visible) fn(ctx, ev);
  }
}

}  // namespace eg::testing
