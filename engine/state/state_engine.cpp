// StateEngine: zone id -> ZoneState (see state_engine.h).
#include "engine/state/state_engine.h"

namespace eg {

ZoneState& StateEngine::zone(const std::string& zone_id, const std::string& zone_name) {
  auto it = zones_.find(zone_id);
  if (it == zones_.end()) {
    auto z = std::make_unique<ZoneState>(zone_id, zone_name.empty() ? zone_id : zone_name, limits_);
    it = zones_.emplace(zone_id, std::move(z)).first;
  }
  return *it->second;
}

const ZoneState* StateEngine::find_zone(const std::string& zone_id) const {
  auto it = zones_.find(zone_id);
  return it == zones_.end() ? nullptr : it->second.get();
}

}  // namespace eg
