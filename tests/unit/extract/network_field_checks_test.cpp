// The network and result fields that conditions test through plain number
// and address functions (fd.ip, fd.net, fd.[cslr]ip, fd.[cslr]net, the
// ports, fd.num, fd.connected, fd.name_changed, evt.rawres, evt.failed,
// evt.num, evt.is_open_*) and through text functions (fd.type, fd.l4proto, fd.sockfamily,
// evt.res): on sockets of every kind, role and family, on events without fd
// entry or thread, and on exits with and without errors, each check decides
// as the general check over extract() / extract_candidates() does, and the
// either-endpoint fields keep their meaning (fd.ip != x: neither end is x).
#include <gtest/gtest.h>

#include <string>
#include <typeinfo>
#include <vector>

#include "engine/compiler/constant_parser.h"
#include "engine/compiler/filter_nodes.h"
#include "engine/sources/capture_builder.h"
#include "engine/state/event_context.h"
#include "engine/state/zone_state.h"
#include "tests/unit/capture_replay.h"
#include "tests/unit/extract/extract_test_util.h"
#include "tests/unit/state/state_test_util.h"
#include "tests/unit/fast_path_test_util.h"

namespace eg {
namespace {

using testing::GeneralOnly;

struct CheckSpec {
  std::string field;
  CompareOp op;
  std::vector<std::string> constants;
  Modifier modifier = Modifier::None;
};

// A fast check and the general one of the same condition, plus `not` of the fast one.
struct CheckPair {
  std::string text;
  FilterPtr fast, general, not_fast;
};

ValueTestPtr build(const CheckSpec& s, FieldType type) {
  return testing::build_constant_test(s.op, s.modifier, s.constants, type, s.field);
}

std::vector<CheckPair> make_checks(const std::vector<CheckSpec>& specs) {
  std::vector<CheckPair> out;
  for (const auto& s : specs) {
    auto fast = testing::field_extractor(s.field);
    auto general = testing::field_extractor(s.field);
    auto negated = testing::field_extractor(s.field);
    EXPECT_TRUE(fast && general && negated) << s.field;
    if (!fast || !general || !negated) continue;
    const FieldType type = fast->type();
    CheckPair p;
    p.text = s.field + " op " + std::to_string(static_cast<int>(s.op)) + " " + s.constants[0];
    p.fast = make_constant_check(std::move(fast), s.op, build(s, type));
    p.general = make_constant_check(std::make_unique<GeneralOnly>(std::move(general)), s.op, build(s, type));
    p.not_fast = make_not_filter(make_constant_check(std::move(negated), s.op, build(s, type)));
    EXPECT_FALSE(testing::same_node_kind(*p.fast, *p.general)) << p.text << " takes a plain-function form";
    out.push_back(std::move(p));
  }
  return out;
}

void expect_same(std::vector<CheckPair>& checks, const EventContext& ctx, const std::string& where) {
  for (auto& c : checks) {
    const bool want = c.general->evaluate(ctx);
    EXPECT_EQ(c.fast->evaluate(ctx), want) << c.text << " on " << where;
    EXPECT_EQ(c.not_fast->evaluate(ctx), !want) << "not " << c.text << " on " << where;
  }
}

using Op = CompareOp;

const std::vector<CheckSpec>& fd_specs() {
  static const std::vector<CheckSpec> s = {
      {"fd.ip", Op::Eq, {"10.0.0.5"}},
      {"fd.ip", Op::Ne, {"0.0.0.0"}},
      {"fd.ip", Op::Ne, {"127.0.0.1"}},
      {"fd.ip", Op::Eq, {"::1"}},
      {"fd.ip", Op::Ne, {"::1"}},
      {"fd.ip", Op::In, {"10.0.0.5", "8.8.8.8", "::1"}},
      {"fd.net", Op::Eq, {"127.0.0.0/8"}},
      {"fd.net", Op::Ne, {"127.0.0.0/8"}},
      {"fd.net", Op::In, {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}},
      {"fd.net", Op::Ne, {"fe80::/10"}},
      {"fd.snet", Op::In, {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}},
      {"fd.snet", Op::Eq, {"127.0.0.0/8"}},
      {"fd.cnet", Op::Ne, {"10.0.0.0/8"}},
      {"fd.lnet", Op::Eq, {"10.0.0.0/8"}},
      {"fd.rnet", Op::Eq, {"fe80::/10"}},
      {"fd.sip", Op::Eq, {"8.8.8.8"}},
      {"fd.sip", Op::Ne, {"127.0.0.1"}},
      {"fd.sip", Op::Eq, {"8.8.8.8", "169.254.169.254"}, Modifier::AnyOf},
      {"fd.cip", Op::Eq, {"0.0.0.0"}},
      {"fd.lip", Op::Eq, {"10.0.0.5"}},
      {"fd.rip", Op::In, {"169.254.169.254", "::1"}},
      {"fd.rip", Op::Ne, {"8.8.8.8"}},
      {"fd.sport", Op::Eq, {"22"}},
      {"fd.sport", Op::In, {"22", "80", "443"}},
      {"fd.cport", Op::Ne, {"0"}},
      {"fd.lport", Op::Gt, {"1024"}},
      {"fd.rport", Op::Le, {"443"}},
      {"fd.num", Op::Ge, {"0"}},
      {"fd.num", Op::Eq, {"3"}},
      {"fd.num", Op::Ne, {"-1"}},
      {"fd.num", Op::In, {"3", "4"}},
      {"fd.connected", Op::Eq, {"false"}},
      {"fd.connected", Op::Ne, {"true"}},
      {"fd.name_changed", Op::Eq, {"true"}},
      {"fd.l4proto", Op::Ne, {"tcp"}},
      {"fd.l4proto", Op::Eq, {"<NA>"}},
      {"fd.l4proto", Op::In, {"udp", "raw"}},
      {"fd.sockfamily", Op::Eq, {"ip"}},
      {"fd.sockfamily", Op::Ne, {"ip"}},
      {"fd.type", Op::In, {"ipv4", "ipv6"}},
      {"fd.type", Op::Eq, {"unix"}},
  };
  return s;
}

const std::vector<IpAddress>& endpoint_addresses() {
  static const std::vector<IpAddress> a = [] {
    std::vector<IpAddress> v;
    for (const char* s : {"10.0.0.5", "127.0.0.1", "8.8.8.8", "192.168.1.2", "0.0.0.0", "169.254.169.254"})
      v.push_back(*parse_ipv4(s));
    for (const char* s : {"::1", "fe80::1", "2001:db8::7"}) v.push_back(*parse_ipv6(s));
    v.push_back(IpAddress{});  // not connected yet
    return v;
  }();
  return a;
}

ZoneState& zone_with_interfaces() {
  static ZoneState zone = [] {
    ZoneState z;
    InterfaceSnapshot eth0, lo6;
    eth0.name = "eth0";
    eth0.addr = *parse_ipv4("10.0.0.5");
    lo6.name = "lo";
    lo6.addr = *parse_ipv6("::1");
    std::vector<InterfaceSnapshot> itfs = {eth0, lo6};
    z.seed_interfaces(itfs);
    return z;
  }();
  return zone;
}

const EventInfo* connect_exit_info() {
  for (const EventInfo& e : all_events())
    if (e.id == "PPME_SOCKET_CONNECT_X") return &e;
  return nullptr;
}

TEST(NetworkFieldChecks, SameVerdictAsTheGeneralCheckOnEverySocket) {
  auto checks = make_checks(fd_specs());
  ASSERT_EQ(checks.size(), fd_specs().size());
  ThreadInfo thread;
  EventContext ctx;
  ctx.zone = &zone_with_interfaces();
  ctx.info = connect_exit_info();
  ASSERT_NE(ctx.info, nullptr);
  ctx.thread = &thread;
  ctx.fd_num = 3;
  int sockets = 0;
  const FdKind kinds[] = {FdKind::Ipv4Socket, FdKind::Ipv6Socket, FdKind::Ipv4ServerSocket,
                          FdKind::Ipv6ServerSocket, FdKind::UnixSocket, FdKind::File, FdKind::Unknown};
  for (FdKind kind : kinds) {
    for (int role = 0; role < 3; ++role) {
      for (const IpAddress& cip : endpoint_addresses()) {
        for (const IpAddress& sip : endpoint_addresses()) {
          for (uint8_t l4 : {kL4Tcp, kL4Udp, kL4Raw}) {
            FdInfo f;
            f.kind = kind;
            f.role_client = role == 1;
            f.role_server = role == 2;
            f.cip = cip;
            f.sip = sip;
            f.cport = static_cast<uint16_t>(40000 + sockets % 7);
            f.sport = static_cast<uint16_t>(sockets % 3 == 0 ? 22 : sockets % 3 == 1 ? 443 : 8080);
            f.l4proto = l4;
            f.connected = sockets % 2 == 0;
            ctx.fd = &f;
            ctx.fd_name_changed = sockets % 3 == 0;
            ++sockets;
            expect_same(checks, ctx, "socket " + std::to_string(sockets));
          }
        }
      }
    }
  }
  EXPECT_EQ(sockets, 7 * 3 * 10 * 10 * 3);
  // No fd entry (fd.num still has a value), no fd at all, no thread.
  ctx.fd = nullptr;
  expect_same(checks, ctx, "an fd without entry");
  ctx.fd_num = -1;
  ctx.info = nullptr;
  expect_same(checks, ctx, "no fd");
  ctx.thread = nullptr;
  expect_same(checks, ctx, "no thread");
}

// The either-endpoint meanings on a real socket 10.0.0.5:40000 -> 8.8.8.8:443.
TEST(NetworkFieldChecks, EitherEndpointMeanings) {
  auto checks = make_checks({{"fd.ip", Op::Ne, {"10.0.0.5"}},
                             {"fd.ip", Op::Eq, {"8.8.8.8"}},
                             {"fd.ip", Op::Ne, {"1.1.1.1"}},
                             {"fd.net", Op::Ne, {"10.0.0.0/8"}},
                             {"fd.net", Op::Ne, {"127.0.0.0/8"}},
                             {"fd.snet", Op::In, {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}},
                             {"fd.lip", Op::Eq, {"10.0.0.5"}},
                             {"fd.rport", Op::Eq, {"443"}}});
  ASSERT_EQ(checks.size(), 8u);
  ThreadInfo thread;
  FdInfo f;
  f.kind = FdKind::Ipv4Socket;
  f.role_client = true;
  f.cip = *parse_ipv4("10.0.0.5");
  f.sip = *parse_ipv4("8.8.8.8");
  f.cport = 40000;
  f.sport = 443;
  EventContext ctx;
  ctx.zone = &zone_with_interfaces();
  ctx.thread = &thread;
  ctx.fd = &f;
  const std::vector<bool> want = {false, true, true, false, true, false, true, true};
  for (size_t i = 0; i < checks.size(); ++i) {
    EXPECT_EQ(checks[i].fast->evaluate(ctx), want[i]) << checks[i].text;
    EXPECT_EQ(checks[i].general->evaluate(ctx), want[i]) << checks[i].text;
  }
}

TEST(NetworkFieldChecks, ResultFieldsSameVerdictAsTheGeneralCheck) {
  auto checks = make_checks({{"evt.rawres", Op::Ge, {"0"}},
                             {"evt.rawres", Op::Lt, {"0"}},
                             {"evt.rawres", Op::Eq, {"-115"}},
                             {"evt.rawres", Op::In, {"-115", "3"}},
                             {"evt.failed", Op::Eq, {"true"}},
                             {"evt.failed", Op::Eq, {"false"}},
                             {"evt.res", Op::Eq, {"EINPROGRESS"}},
                             {"evt.res", Op::Ne, {"SUCCESS"}},
                             {"evt.res", Op::In, {"ENOENT", "ECONNREFUSED"}},
                             {"evt.num", Op::Eq, {"0"}},
                             {"evt.num", Op::Gt, {"3"}},
                             {"fd.num", Op::Lt, {"0"}},
                             {"evt.is_open_read", Op::Eq, {"true"}},
                             {"evt.is_open_write", Op::Eq, {"true"}},
                             {"evt.is_open_exec", Op::Ne, {"true"}},
                             {"evt.is_open_create", Op::Eq, {"false"}}});
  ASSERT_EQ(checks.size(), 16u);
  CaptureBuilder b;
  b.add_thread(testing::make_thread(100, 100, 1, "curl", "/usr/bin/curl"));
  uint64_t ts = 1'000'000'000ull;
  auto tuple = ParamValue::socktuple_inet("10.0.0.5", 40000, "8.8.8.8", 443);
  b.add("socket", 100, ts++, {{"fd", 3}, {"domain", 2}, {"type", 1}, {"proto", 0}});
  b.add("connect", 100, ts++, {{"res", 0}, {"tuple", tuple}, {"fd", 3}});
  b.add("connect", 100, ts++, {{"res", -115}, {"tuple", tuple}, {"fd", 3}});
  b.add("connect", 100, ts++, {{"res", -111}, {"tuple", tuple}, {"fd", 3}});
  b.add("openat", 100, ts++, {{"fd", -2}, {"dirfd", -100}, {"name", "/nope"}, {"flags", 1}, {"mode", 0}});
  b.add("openat", 100, ts++, {{"fd", 5}, {"dirfd", -100}, {"name", "/tmp/x"}, {"flags", 2 | 4 | 256}, {"mode", 0755}});
  b.add("openat", 100, ts++, {{"fd", 6}, {"dirfd", -100}, {"name", "/etc/passwd"}, {"flags", 1 | 2}, {"mode", 0}});
  b.add("getpid", 100, ts++, {});
  b.add("close", 777, ts++, {{"res", 0}, {"fd", 9}});
  int events = 0;
  ZoneState zone;
  testing::replay_visible_events(b.bytes(), zone, [&](const EventContext& ctx, const CaptureEvent& ev) {
    ++events;
    expect_same(checks, ctx, "event " + std::to_string(ev.num));
  });
  EXPECT_EQ(events, 9);
}

}  // namespace
}  // namespace eg
