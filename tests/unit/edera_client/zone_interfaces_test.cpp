// A zone's interface list (engine/sources/edera/zone_interfaces.h): loopback
// always, plus the daemon-reported addresses with their prefixes.
#include <gtest/gtest.h>

#include "engine/sources/edera/zone_interfaces.h"

namespace eg::edera {
namespace {

namespace pb = protect::control::v1;

TEST(ZoneInterfaces, LoopbackAlwaysThenTheReportedAddresses) {
  pb::Zone z;
  auto* itf = z.mutable_status()->mutable_network_status()->add_interfaces();
  itf->set_zone_interface("eth0");
  itf->add_ips()->set_address("10.75.0.2/16");
  itf->add_ips()->set_address("fd00::2");
  itf->add_ips()->set_address("not an address");
  itf->add_ips()->set_address("10.0.0.1/x");
  auto list = zone_interfaces(z);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].name, "lo");
  EXPECT_EQ(list[0].addr.family, 4);
  EXPECT_EQ(list[0].netmask.bytes[0], 255);
  EXPECT_EQ(list[0].netmask.bytes[1], 0);
  EXPECT_EQ(list[1].addr.family, 6);
  EXPECT_EQ(list[1].addr.bytes[15], 1);
  EXPECT_EQ(list[2].name, "eth0");
  EXPECT_EQ(list[2].addr.bytes[0], 10);
  EXPECT_EQ(list[2].netmask.bytes[1], 255);
  EXPECT_EQ(list[2].netmask.bytes[2], 0);
  EXPECT_EQ(list[3].addr.family, 6);
  EXPECT_EQ(list[3].netmask.bytes[15], 255);
}

TEST(ZoneInterfaces, ZoneWithoutNetworkStatusHasLoopbackOnly) {
  EXPECT_EQ(zone_interfaces(pb::Zone()).size(), 2u);
}

}  // namespace
}  // namespace eg::edera
