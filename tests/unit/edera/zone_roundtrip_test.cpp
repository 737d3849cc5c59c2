// Round trips between captures and daemon messages, over the shared captures
// (skipped when absent) and our own synthetic ones:
//   - every delivered capture event -> syscall_message -> encode_syscall_event
//     gives the same bytes, and ZoneEventDecoder delivers the same record with
//     the same visibility;
//   - every stored (unconverted) capture event streamed as a zone gives the
//     same converted stream as the capture reader's own conversion;
//   - every capture section -> snapshot_message -> convert_thread_snapshot
//     gives the same threads and fds.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "edera_test_util.h"
#include "engine/cli/demo_capture.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_message_builder.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "fields/event_encoder.h"
#include "fields/event_schema.h"

namespace eg::edera {
namespace {

using namespace eg::edera::testing;

std::vector<std::string> shared_captures() {
  std::vector<std::string> out;
  std::filesystem::path dir = std::filesystem::path(EG_SHARED_DIR) / "compat" / "traces";
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".scap") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The event in the current 26-byte layout. A capture reader hands out some
// records as stored (e.g. 22-byte-header EV v1 blocks whose layout needs no
// conversion); their current-layout form is what a zone would send.
std::vector<uint8_t> record_bytes(const RawEvent& ev) {
  std::vector<ParamBytes> params;
  for (uint32_t i = 0; i < ev.nparams; ++i) params.emplace_back(ev.record + ev.param_offset[i], ev.param_len[i]);
  std::vector<uint8_t> out;
  EXPECT_TRUE(encode_event(ev.ts, ev.tid, ev.type, params, out));
  return out;
}

// Comparable form of the snapshot records (every field).
auto thread_key(const ThreadSnapshot& t) {
  return std::tie(t.tid, t.pid, t.ptid, t.sid, t.vpgid, t.pgid, t.vtid, t.vpid, t.comm, t.exe,
                  t.exepath, t.args, t.env, t.cgroups, t.cwd, t.root, t.fdlimit, t.flags, t.uid,
                  t.gid, t.loginuid, t.vmsize_kb, t.vmrss_kb, t.vmswap_kb, t.pfmajor, t.pfminor,
                  t.tty, t.clone_ts, t.pidns_init_start_ts, t.exe_ino, t.exe_ino_ctime,
                  t.exe_ino_mtime, t.exe_writable, t.exe_upper_layer, t.exe_lower_layer,
                  t.exe_from_memfd, t.cap_inheritable, t.cap_permitted, t.cap_effective);
}
auto fd_key(const FdSnapshot& f) {
  return std::tie(f.tid, f.fd, f.kind, f.name, f.flags, f.ino, f.dev, f.mount_id, f.l4proto,
                  f.sip, f.cip, f.sport, f.cport, f.unix_source, f.unix_dest);
}

void expect_same_section(const CaptureSection& s, const std::string& label) {
  SCOPED_TRACE(label);
  auto msg = snapshot_message(s.threads, s.fds, kZone, 42);
  // Through the wire, as the daemon would send it.
  pb::ZoneKernelThreadSnapshotEvent wire;
  ASSERT_TRUE(wire.ParseFromString(msg.SerializeAsString()));
  ZoneSnapshot z = convert_thread_snapshot(wire);
  EXPECT_EQ(z.boot_epoch_ns, 42u);
  EXPECT_EQ(z.skipped_threads + z.skipped_fds + z.key_mismatches + z.bad_addresses, 0u);

  std::vector<ThreadSnapshot> threads = s.threads;
  std::sort(threads.begin(), threads.end(),
            [](const auto& a, const auto& b) { return a.tid < b.tid; });
  std::vector<FdSnapshot> fds;
  for (const FdSnapshot& f : s.fds) {
    bool owner_known = std::any_of(threads.begin(), threads.end(),
                                   [&](const ThreadSnapshot& t) { return t.tid == f.tid; });
    if (owner_known && f.fd >= 0) fds.push_back(f);
  }
  std::sort(fds.begin(), fds.end(), [](const auto& a, const auto& b) {
    return a.tid != b.tid ? a.tid < b.tid : a.fd < b.fd;
  });
  ASSERT_EQ(z.threads.size(), threads.size());
  for (size_t i = 0; i < threads.size(); ++i)
    EXPECT_TRUE(thread_key(z.threads[i]) == thread_key(threads[i])) << "thread " << threads[i].tid;
  ASSERT_EQ(z.fds.size(), fds.size());
  for (size_t i = 0; i < fds.size(); ++i)
    EXPECT_TRUE(fd_key(z.fds[i]) == fd_key(fds[i]))
        << "fd " << fds[i].fd << " of " << fds[i].tid << " (" << fds[i].name << " / "
        << z.fds[i].name << ")";
}

struct RoundTripCounts {
  size_t events = 0, sections = 0;
};

// Converted stream: message -> bytes identical; decoder -> same record, same visibility.
void check_converted_stream(CaptureReader& reader, const std::string& label, RoundTripCounts& n) {
  expect_same_section(reader.section(), label + " section 0");
  ZoneEventDecoder decoder;
  std::vector<uint8_t> record;
  CaptureEvent ev;
  while (true) {
    auto r = reader.next(ev);
    if (r == CaptureReader::Next::Section) {
      ++n.sections;
      expect_same_section(reader.section(), label + " section " + std::to_string(n.sections));
      decoder.reset();
      continue;
    }
    if (r != CaptureReader::Next::Event) {
      EXPECT_EQ(r, CaptureReader::Next::End) << reader.error();
      break;
    }
    ++n.events;
    auto m = syscall_message(ev.raw, kZone, ev.raw.cpu);
    pb::ZoneKernelSyscallEvent wire;
    EXPECT_TRUE(wire.ParseFromString(m.SerializeAsString()));
    std::string error;
    EncodeNotes notes;
    ASSERT_TRUE(encode_syscall_event(wire, record, error, &notes))
        << label << " event " << ev.num << ": " << error;
    EXPECT_FALSE(notes.name_mismatch);
    EXPECT_EQ(wire.event_length(), record.size());
    ASSERT_EQ(record, record_bytes(ev.raw)) << label << " event " << ev.num << " type " << ev.raw.type;
    ZoneEvent zev;
    auto res = decoder.decode(wire, zev, error);
    // Enter events a capture delivers (kept by its converter) are kept again
    // by the zone's converter: either way they never reach rules.
    if (res == ZoneEventDecoder::Result::Dropped) {
      EXPECT_FALSE(ev.visible) << label << " event " << ev.num;
      continue;
    }
    ASSERT_EQ(res, ZoneEventDecoder::Result::Event) << label << " event " << ev.num << ": " << error;
    EXPECT_EQ(record_bytes(zev.raw), record_bytes(ev.raw)) << label << " event " << ev.num;
    EXPECT_EQ(zev.raw.cpu, ev.raw.cpu);
    if (ev.dump_flags == 0) {
      EXPECT_EQ(zev.visible, ev.visible) << label << " event " << ev.num;
    }
  }
  // Every event the reader delivers is delivered by the zone too, so evt.num
  // counts the same events on both paths.
  EXPECT_EQ(decoder.stats().dropped, 0u) << label;
  EXPECT_EQ(decoder.stats().events, n.events) << label;
  EXPECT_EQ(decoder.stats().address_order_suspects, 0u) << label;  // our pretty text is network order
}

// Stored stream streamed as a zone == the reader's converted stream.
void check_zone_conversion_matches_reader(std::span<const uint8_t> bytes, const std::string& label) {
  std::string error;
  auto raw_reader = CaptureReader::open_memory(bytes, {.convert = false}, error);
  auto conv_reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(raw_reader && conv_reader) << error;
  ZoneEventDecoder decoder;
  CaptureEvent raw, conv;
  size_t compared = 0;
  while (true) {
    auto r = raw_reader->next(raw);
    if (r == CaptureReader::Next::Section) {
      decoder.reset();
      continue;
    }
    if (r != CaptureReader::Next::Event) break;
    ZoneEvent zev;
    auto res = decoder.decode(syscall_message(raw.raw, kZone, raw.raw.cpu), zev, error);
    ASSERT_NE(res, ZoneEventDecoder::Result::Rejected) << label << " stored event " << raw.num << ": " << error;
    if (res == ZoneEventDecoder::Result::Dropped) continue;
    CaptureReader::Next c;
    while ((c = conv_reader->next(conv)) == CaptureReader::Next::Section) {}
    ASSERT_EQ(c, CaptureReader::Next::Event) << label << ": zone stream has more events";
    ASSERT_EQ(record_bytes(zev.raw), record_bytes(conv.raw))
        << label << " converted event " << conv.num << " type " << conv.raw.type;
    if (conv.dump_flags == 0) {
      EXPECT_EQ(zev.visible, conv.visible);
    }
    ++compared;
  }
  CaptureReader::Next c;
  while ((c = conv_reader->next(conv)) == CaptureReader::Next::Section) {}
  EXPECT_NE(c, CaptureReader::Next::Event) << label << ": reader has more events than the zone";
  EXPECT_GT(compared, 0u);
  EXPECT_EQ(decoder.stats().rejected, 0u);
}

TEST(ZoneRoundTrip, SharedCaptures) {
  auto files = shared_captures();
  if (files.empty()) GTEST_SKIP() << "shared captures not found under " << EG_SHARED_DIR;
  for (const std::string& path : files) {
    std::string error;
    auto reader = CaptureReader::open_file(path, {}, error);
    ASSERT_TRUE(reader) << error;
    RoundTripCounts n;
    check_converted_stream(*reader, path, n);
    EXPECT_GT(n.events, 0u) << path;
  }
}

// Whole decompressed content of a plain or gzip file.
std::vector<uint8_t> read_capture_bytes(const std::string& path) {
  std::vector<uint8_t> out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  uint8_t buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + n);
  gzclose(f);
  return out;
}

TEST(ZoneRoundTrip, SharedCapturesStoredEventsConvertLikeTheReader) {
  auto files = shared_captures();
  if (files.empty()) GTEST_SKIP() << "shared captures not found under " << EG_SHARED_DIR;
  for (const std::string& path : files) {
    std::vector<uint8_t> bytes = read_capture_bytes(path);
    ASSERT_FALSE(bytes.empty()) << path;
    check_zone_conversion_matches_reader(bytes, path);
  }
}

std::vector<uint8_t> synthetic_capture() {
  CaptureBuilder b;
  ThreadSnapshot init;
  init.tid = init.pid = 1;
  init.ptid = 0;
  init.comm = "init";
  init.exe = "/sbin/init";
  init.cwd = "/";
  init.cgroups = {"cpu=/", "memory=/"};
  b.add_thread(init);
  ThreadSnapshot sh;
  sh.tid = sh.pid = 100;
  sh.ptid = 1;
  sh.sid = 100;
  sh.vtid = sh.vpid = 7;
  sh.comm = "sh";
  sh.exe = "/bin/sh";
  sh.exepath = "/usr/bin/sh";
  sh.args = {"-c", "", "echo hi"};
  sh.env = {"HOME=/root", "PATH=/bin"};
  sh.cwd = "/root/";
  sh.uid = 1000;
  sh.cap_effective = 0x1ff;
  sh.clone_ts = 1'700'000'000'000'000'000ull;
  b.add_thread(sh);
  ThreadSnapshot worker = sh;
  worker.tid = 101;
  worker.vtid = 8;
  b.add_thread(worker);
  auto fd = [&](int64_t n, FdKind kind, std::string name) {
    FdSnapshot f;
    f.tid = 100;
    f.fd = n;
    f.kind = kind;
    f.name = std::move(name);
    return f;
  };
  b.add_fd(fd(0, FdKind::File, "/dev/pts/0")).flags = 3;
  b.add_fd(fd(1, FdKind::Directory, "/srv/data"));
  FdSnapshot tcp = fd(3, FdKind::Ipv4Socket, "");
  tcp.cip = {4, {10, 0, 0, 9}};
  tcp.sip = {4, {10, 0, 0, 2}};
  tcp.cport = 51000;
  tcp.sport = 80;
  tcp.l4proto = 2;
  b.add_fd(tcp);
  FdSnapshot srv = fd(4, FdKind::Ipv6ServerSocket, "");
  srv.sip.family = 6;
  srv.sip.bytes[15] = 1;
  srv.sport = 8080;
  srv.l4proto = 2;
  b.add_fd(srv);
  FdSnapshot unix_sock = fd(5, FdKind::UnixSocket, "/run/app.sock");
  unix_sock.unix_source = 0xffff888000001000ull;
  unix_sock.unix_dest = 0xffff888000002000ull;
  b.add_fd(unix_sock);
  b.add_fd(fd(6, FdKind::Memfd, "memfd:x"));
  b.add_fd(fd(7, FdKind::Pidfd, "anon_inode:[pidfd]"));
  b.add_fd(fd(8, FdKind::Eventpoll, "anon_inode:[eventpoll]"));
  b.add("openat", 100, 1000, {{"fd", 9}, {"dirfd", -100}, {"name", "/etc/shadow"}, {"flags", 1}, {"mode", 0}});
  b.add("read", 100, 1001, {{"res", 4}, {"fd", 9}, {"data", ParamValue::bytes("root")}, {"size", 4}});
  b.add_code(4, 100, 1002, {{"fd", 9}});  // close enter
  b.add("close", 100, 1003, {{"res", 0}});
  b.add("socket", 100, 1004, {{"fd", 10}, {"domain", 2}, {"type", 1}, {"proto", 0}});
  b.add("connect", 100, 1005, {{"res", 0}, {"tuple", ParamValue::socktuple_inet("10.0.0.9", 40000, "1.2.3.4", 443)}, {"fd", 10}});
  b.add("execve", 101, 1006, {{"res", 0}, {"exe", "/bin/ls"}, {"args", ParamValue::strings({"-l", "/"})}});
  b.add("getpid", 100, 1007, {});
  b.add_code(186, 101, 1008, {});  // procexit_1 enter
  return b.bytes();
}

TEST(ZoneRoundTrip, SyntheticCapture) {
  auto bytes = synthetic_capture();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  EXPECT_EQ(reader->section().fds.size(), 8u);
  RoundTripCounts n;
  check_converted_stream(*reader, "synthetic", n);
  EXPECT_EQ(n.events, 8u);  // the close enter is folded into its exit by the reader
  check_zone_conversion_matches_reader(bytes, "synthetic");
}

TEST(ZoneRoundTrip, DemoCapture) {
  std::string dir_template = ::testing::TempDir() + "eg_edera_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template.data()), nullptr);
  std::string path = dir_template + "/demo.scap";
  std::string error;
  ASSERT_TRUE(cli::write_demo_capture(path, error)) << error;
  auto reader = CaptureReader::open_file(path, {}, error);
  ASSERT_TRUE(reader) << error;
  RoundTripCounts n;
  check_converted_stream(*reader, "demo", n);
  EXPECT_GT(n.events, 10u);
  std::filesystem::remove_all(dir_template);
}

TEST(ZoneRoundTrip, MessageConveniencesFollowTheTable) {
  auto bytes = synthetic_capture();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader);
  CaptureEvent ev;
  ASSERT_EQ(reader->next(ev), CaptureReader::Next::Event);
  auto m = syscall_message(ev.raw, kZone, 3);
  EXPECT_EQ(m.zone_id(), kZone);
  EXPECT_EQ(m.event_name(), "openat");
  EXPECT_EQ(m.event_type(), 307u);
  EXPECT_EQ(m.event_category(), "EC_FILE | EC_SYSCALL");
  EXPECT_EQ(m.event_flags(), event_info(307)->flags);
  EXPECT_EQ(m.cpuid(), 3u);
  EXPECT_EQ(m.timestamp(), 1000u);
  EXPECT_EQ(m.thread_id(), 100u);
  ASSERT_GE(m.event_params_size(), 4);
  EXPECT_EQ(m.event_params(0).name(), "fd");
  EXPECT_EQ(m.event_params(0).param_type(), 14u);
  EXPECT_EQ(m.event_params(0).param_type_pretty(), "PT_FD");
  EXPECT_EQ(m.event_params(0).param_pretty(), "9");
  EXPECT_EQ(m.event_params(1).param_pretty(), "-100");  // AT_FDCWD renders as the number
  EXPECT_EQ(m.event_params(2).name(), "name");
  EXPECT_EQ(m.event_params(2).param_pretty(), "/etc/shadow");
  EXPECT_EQ(m.event_params(3).param_type_pretty(), "PT_FLAGS32");
  EXPECT_EQ(m.event_params(3).param_pretty(), "O_RDONLY");
  EXPECT_EQ(category_text("EC_FILE|EC_SYSCALL"), "EC_FILE | EC_SYSCALL");
  EXPECT_EQ(param_type_name(14), "PT_FD");
  EXPECT_EQ(param_type_name(999), "PT_NONE");
}

