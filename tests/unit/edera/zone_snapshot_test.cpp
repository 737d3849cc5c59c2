// Thread snapshot conversion: the spec's §5.2 process tree (NUL-separated
// lists, fds of every info kind, leader-owned fds), presence of optional ids,
// invalid entries, key mismatches, loops in the parent chain (must not hang
// the state or the fields), seeding a ZoneState, and zone id normalisation.
#include <gtest/gtest.h>

#include "edera_test_util.h"
#include "engine/cli/capture_seeding.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "edera_guard/zone_snapshot_view.pb.h"
#include "engine/sources/edera/zone_message_builder.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "engine/state/zone_state.h"

namespace eg::edera {
namespace {

using namespace eg::edera::testing;
using std::string_literals::operator""s;

const ThreadSnapshot* find_thread(const ZoneSnapshot& z, int64_t tid) {
  for (const auto& t : z.threads)
    if (t.tid == tid) return &t;
  return nullptr;
}
const FdSnapshot* find_fd(const ZoneSnapshot& z, int64_t tid, int64_t fd) {
  for (const auto& f : z.fds)
    if (f.tid == tid && f.fd == fd) return &f;
  return nullptr;
}

TEST(ZoneSnapshot, TreeFixture) {
  ZoneSnapshot z = convert_thread_snapshot(tree_fixture());
  EXPECT_EQ(z.boot_epoch_ns, 1'699'999'000'000'000'000ull);
  EXPECT_EQ(z.skipped_threads + z.skipped_fds + z.key_mismatches + z.bad_addresses, 0u);
  ASSERT_EQ(z.threads.size(), 4u);
  for (size_t i = 1; i < z.threads.size(); ++i) EXPECT_LT(z.threads[i - 1].tid, z.threads[i].tid);

  const ThreadSnapshot* sh = find_thread(z, 100);
  ASSERT_NE(sh, nullptr);
  EXPECT_EQ(sh->pid, 100);
  EXPECT_EQ(sh->ptid, 1);
  EXPECT_EQ(sh->sid, 100);
  EXPECT_EQ(sh->comm, "sh");
  EXPECT_EQ(sh->cwd, "/home/app");
  EXPECT_EQ(sh->args, (std::vector<std::string>{"-c", "echo hi"}));
  EXPECT_EQ(sh->env, (std::vector<std::string>{"HOME=/home/app", "PATH=/bin:/usr/bin", "TERM=xterm"}));
  EXPECT_EQ(sh->cgroups, (std::vector<std::string>{"cpu=/zone/app", "memory=/zone/app"}));
  EXPECT_EQ(sh->clone_ts, 1'699'999'500'000'000'000ull);  // as delivered
  EXPECT_EQ(sh->vtid, -1);  // absent
  EXPECT_EQ(sh->vpid, -1);

  ASSERT_EQ(z.fds.size(), 5u);
  const FdSnapshot* tty = find_fd(z, 100, 1);
  ASSERT_NE(tty, nullptr);
  EXPECT_EQ(tty->kind, FdKind::File);
  EXPECT_EQ(tty->name, "/dev/pts/0");
  const FdSnapshot* srv = find_fd(z, 200, 3);
  ASSERT_NE(srv, nullptr);
  EXPECT_EQ(srv->kind, FdKind::Ipv4ServerSocket);
  EXPECT_EQ(srv->sip, (IpAddress{4, {0, 0, 0, 0}}));
  EXPECT_EQ(srv->sport, 80);
  EXPECT_EQ(srv->l4proto, 2);
  const FdSnapshot* conn = find_fd(z, 200, 4);
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(conn->kind, FdKind::Ipv4Socket);
  EXPECT_EQ(conn->cip, (IpAddress{4, {10, 0, 0, 9}}));
  EXPECT_EQ(conn->cport, 51000);
  EXPECT_EQ(conn->sip, (IpAddress{4, {10, 0, 0, 2}}));
  EXPECT_EQ(conn->sport, 80);
}

// The fields an event sees on a zone seeded from the snapshot are the fields
// the same event sees on a zone seeded from a capture holding the same
// process and fd lists (the capture path is the reference).
TEST(ZoneSnapshot, SeededStateAnswersFieldsLikeACaptureSeed) {
  ZoneSnapshot z = convert_thread_snapshot(tree_fixture());
  CaptureBuilder b;
  for (const auto& t : z.threads) b.add_thread(t);
  for (const auto& f : z.fds) b.add_fd(f);
  auto bytes = b.bytes();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  ZoneState from_capture(std::string(kZone), "zone");
  cli::seed_zone_from_capture(from_capture, reader->section());
  ZoneState from_zone(std::string(kZone), "zone");
  apply_snapshot(from_zone, z);
  ASSERT_NE(from_zone.thread(101), nullptr);

  // nginx reads its connected socket, then its listening socket.
  auto read = [](int64_t fd) {
    pb::ZoneKernelSyscallEvent m;
    m.set_event_type(7);  // read exit
    m.set_thread_id(200);
    m.set_timestamp(1'700'000'000'000'000'000ull);
    add_param(m, "res", 11, le<int64_t>(5), "5", "PT_ERRNO");
    add_param(m, "data", 10, "hello", "hello", "PT_BYTEBUF");
    add_param(m, "fd", 14, le<int64_t>(fd), std::to_string(fd), "PT_FD");
    add_param(m, "size", 7, le<uint32_t>(5), "5", "PT_UINT32");
    return m;
  };
  const char* fields[] = {"proc.name", "proc.pname", "proc.aname[2]", "proc.pid", "proc.ppid",
                          "proc.cmdline", "proc.args", "proc.env", "proc.cwd", "proc.sid",
                          "thread.tid", "thread.ismain", "fd.num", "fd.name", "fd.type",
                          "fd.typechar", "fd.sip", "fd.cip", "fd.sport", "fd.cport",
                          "fd.l4proto", "fd.is_server", "container.id", "evt.type", "evt.args"};
  ZoneEventDecoder decoder;
  for (int64_t fd : {4, 3}) {
    SCOPED_TRACE(fd);
    ZoneEvent ev;
    ASSERT_EQ(decoder.decode(read(fd), ev, error), ZoneEventDecoder::Result::Event) << error;
    const EventContext& a = from_zone.on_event(ev.raw, 1);
    std::vector<std::string> zone_values;
    for (const char* f : fields) zone_values.push_back(field_text(a, f));
    const EventContext& c = from_capture.on_event(ev.raw, 1);
    for (size_t i = 0; i < std::size(fields); ++i)
      EXPECT_EQ(zone_values[i], field_text(c, fields[i])) << fields[i];
    EXPECT_EQ(zone_values[0], "nginx");
    EXPECT_EQ(zone_values[1], "sh");
    EXPECT_EQ(zone_values[2], "init");
    EXPECT_EQ(zone_values[12], std::to_string(fd));
  }
  // The sh process: its args/env/cwd from the NUL-separated lists.
  pb::ZoneKernelSyscallEvent close;
  close.set_event_type(5);
  close.set_thread_id(100);
  add_param(close, "res", 11, le<int64_t>(0), "0", "PT_ERRNO");
  add_param(close, "fd", 14, le<int64_t>(1), "1", "PT_FD");
  ZoneEvent ev;
  ASSERT_EQ(decoder.decode(close, ev, error), ZoneEventDecoder::Result::Event) << error;
  const EventContext& ctx = from_zone.on_event(ev.raw, 2);
  EXPECT_EQ(field_text(ctx, "proc.cmdline"), "sh -c echo hi");
  EXPECT_EQ(field_text(ctx, "proc.env[TERM]"), "xterm");
  EXPECT_EQ(field_text(ctx, "proc.cwd"), "/home/app/");
  EXPECT_EQ(field_text(ctx, "fd.name"), "/dev/pts/0");
  EXPECT_EQ(field_text(ctx, "proc.pid"), "100");
  EXPECT_EQ(field_text(ctx, "proc.sid"), "100");
}

TEST(ZoneSnapshot, FdsOfANonLeaderThreadGoToItsProcess) {
  pb::ZoneKernelThreadSnapshotEvent s = tree_fixture();
  auto& t101 = (*s.mutable_thread_info())[101];
  add_fd(t101, 9, pb::ZONE_KERNEL_FD_TYPE_FILE_V2).mutable_info()->mutable_regular_file()
      ->set_name("/var/log/app.log");
  ZoneSnapshot z = convert_thread_snapshot(s);
  const FdSnapshot* f = find_fd(z, 101, 9);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FdKind::File);
  ZoneState zone(std::string(kZone), "zone");
  apply_snapshot(zone, z);
  const ThreadInfo* leader = zone.thread(100);
  ASSERT_NE(leader, nullptr);
  const FdInfo* fd = zone.fd(*leader, 9);
  ASSERT_NE(fd, nullptr);
}

TEST(ZoneSnapshot, EveryFdInfoKind) {
  pb::ZoneKernelThreadSnapshotEvent s;
  auto& t = add_thread(s, 10, 10, 1, "app");
  auto& v6 = *add_fd(t, 3, pb::ZONE_KERNEL_FD_TYPE_IPV6_SOCK).mutable_info()->mutable_ipv6_socket();
  v6.set_source_ip("fe80::1");
  v6.set_dest_ip("2001:db8::2");
  v6.set_source_port(1234);
  v6.set_dest_port(443);
  v6.set_protocol(pb::ZONE_KERNEL_IP_PROTOCOL_TCP);
  auto& v6s = *add_fd(t, 4, pb::ZONE_KERNEL_FD_TYPE_IPV6_SERVSOCK).mutable_info()
                   ->mutable_ipv6_server_socket();
  v6s.set_local_ip("::");
  v6s.set_local_port(53);
  v6s.set_protocol(pb::ZONE_KERNEL_IP_PROTOCOL_UDP);
  auto& ux = *add_fd(t, 5, pb::ZONE_KERNEL_FD_TYPE_UNIX_SOCK).mutable_info()->mutable_unix_socket();
  ux.set_source(0x1000);
  ux.set_destination(0x2000);
  ux.set_name("/run/x.sock");
  auto& reg = add_fd(t, 6, pb::ZONE_KERNEL_FD_TYPE_FILE_V2);
  reg.set_inode(777);
  reg.set_open_flags(0x1000);
  auto& rf = *reg.mutable_info()->mutable_regular_file();
  rf.set_name("/etc/hosts");
  rf.set_open_flags(0x1);
  rf.set_mount_id(25);
  rf.set_device(0x803);
  add_fd(t, 7, pb::ZONE_KERNEL_FD_TYPE_MEMFD).mutable_info()->set_file_name("memfd:jit");
  add_fd(t, 8, pb::ZONE_KERNEL_FD_TYPE_PIDFD).mutable_info()->mutable_pidfd()->set_pid(42);
  add_fd(t, 9, static_cast<pb::ZoneKernelFdType>(77));  // newer daemon: unknown type
  auto& noflags = add_fd(t, 11, pb::ZONE_KERNEL_FD_TYPE_FILE_V2);
  noflags.set_open_flags(0x2);
  noflags.mutable_info()->mutable_regular_file()->set_name("/data/out");
  auto& bad = *add_fd(t, 12, pb::ZONE_KERNEL_FD_TYPE_IPV4_SOCK).mutable_info()->mutable_ipv4_socket();
  bad.set_source_ip("not-an-ip");

  ZoneSnapshot z = convert_thread_snapshot(s);
  EXPECT_EQ(z.bad_addresses, 1u);
  const FdSnapshot* f = find_fd(z, 10, 3);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FdKind::Ipv6Socket);
  EXPECT_EQ(f->cip.family, 6);
  EXPECT_EQ(f->cip.bytes[0], 0xfe);
  EXPECT_EQ(f->sip.bytes[1], 0x01);
  EXPECT_EQ(f->sip.bytes[2], 0x0d);
  EXPECT_EQ(f->sport, 443);
  f = find_fd(z, 10, 4);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FdKind::Ipv6ServerSocket);
  EXPECT_EQ(f->sip, (IpAddress{6, {}}));
  EXPECT_EQ(f->l4proto, 3);
  f = find_fd(z, 10, 5);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->unix_source, 0x1000u);
  EXPECT_EQ(f->unix_dest, 0x2000u);
  EXPECT_EQ(f->name, "/run/x.sock");
  f = find_fd(z, 10, 6);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FdKind::File);
  EXPECT_EQ(f->name, "/etc/hosts");
  EXPECT_EQ(f->flags, 0x1u);  // the file's flags win when set
  EXPECT_EQ(f->mount_id, 25u);
  EXPECT_EQ(f->dev, 0x803u);
  EXPECT_EQ(f->ino, 777u);
  f = find_fd(z, 10, 7);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FdKind::Memfd);
  EXPECT_EQ(f->name, "memfd:jit");
  f = find_fd(z, 10, 8);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FdKind::Pidfd);
  f = find_fd(z, 10, 9);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FdKind::Unknown);
  f = find_fd(z, 10, 11);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->flags, 0x2u);  // fd-level flags when the file's are 0
  f = find_fd(z, 10, 12);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->cip.family, 0);
}

