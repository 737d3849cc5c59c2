// See capture_seeding.h.
#include "engine/cli/capture_seeding.h"

#include "engine/sources/capture_section.h"
#include "engine/state/zone_state.h"

namespace eg::cli {

void seed_zone_from_capture(ZoneState& zone, const CaptureSection& s) {
  zone.clear();
  if (s.has_machine) zone.seed_machine(s.machine);
  for (const auto& t : s.threads) zone.seed_thread(t);
  for (const auto& f : s.fds) zone.seed_fd(f);
  for (const auto& u : s.users) zone.seed_user(u);
  for (const auto& g : s.groups) zone.seed_group(g);
  zone.seed_interfaces(s.interfaces);
}

}  // namespace eg::cli
