// StateEngine: one ZoneState per zone ("host" for local and capture sources,
// the zone UUID for Edera), created on first use. Sources tag events with a
// zone; the engine routes each to its zone's tables.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "engine/state/zone_state.h"

namespace eg {

class StateEngine {
 public:
  explicit StateEngine(StateLimits limits = {}) : limits_(limits) {}

  ZoneState& zone(const std::string& zone_id, const std::string& zone_name = {});
  const ZoneState* find_zone(const std::string& zone_id) const;
  void remove_zone(const std::string& zone_id) { zones_.erase(zone_id); }
  size_t zone_count() const { return zones_.size(); }

  const EventContext& on_event(const std::string& zone_id, const RawEvent& ev, uint64_t evt_num) {
    return zone(zone_id).on_event(ev, evt_num);
  }

 private:
  StateLimits limits_;
  std::map<std::string, std::unique_ptr<ZoneState>> zones_;
};

}  // namespace eg