TEST(ZoneSnapshot, InvalidEntriesAndKeyMismatches) {
  pb::ZoneKernelThreadSnapshotEvent s = tree_fixture();
  auto& map = *s.mutable_thread_info();
  map[100].mutable_fdlist()->at(2).clear_fd();                 // invalid fd entry
  map[100].mutable_fdlist()->at(1).set_fd(9);                  // key 1, fd 9: key wins
  map[300].set_tid(301);                                       // key 300, tid 301: key wins
  map[300].set_comm("ghost");
  map[~0ull];                                                  // key beyond int64
  map[400];                                                    // no ids at all
  ZoneSnapshot z = convert_thread_snapshot(s);
  EXPECT_EQ(z.skipped_fds, 1u);
  EXPECT_EQ(z.skipped_threads, 1u);
  EXPECT_EQ(z.key_mismatches, 2u);
  EXPECT_EQ(find_fd(z, 100, 2), nullptr);
  EXPECT_NE(find_fd(z, 100, 1), nullptr);
  const ThreadSnapshot* ghost = find_thread(z, 300);
  ASSERT_NE(ghost, nullptr);
  EXPECT_EQ(ghost->comm, "ghost");
  const ThreadSnapshot* bare = find_thread(z, 400);
  ASSERT_NE(bare, nullptr);
  EXPECT_EQ(bare->pid, -1);
  EXPECT_EQ(bare->ptid, -1);
  ZoneState zone(std::string(kZone), "zone");
  apply_snapshot(zone, z);
  EXPECT_NE(zone.thread(400), nullptr);
}

