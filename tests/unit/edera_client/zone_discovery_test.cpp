// Zone discovery decisions (engine/sources/edera/zone_discovery.h): which
// listed zones are monitored, how split ListZones replies merge, and which
// statuses count as an exit. The fixture variants follow the control-API
// spec's test guidance (invalid ids, missing status, dom0, "no domain",
// legacy EXITED, unknown states).
#include <gtest/gtest.h>

#include "engine/sources/edera/zone_discovery.h"

namespace eg::edera {
namespace {

namespace pb = protect::control::v1;

constexpr const char* kZoneA = "0b8f3c2e-4a5d-4e6f-9a1b-2c3d4e5f6a7b";

pb::Zone zone(const std::string& id, int state, uint32_t domid, bool with_status = true) {
  pb::Zone z;
  z.set_id(id);
  z.mutable_spec()->set_name("web");
  if (with_status) {
    z.mutable_status()->set_state(static_cast<pb::ZoneState>(state));
    z.mutable_status()->set_domid(domid);
  }
  return z;
}

TEST(ZoneDiscovery, ReadyZoneWithADomainIsMonitored) {
  ZoneRecord r = monitorable_zone(zone(kZoneA, pb::ZONE_STATE_READY, 7));
  EXPECT_EQ(r.id, kZoneA);
  EXPECT_EQ(r.name, "web");
  EXPECT_EQ(r.domid, 7u);
}

TEST(ZoneDiscovery, UppercaseIdsAreNormalised) {
  ZoneRecord r = monitorable_zone(zone("0B8F3C2E-4A5D-4E6F-9A1B-2C3D4E5F6A7B", pb::ZONE_STATE_READY, 7));
  EXPECT_EQ(r.id, kZoneA);
}

TEST(ZoneDiscovery, SkipsZonesThatCannotBeMonitored) {
  EXPECT_TRUE(monitorable_zone(zone("not-a-uuid", pb::ZONE_STATE_READY, 7)).id.empty());
  EXPECT_TRUE(monitorable_zone(zone(kZoneA, pb::ZONE_STATE_READY, 7, false)).id.empty());
  EXPECT_TRUE(monitorable_zone(zone(kZoneA, pb::ZONE_STATE_READY, 0)).id.empty());
  EXPECT_TRUE(monitorable_zone(zone(kZoneA, pb::ZONE_STATE_READY, kNoDomain)).id.empty());
  EXPECT_TRUE(monitorable_zone(zone(kZoneA, pb::ZONE_STATE_CREATING, 7)).id.empty());
  EXPECT_TRUE(monitorable_zone(zone(kZoneA, pb::ZONE_STATE_CREATED, 7)).id.empty());
  EXPECT_TRUE(monitorable_zone(zone(kZoneA, 42, 7)).id.empty());
  EXPECT_TRUE(monitorable_zone(zone(kZoneA, kLegacyZoneStateExited, 7)).id.empty());
}

TEST(ZoneDiscovery, ReadyZoneWithAnExitStatusIsNotMonitored) {
  pb::Zone z = zone(kZoneA, pb::ZONE_STATE_READY, 7);
  z.mutable_status()->mutable_exit_status()->set_code(0);
  EXPECT_TRUE(monitorable_zone(z).id.empty());
}

TEST(ZoneDiscovery, LaterCopyOfAZoneWinsAcrossReplies) {
  pb::ListZonesReply first, second;
  *first.add_zones() = zone(kZoneA, pb::ZONE_STATE_CREATING, 7);
  *second.add_zones() = zone(kZoneA, pb::ZONE_STATE_READY, 7);
  ZoneListMerger forward;
  forward.add(first);
  forward.add(second);
  EXPECT_EQ(forward.monitorable().size(), 1u);
  ZoneListMerger reverse;
  reverse.add(second);
  reverse.add(first);
  EXPECT_TRUE(reverse.monitorable().empty());
}

TEST(ZoneDiscovery, ExitStatuses) {
  pb::ZoneStatus st;
  st.set_state(pb::ZONE_STATE_READY);
  EXPECT_FALSE(zone_status_is_exit(st));
  for (int s : {int(pb::ZONE_STATE_DESTROYING), int(pb::ZONE_STATE_DESTROYED), int(pb::ZONE_STATE_FAILED),
                kLegacyZoneStateExited}) {
    st.set_state(static_cast<pb::ZoneState>(s));
    EXPECT_TRUE(zone_status_is_exit(st)) << s;
  }
  st.set_state(pb::ZONE_STATE_READY);
  st.mutable_exit_status()->set_code(3);
  EXPECT_TRUE(zone_status_is_exit(st));
}

}  // namespace
}  // namespace eg::edera
