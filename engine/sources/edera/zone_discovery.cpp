// See zone_discovery.h.
#include "engine/sources/edera/zone_discovery.h"

#include "engine/sources/edera/zone_interfaces.h"
#include "engine/sources/edera/zone_snapshot.h"  // normalise_zone_id

namespace eg::edera {

namespace pb = protect::control::v1;

ZoneRecord monitorable_zone(const pb::Zone& zone) {
  std::string id = normalise_zone_id(zone.id());
  if (id.empty() || !zone.has_status()) return {};
  const pb::ZoneStatus& st = zone.status();
  if (st.domid() == 0 || st.domid() == kNoDomain) return {};
  if (st.state() != pb::ZONE_STATE_READY || zone_status_is_exit(st)) return {};
  return {std::move(id), zone.has_spec() ? zone.spec().name() : std::string(), st.domid(), zone_interfaces(zone)};
}

void ZoneListMerger::add(const pb::ListZonesReply& reply) {
  for (const pb::Zone& z : reply.zones()) {
    std::string id = normalise_zone_id(z.id());
    if (!id.empty()) zones_[id] = z;
  }
}

std::map<std::string, ZoneRecord> ZoneListMerger::monitorable() const {
  std::map<std::string, ZoneRecord> out;
  for (const auto& [id, z] : zones_) {
    ZoneRecord r = monitorable_zone(z);
    if (!r.id.empty()) out.emplace(r.id, std::move(r));
  }
  return out;
}

bool zone_status_is_exit(const pb::ZoneStatus& status) {
  if (status.has_exit_status()) return true;
  switch (static_cast<int>(status.state())) {
    case pb::ZONE_STATE_DESTROYING:
    case pb::ZONE_STATE_DESTROYED:
    case pb::ZONE_STATE_FAILED:
    case kLegacyZoneStateExited:
      return true;
    default:
      return false;
  }
}

}  // namespace eg::edera