TEST(ZoneSnapshot, ParentLoopsDoNotHang) {
  pb::ZoneKernelThreadSnapshotEvent s;
  add_thread(s, 5, 5, 5, "selfparent");    // the plugin's ptid = tid quirk
  add_thread(s, 6, 6, 7, "a");             // 6 -> 7 -> 6
  add_thread(s, 7, 7, 6, "b");
  add_thread(s, 8, 8, 6, "child");         // into the loop
  ZoneState zone(std::string(kZone), "zone");
  apply_snapshot(zone, convert_thread_snapshot(s));
  for (uint64_t tid : {5, 8}) {
    SCOPED_TRACE(tid);
    pb::ZoneKernelSyscallEvent m;
    m.set_event_type(5);  // close exit
    m.set_thread_id(tid);
    add_param(m, "res", 11, le<int64_t>(-9), "", "");
    add_param(m, "fd", 14, le<int64_t>(99), "", "");
    ZoneEventDecoder decoder;
    ZoneEvent ev;
    std::string error;
    ASSERT_EQ(decoder.decode(m, ev, error), ZoneEventDecoder::Result::Event) << error;
    const EventContext& ctx = zone.on_event(ev.raw, 1);
    size_t walked = 0;
    zone.for_each_ancestor(*zone.thread(static_cast<int64_t>(tid)), [&](const ThreadInfo&) {
      ++walked;
      return true;
    });
    EXPECT_LE(walked, ZoneState::kMaxAncestry);
    field_text(ctx, "proc.aname");
    field_text(ctx, "proc.apid[10]");
    field_text(ctx, "proc.sname");
    field_text(ctx, "proc.is_sid_leader");
  }
}