TEST(ZoneRoundTrip, SnapshotMessageLeavesOutWhatItCannotRepresent) {
  std::vector<ThreadSnapshot> threads(3);
  threads[0].tid = 10;
  threads[0].pid = 10;
  threads[0].ptid = -1;  // unknown parent: left unset on the wire
  threads[1].tid = -5;   // no tid: cannot be a map key
  threads[2].tid = 11;
  threads[2].pid = 10;
  threads[2].args = {""};  // one empty argument survives
  std::vector<FdSnapshot> fds(3);
  fds[0].tid = 10;
  fds[0].fd = 3;
  fds[1].tid = 99;  // owner not in the snapshot
  fds[1].fd = 4;
  fds[2].tid = 10;
  fds[2].fd = -1;
  auto m = snapshot_message(threads, fds, kZone, 7);
  EXPECT_EQ(m.zone_id(), kZone);
  ASSERT_EQ(m.thread_info_size(), 2);
  const auto& t10 = m.thread_info().at(10);
  EXPECT_TRUE(t10.has_tid());
  EXPECT_TRUE(t10.has_pid());
  EXPECT_FALSE(t10.has_ptid());
  EXPECT_FALSE(t10.has_vtid());
  EXPECT_EQ(t10.fdlist_size(), 1);
  ZoneSnapshot z = convert_thread_snapshot(m);
  ASSERT_EQ(z.threads.size(), 2u);
  EXPECT_EQ(z.threads[0].ptid, -1);
  EXPECT_EQ(z.threads[1].args, (std::vector<std::string>{""}));
  ASSERT_EQ(z.fds.size(), 1u);
  EXPECT_EQ(z.fds[0].fd, 3);
}

}  // namespace
}  // namespace eg::edera
