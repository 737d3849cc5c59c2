// Which zones to monitor, and when a zone counts as gone: the pure decision
// logic of zone discovery (control-API spec §2.4, §3.2, §3.6 and its
// recommendations), kept apart from the gRPC plumbing so it is unit-tested
// on plain messages.
//
// A zone is monitored when its id is a UUID (normalised to lowercase), it has
// a status, its domid is a real domain (not 0 = dom0, not 4294967295 = none)
// and its state is READY. It is gone when a status shows an exit (exit_status
// present, DESTROYING, DESTROYED, FAILED, or the legacy EXITED value 4), or
// when it is no longer listed as READY.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/state/snapshot.h"
#include "protect/control/v1/control.pb.h"

namespace eg::edera {

struct ZoneRecord {
  std::string id;    // canonical lowercase UUID
  std::string name;  // ZoneSpec.name ("" when the daemon gives none)
  uint32_t domid = 0;
  std::vector<InterfaceSnapshot> interfaces;  // zone_interfaces.h
};

inline constexpr uint32_t kNoDomain = 4294967295u;
inline constexpr int kLegacyZoneStateExited = 4;

// The record of a monitorable zone, or nullopt-like empty id when it is not.
ZoneRecord monitorable_zone(const protect::control::v1::Zone& zone);

// Merges ListZones replies (a later copy of an id replaces an earlier one) and
// keeps the monitorable zones, keyed by id.
class ZoneListMerger {
 public:
  void add(const protect::control::v1::ListZonesReply& reply);
  std::map<std::string, ZoneRecord> monitorable() const;
  size_t listed() const { return zones_.size(); }

 private:
  std::map<std::string, protect::control::v1::Zone> zones_;  // by normalised id
};

// True when `status` says the zone has exited or is going away.
bool zone_status_is_exit(const protect::control::v1::ZoneStatus& status);

}  // namespace eg::edera