TEST(ZoneSnapshot, SecondSnapshotReplacesTheState) {
  ZoneState zone(std::string(kZone), "zone");
  apply_snapshot(zone, convert_thread_snapshot(tree_fixture()));
  ASSERT_NE(zone.thread(200), nullptr);
  pb::ZoneKernelThreadSnapshotEvent s;
  add_thread(s, 1, 1, 0, "init");
  apply_snapshot(zone, convert_thread_snapshot(s));
  EXPECT_EQ(zone.thread(200), nullptr);
  EXPECT_NE(zone.thread(1), nullptr);
}

TEST(ZoneSnapshot, ListsWithEmptyElementsAndNoTerminator) {
  pb::ZoneKernelThreadSnapshotEvent s;
  auto& t = add_thread(s, 1, 1, 0, "x");
  t.set_args("a\0\0b"s);
  t.set_env(""s);
  t.set_cgroups("cpu=/\0"s);
  ZoneSnapshot z = convert_thread_snapshot(s);
  ASSERT_EQ(z.threads.size(), 1u);
  EXPECT_EQ(z.threads[0].args, (std::vector<std::string>{"a", "", "b"}));
  EXPECT_TRUE(z.threads[0].env.empty());
  EXPECT_EQ(z.threads[0].cgroups, (std::vector<std::string>{"cpu=/"}));
}

