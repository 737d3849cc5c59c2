// Seeding a zone's state from a capture section (machine, threads, fds, users,
// groups, interfaces), shared by the replay run and the `events` printer so both
// see exactly the same state.
#pragma once

namespace eg {
class ZoneState;
struct CaptureSection;
}  // namespace eg

namespace eg::cli {

// Forgets the zone's state, then seeds it from `section` (threads before fds).
void seed_zone_from_capture(ZoneState& zone, const CaptureSection& section);

}  // namespace eg::cli
