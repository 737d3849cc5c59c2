// Table-driven tests of the state's helpers: container ids from cgroups,
// socket name texts, local-address completion, fd kind names, path joining.
#include <gtest/gtest.h>

#include <arpa/inet.h>

#include "engine/state/container_id.h"
#include "engine/state/fd_info.h"
#include "engine/state/network_interfaces.h"
#include "engine/state/path_join.h"
#include "engine/state/socket_names.h"
#include "engine/state/state_render_context.h"

namespace eg {
namespace {

const std::string kId = "3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e";

IpAddress ip(const char* text) {
  IpAddress a;
  if (inet_pton(AF_INET, text, a.bytes.data()) == 1) {
    a.family = 4;
  } else if (inet_pton(AF_INET6, text, a.bytes.data()) == 1) {
    a.family = 6;
  }
  return a;
}

struct CgroupCase {
  std::vector<std::string> cgroups;
  std::string id, type;
};

TEST(ContainerId, FromCgroupPaths) {
  const CgroupCase cases[] = {
      {{"cpu=/docker/" + kId}, kId, "docker"},
      {{"cpu=/system.slice/docker-" + kId + ".scope"}, kId, "docker"},
      {{"cpu=/kubepods.slice/kubepods-pod1.slice/crio-" + kId + ".scope"}, kId, "cri-o"},
      {{"cpu=/kubepods.slice/x/cri-containerd-" + kId + ".scope"}, kId, "containerd"},
      {{"cpu=/machine.slice/libpod-" + kId + ".scope"}, kId, "podman"},
      {{"cpu=/kubepods/besteffort/pod1234/" + kId}, kId, "containerd"},
      {{"cpu=/user.slice", "memory=/docker/" + kId}, kId, "docker"},
      {{"cpu=/user.slice/user-1000.slice"}, "", ""},
      {{"cpu=/docker/notanid"}, "", ""},
      {{}, "", ""},
  };
  for (const auto& c : cases) {
    ContainerRef r = container_from_cgroups(c.cgroups);
    EXPECT_EQ(r.id, c.id) << (c.cgroups.empty() ? "" : c.cgroups.back());
    EXPECT_EQ(r.type, c.type);
  }
}

TEST(SocketNames, TuplesAndEndpoints) {
  EXPECT_EQ(tuple_text(ip("10.0.0.1"), 1234, ip("8.8.8.8"), 53), "10.0.0.1:1234->8.8.8.8:53");
  EXPECT_EQ(tuple_text(ip("2001:db8::4"), 54405, ip("2001:db8::3"), 1234), "2001:db8::4:54405->2001:db8::3:1234");
  EXPECT_EQ(endpoint_text(ip("::1"), 0), "::1:0");
  // The longest texts fit: every IPv4 and IPv6 digit and the largest port.
  EXPECT_EQ(tuple_text(ip("255.255.255.255"), 65535, ip("0.0.0.0"), 0), "255.255.255.255:65535->0.0.0.0:0");
  const std::string longest = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
  EXPECT_EQ(tuple_text(ip(longest.c_str()), 65535, ip(longest.c_str()), 65535), longest + ":65535->" + longest + ":65535");
  EXPECT_EQ(endpoint_text(ip(longest.c_str()), 65535), longest + ":65535");
  IpAddress v4;
  EXPECT_TRUE(ipv4_mapped(ip("::ffff:192.168.1.2"), v4));
  EXPECT_EQ(ip_text(v4), "192.168.1.2");
  EXPECT_FALSE(ipv4_mapped(ip("2001:db8::1"), v4));
}

TEST(NetworkInterfaces, FillsUnboundLocalAddress) {
  NetworkInterfaces itfs;
  InterfaceSnapshot lo{"lo", ip("127.0.0.1"), ip("255.0.0.0"), {}, 0};
  InterfaceSnapshot eth{"eth0", ip("192.168.1.10"), ip("255.255.255.0"), {}, 0};
  InterfaceSnapshot eth2{"eth1", ip("10.1.0.5"), ip("255.255.0.0"), {}, 0};
  std::vector<InterfaceSnapshot> list{lo, eth, eth2};
  itfs.add(list);
  struct Case {
    const char* local;
    const char* remote;
    const char* expected;
  };
  const Case cases[] = {
      {"0.0.0.0", "127.0.0.53", "127.0.0.1"},
      {"::", "::1", "::1"},
      {"0.0.0.0", "10.1.2.3", "10.1.0.5"},
      {"0.0.0.0", "8.8.8.8", "192.168.1.10"},
      {"172.16.0.1", "8.8.8.8", "172.16.0.1"},  // bound: left alone
  };
  for (const auto& c : cases) {
    IpAddress local = ip(c.local);
    itfs.fill_unbound(local, ip(c.remote));
    EXPECT_EQ(ip_text(local), c.expected) << c.local << " -> " << c.remote;
  }
}

TEST(FdInfo, KindNamesAndLetters) {
  EXPECT_EQ(fd_type_name(FdKind::File), "file");
  EXPECT_EQ(fd_type_name(FdKind::Ipv4ServerSocket), "ipv4");
  EXPECT_EQ(fd_type_name(FdKind::Fifo), "pipe");
  EXPECT_EQ(fd_type_name(FdKind::Iouring), "io_uring");
  EXPECT_EQ(fd_type_char(FdKind::Directory), 'd');
  EXPECT_EQ(fd_type_char(FdKind::UnixSocket), 'u');
  EXPECT_EQ(fd_type_char(static_cast<FdKind>(200)), 'o');
  EXPECT_EQ(l4proto_name(kL4Tcp), "tcp");
  EXPECT_EQ(l4proto_name(kL4Na), "<NA>");
  FdInfo f;
  f.kind = FdKind::Ipv4Socket;
  f.l4proto = kL4Udp;
  EXPECT_EQ(fd_l4_char(f), 0);  // no role yet
  f.role_client = true;
  EXPECT_EQ(fd_l4_char(f), 'u');
}

TEST(PathJoin, LexicalJoin) {
  EXPECT_EQ(join_path("/root/", "a/../b"), "/root/b");
  EXPECT_EQ(join_path("/root/", "/etc//passwd"), "/etc/passwd");
  EXPECT_EQ(as_directory("/tmp/./x/.."), "/tmp/");
  EXPECT_EQ(as_directory("/"), "/");
}

}  // namespace
}  // namespace eg