// The bytes-only view reads what the schema reads, with the same result.
TEST(ZoneSnapshot, ViewAndSchemaConvertAlike) {
  pb::ZoneKernelThreadSnapshotEvent s = tree_fixture();
  add_fd((*s.mutable_thread_info())[200], 9, static_cast<pb::ZoneKernelFdType>(77));
  std::string bytes = s.SerializeAsString();
  wire::ZoneKernelThreadSnapshotEventView view;
  ASSERT_TRUE(view.ParseFromString(bytes));
  ZoneSnapshot a = convert_thread_snapshot(s), b = convert_thread_snapshot(view);
  ASSERT_EQ(a.threads.size(), b.threads.size());
  for (size_t i = 0; i < a.threads.size(); ++i) {
    EXPECT_EQ(a.threads[i].tid, b.threads[i].tid);
    EXPECT_EQ(a.threads[i].ptid, b.threads[i].ptid);
    EXPECT_EQ(a.threads[i].args, b.threads[i].args);
    EXPECT_EQ(a.threads[i].env, b.threads[i].env);
    EXPECT_EQ(a.threads[i].cwd, b.threads[i].cwd);
  }
  ASSERT_EQ(a.fds.size(), b.fds.size());
  for (size_t i = 0; i < a.fds.size(); ++i) {
    EXPECT_EQ(a.fds[i].fd, b.fds[i].fd);
    EXPECT_EQ(a.fds[i].kind, b.fds[i].kind);
    EXPECT_EQ(a.fds[i].name, b.fds[i].name);
    EXPECT_EQ(a.fds[i].sip, b.fds[i].sip);
    EXPECT_EQ(a.fds[i].cport, b.fds[i].cport);
  }
  EXPECT_EQ(a.boot_epoch_ns, b.boot_epoch_ns);
}

// One non-UTF-8 file name: the schema's parser refuses the whole snapshot
// (the zone would have no state), the view keeps every name's bytes.
TEST(ZoneSnapshot, NonUtf8NamesSurviveTheView) {
  wire::ZoneKernelThreadSnapshotEventView v;
  v.set_zone_id(std::string(kZone));
  auto& t = (*v.mutable_thread_info())[100];
  t.set_tid(100);
  t.set_pid(100);
  t.set_comm("sh");
  t.set_cwd("/home/\xe9t\xe9");
  t.set_args(std::string("caf\xe9\0-x\0", 8));
  auto& f = (*t.mutable_fdlist())[3];
  f.set_fd(3);
  f.set_fd_type(16);
  f.mutable_info()->mutable_regular_file()->set_name("/data/\xff\xfe.log");
  std::string bytes = v.SerializeAsString();

  pb::ZoneKernelThreadSnapshotEvent schema;
  {
    // The schema parser logs an error and fails; that is what the view avoids.
    ::testing::internal::CaptureStderr();
    EXPECT_FALSE(schema.ParseFromString(bytes));
    ::testing::internal::GetCapturedStderr();
  }
  wire::ZoneKernelThreadSnapshotEventView view;
  ASSERT_TRUE(view.ParseFromString(bytes));
  ZoneSnapshot z = convert_thread_snapshot(view);
  ASSERT_EQ(z.threads.size(), 1u);
  EXPECT_EQ(z.threads[0].cwd, "/home/\xe9t\xe9");
  EXPECT_EQ(z.threads[0].args, (std::vector<std::string>{"caf\xe9", "-x"}));
  ASSERT_EQ(z.fds.size(), 1u);
  EXPECT_EQ(z.fds[0].name, "/data/\xff\xfe.log");
  EXPECT_EQ(z.fds[0].kind, FdKind::File);
}

TEST(ZoneSnapshot, AddressTextWithANulIsNotAnAddress) {
  pb::ZoneKernelThreadSnapshotEvent s;
  auto& t = add_thread(s, 10, 10, 1, "app");
  auto& srv = *add_fd(t, 3, pb::ZONE_KERNEL_FD_TYPE_IPV4_SERVSOCK).mutable_info()
                   ->mutable_ipv4_server_socket();
  srv.set_local_ip(std::string("1.2.3.4\0junk", 12));
  ZoneSnapshot z = convert_thread_snapshot(s);
  EXPECT_EQ(z.bad_addresses, 1u);
  ASSERT_EQ(z.fds.size(), 1u);
  EXPECT_EQ(z.fds[0].sip.family, 0);
}

TEST(ZoneId, Normalisation) {
  EXPECT_EQ(normalise_zone_id("8C9D2F1E-4B3A-4C5D-9E8F-0A1B2C3D4E5F"),
            "8c9d2f1e-4b3a-4c5d-9e8f-0a1b2c3d4e5f");
  EXPECT_EQ(normalise_zone_id(kZone), kZone);
  EXPECT_EQ(normalise_zone_id(""), "");
  EXPECT_EQ(normalise_zone_id("not-a-uuid"), "");
  EXPECT_EQ(normalise_zone_id("8c9d2f1e4b3a4c5d9e8f0a1b2c3d4e5f"), "");  // no hyphens
  EXPECT_EQ(normalise_zone_id("{8c9d2f1e-4b3a-4c5d-9e8f-0a1b2c3d4e5f}"), "");
  EXPECT_EQ(normalise_zone_id("8c9d2f1e-4b3a-4c5d-9e8f-0a1b2c3d4e5g"), "");
  EXPECT_EQ(normalise_zone_id("8c9d2f1e-4b3a-4c5d-9e8f_0a1b2c3d4e5f"), "");
  EXPECT_EQ(normalise_zone_id(" 8c9d2f1e-4b3a-4c5d-9e8f-0a1b2c3d4e5"), "");
}

}  // namespace
}  // namespace eg::edera
