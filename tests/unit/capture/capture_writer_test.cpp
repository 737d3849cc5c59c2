// The capture writer and the synthetic-capture builder: write/read round
// trips (metadata and events identical), events built by name decode to the
// values given, and sysdig (an independent libscap reader) opens our files.
#include <gtest/gtest.h>

#include <sstream>

#include "capture_test_support.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/sources/capture_writer.h"
#include "fields/param_decoder.h"
#include "fields/param_render.h"

namespace eg {
namespace {

struct Record {
  std::vector<std::vector<uint8_t>> params;
  uint64_t ts;
  int64_t tid;
  uint16_t type, cpu;
  uint32_t flags;
  bool operator==(const Record&) const = default;
};

struct Capture {
  CaptureSection section;
  std::vector<Record> events;
  std::string error;
};

Capture read_capture(std::unique_ptr<CaptureReader> reader, std::string error) {
  Capture c;
  c.error = error;
  if (!reader) return c;
  c.section = reader->section();
  CaptureEvent ev;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    Record r{{}, ev.raw.ts, ev.raw.tid, ev.raw.type, ev.raw.cpu, ev.dump_flags};
    for (uint32_t i = 0; i < ev.raw.nparams; ++i) {
      auto p = ev.raw.param(i);
      r.params.emplace_back(p.begin(), p.end());
    }
    c.events.push_back(std::move(r));
  }
  c.error = reader->error();
  return c;
}

Capture read_file(const std::string& path, bool convert) {
  std::string error;
  auto reader = CaptureReader::open_file(path, {.convert = convert}, error);
  return read_capture(std::move(reader), error);
}

void expect_same_threads(const ThreadSnapshot& a, const ThreadSnapshot& b) {
  EXPECT_EQ(a.tid, b.tid);
  EXPECT_EQ(a.pid, b.pid);
  EXPECT_EQ(a.ptid, b.ptid);
  EXPECT_EQ(a.sid, b.sid);
  EXPECT_EQ(a.vpgid, b.vpgid);
  EXPECT_EQ(a.pgid, b.pgid);
  EXPECT_EQ(a.vtid, b.vtid);
  EXPECT_EQ(a.vpid, b.vpid);
  EXPECT_EQ(a.comm, b.comm);
  EXPECT_EQ(a.exe, b.exe);
  EXPECT_EQ(a.exepath, b.exepath);
  EXPECT_EQ(a.args, b.args);
  EXPECT_EQ(a.env, b.env);
  EXPECT_EQ(a.cgroups, b.cgroups);
  EXPECT_EQ(a.cwd, b.cwd);
  EXPECT_EQ(a.root, b.root);
  EXPECT_EQ(a.fdlimit, b.fdlimit);
  EXPECT_EQ(a.flags, b.flags);
  EXPECT_EQ(a.uid, b.uid);
  EXPECT_EQ(a.gid, b.gid);
  EXPECT_EQ(a.loginuid, b.loginuid);
  EXPECT_EQ(a.vmsize_kb, b.vmsize_kb);
  EXPECT_EQ(a.vmrss_kb, b.vmrss_kb);
  EXPECT_EQ(a.vmswap_kb, b.vmswap_kb);
  EXPECT_EQ(a.pfmajor, b.pfmajor);
  EXPECT_EQ(a.pfminor, b.pfminor);
  EXPECT_EQ(a.tty, b.tty);
  EXPECT_EQ(a.pidns_init_start_ts, b.pidns_init_start_ts);
  EXPECT_EQ(a.exe_ino, b.exe_ino);
  EXPECT_EQ(a.exe_writable, b.exe_writable);
  EXPECT_EQ(a.cap_effective, b.cap_effective);
}

void expect_same_fds(const FdSnapshot& a, const FdSnapshot& b) {
  EXPECT_EQ(a.tid, b.tid);
  EXPECT_EQ(a.fd, b.fd);
  EXPECT_EQ(a.kind, b.kind) << a.name;
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.flags, b.flags);
  EXPECT_EQ(a.ino, b.ino);
  EXPECT_EQ(a.l4proto, b.l4proto);
  EXPECT_EQ(a.sip, b.sip);
  EXPECT_EQ(a.cip, b.cip);
  EXPECT_EQ(a.sport, b.sport);
  EXPECT_EQ(a.cport, b.cport);
  EXPECT_EQ(a.unix_source, b.unix_source);
  EXPECT_EQ(a.unix_dest, b.unix_dest);
}

void expect_same_sections(const CaptureSection& a, const CaptureSection& b) {
  EXPECT_EQ(a.machine.hostname, b.machine.hostname);
  EXPECT_EQ(a.machine.num_cpus, b.machine.num_cpus);
  EXPECT_EQ(a.machine.memory_kb, b.machine.memory_kb);
  EXPECT_EQ(a.machine.boot_ts, b.machine.boot_ts);
  ASSERT_EQ(a.threads.size(), b.threads.size());
  for (size_t k = 0; k < a.threads.size(); ++k) expect_same_threads(a.threads[k], b.threads[k]);
  ASSERT_EQ(a.fds.size(), b.fds.size());
  for (size_t k = 0; k < a.fds.size(); ++k) expect_same_fds(a.fds[k], b.fds[k]);
  ASSERT_EQ(a.users.size(), b.users.size());
  for (size_t k = 0; k < a.users.size(); ++k) {
    EXPECT_EQ(a.users[k].uid, b.users[k].uid);
    EXPECT_EQ(a.users[k].name, b.users[k].name);
    EXPECT_EQ(a.users[k].home, b.users[k].home);
    EXPECT_EQ(a.users[k].shell, b.users[k].shell);
  }
  ASSERT_EQ(a.groups.size(), b.groups.size());
  for (size_t k = 0; k < a.groups.size(); ++k) EXPECT_EQ(a.groups[k].name, b.groups[k].name);
  ASSERT_EQ(a.interfaces.size(), b.interfaces.size());
  for (size_t k = 0; k < a.interfaces.size(); ++k) {
    EXPECT_EQ(a.interfaces[k].name, b.interfaces[k].name);
    EXPECT_EQ(a.interfaces[k].addr, b.interfaces[k].addr);
    EXPECT_EQ(a.interfaces[k].netmask, b.interfaces[k].netmask);
  }
}

// Reads a trace as stored, writes it with our writer, reads that back.
void round_trip_trace(const std::string& name, bool gzip) {
  Capture original = read_file(eg::testing::trace_path(name), false);
  ASSERT_EQ(original.error, "");
  eg::testing::TempDir dir;
  std::string path = dir.file(name + ".scap");
  std::string error;
  auto w = CaptureWriter::open(path, {.gzip = gzip}, error);
  ASSERT_TRUE(w) << error;
  ASSERT_TRUE(w->write_section(original.section)) << w->error();
  {
    // Re-read the original stream to get RawEvent views for write_event.
    auto reader = CaptureReader::open_file(eg::testing::trace_path(name), {.convert = false}, error);
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event)
      ASSERT_TRUE(w->write_event(ev.raw, ev.dump_flags)) << w->error();
  }
  ASSERT_TRUE(w->close(error)) << error;
  Capture copy = read_file(path, false);
  ASSERT_EQ(copy.error, "");
  expect_same_sections(original.section, copy.section);
  ASSERT_EQ(original.events.size(), copy.events.size());
  for (size_t k = 0; k < copy.events.size(); ++k)
    ASSERT_EQ(original.events[k], copy.events[k]) << "event " << k;
  // And the converted stream Falco would see is the same too.
  Capture a = read_file(eg::testing::trace_path(name), true);
  Capture b = read_file(path, true);
  ASSERT_EQ(a.events.size(), b.events.size());
  for (size_t k = 0; k < a.events.size(); ++k) ASSERT_EQ(a.events[k], b.events[k]) << k;
}

TEST(CaptureWriter, RoundTripOfTraces) {
  if (!eg::testing::have_shared_corpus()) GTEST_SKIP() << "shared corpus not found";
  round_trip_trace("curl_google", false);
  round_trip_trace("single_ipv6_conn", true);
  round_trip_trace("test_ipv6_client", false);
}

CaptureBuilder scenario() {
  CaptureBuilder b("scenario-host");
  ThreadSnapshot t;
  t.tid = t.pid = 4242;
  t.ptid = 1;
  t.comm = "cat";
  t.exe = "cat";
  t.exepath = "/usr/bin/cat";
  t.args = {"/etc/shadow"};
  t.env = {"HOME=/root", "PATH=/usr/bin"};
  t.cwd = "/root/";
  t.uid = 0;
  b.add_thread(t);
  FdSnapshot tty;
  tty.tid = 4242;
  tty.fd = 1;
  tty.kind = FdKind::File;
  tty.name = "/dev/pts/0";
  tty.flags = 2;
  b.add_fd(tty);
  FdSnapshot sock;
  sock.tid = 4242;
  sock.fd = 5;
  sock.kind = FdKind::Ipv4Socket;
  sock.cip.family = sock.sip.family = 4;
  sock.cip.bytes = {10, 0, 0, 1};
  sock.sip.bytes = {93, 184, 216, 34};
  sock.cport = 40000;
  sock.sport = 443;
  sock.l4proto = 2;
  b.add_fd(sock);
  b.add_user(0, 0, "root", "/root", "/bin/bash");
  b.add_group(0, "root");
  b.add("openat", 4242, 1'700'000'000'000'000'000ULL,
        {{"fd", 3}, {"dirfd", kAtFdCwd}, {"name", "/etc/shadow"}, {"flags", 1}, {"mode", 0}});
  b.add("read", 4242, 1'700'000'000'000'001'000ULL,
        {{"res", 5}, {"data", ParamValue::bytes("root:")}, {"fd", 3}, {"size", 4096}});
  b.add("connect", 4242, 1'700'000'000'000'002'000ULL,
        {{"res", -111},
         {"tuple", ParamValue::socktuple_inet("10.0.0.1", 40001, "1.2.3.4", 80)},
         {"fd", 6}});
  b.add("execve", 4242, 1'700'000'000'000'003'000ULL,
        {{"res", 0}, {"exe", "/bin/sh"}, {"args", ParamValue::strings({"-c", "id"})},
         {"tid", 4242}, {"pid", 4242}, {"ptid", 1}, {"comm", "sh"}});
  b.add("getpid", 4242, 1'700'000'000'000'004'000ULL);
  return b;
}

TEST(CaptureBuilder, EventsDecodeToTheGivenValues) {
  std::vector<uint8_t> bytes = scenario().bytes();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  EXPECT_EQ(reader->section().machine.hostname, "scenario-host");
  ASSERT_EQ(reader->section().threads.size(), 1u);
  EXPECT_EQ(reader->section().threads[0].env,
            (std::vector<std::string>{"HOME=/root", "PATH=/usr/bin"}));
  ASSERT_EQ(reader->section().fds.size(), 2u);
  EXPECT_EQ(reader->section().fds[1].sport, 443);

  CaptureEvent ev;
  ParamRenderContext no_state;
  std::vector<std::string> rendered;
  std::vector<std::string> types;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    EXPECT_TRUE(ev.visible);
    types.emplace_back(event_type_name(ev.raw));
    rendered.push_back(render_args(ev.raw, no_state));
  }
  EXPECT_EQ(reader->error(), "");
  EXPECT_EQ(types, (std::vector<std::string>{"openat", "read", "connect", "execve", "getpid"}));
  EXPECT_EQ(rendered[0],
            "fd=3 dirfd=-100 name=/etc/shadow flags=1(O_RDONLY) mode=0 dev=0 ino=0");
  EXPECT_EQ(rendered[1], "res=5 data=root: fd=3 size=4096");
  EXPECT_EQ(rendered[2].substr(0, 47), "res=-111(ECONNREFUSED) tuple=10.0.0.1:40001->1.");
  EXPECT_NE(rendered[3].find("exe=/bin/sh args=-c.id."), std::string::npos) << rendered[3];
  EXPECT_EQ(rendered[4], "");
}

TEST(CaptureBuilder, MisuseIsReported) {
  CaptureBuilder b;
  EXPECT_THROW(b.add("no_such_event", 1, 1), std::invalid_argument);
  EXPECT_THROW(b.add("openat", 1, 1, {{"nope", 1}}), std::invalid_argument);
  EXPECT_THROW(b.add("openat", 1, 1, {{"fd", "text"}}), std::invalid_argument);
  EXPECT_THROW(b.add("connect", 1, 1, {{"tuple", 5}}), std::invalid_argument);
  EXPECT_THROW(ParamValue::sockaddr_inet("not-an-ip", 1), std::invalid_argument);
  EXPECT_NO_THROW(b.add("openat>", 1, 1, {}));
  EXPECT_EQ(event_info(event_code_for_builder("openat>"))->dir, '>');
}

TEST(CaptureBuilder, FileRoundTripPlainAndGzip) {
  CaptureBuilder b = scenario();
  eg::testing::TempDir dir;
  std::string error;
  for (bool gz : {false, true}) {
    std::string path = dir.file(gz ? "s.scap.gz" : "s.scap");
    ASSERT_TRUE(b.write_file(path, error, gz)) << error;
    Capture c = read_file(path, true);
    EXPECT_EQ(c.error, "");
    EXPECT_EQ(c.events.size(), b.event_count());
  }
}

TEST(CaptureBuilder, DumpFlagsHideStateOnlyEvents) {
  CaptureBuilder b;
  b.add_record(encode_event_by_name("close", 1, 10, {{"res", 0}, {"fd", 3}}), 2, 1);
  b.add("close", 1, 20, {{"res", 0}, {"fd", 4}});
  std::vector<uint8_t> bytes = b.bytes();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  CaptureEvent ev;
  ASSERT_EQ(reader->next(ev), CaptureReader::Next::Event);
  EXPECT_FALSE(ev.visible);
  EXPECT_EQ(ev.dump_flags, 1u);
  EXPECT_EQ(ev.raw.cpu, 2);
  EXPECT_EQ(ev.num, 1u);
  ASSERT_EQ(reader->next(ev), CaptureReader::Next::Event);
  EXPECT_TRUE(ev.visible);
  EXPECT_EQ(ev.num, 2u);
  EXPECT_EQ(reader->next(ev), CaptureReader::Next::End);
}

TEST(CaptureBuilder, LargePayloadEventsUseFourByteLengths) {
  CaptureBuilder b;
  std::string big(70000, 'x');
  b.add_code(kAsyncEventCode, 1, 10,
            {{"plugin_id", 1}, {"name", "sampleticker"}, {"data", ParamValue::bytes(big)}});
  std::vector<uint8_t> bytes = b.bytes();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  CaptureEvent ev;
  ASSERT_EQ(reader->next(ev), CaptureReader::Next::Event) << reader->error();
  EXPECT_EQ(ev.raw.type, kAsyncEventCode);
  EXPECT_EQ(ev.raw.param(2).size(), big.size());
}

TEST(CaptureBuilder, MultipleSections) {
  std::vector<uint8_t> bytes;
  {
    auto w = CaptureWriter::to_memory(bytes);
    CaptureBuilder first("one"), second("two");
    w->write_section(first.section());
    w->write_record(encode_event_by_name("close", 1, 10, {{"res", 0}, {"fd", 3}}), 0);
    w->write_section(second.section());
    w->write_record(encode_event_by_name("close", 1, 20, {{"res", 0}, {"fd", 3}}), 0);
    std::string error;
    ASSERT_TRUE(w->close(error)) << error;
  }
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  EXPECT_EQ(reader->section().machine.hostname, "one");
  CaptureEvent ev;
  EXPECT_EQ(reader->next(ev), CaptureReader::Next::Event);
  EXPECT_EQ(reader->next(ev), CaptureReader::Next::Section);
  EXPECT_EQ(reader->section().machine.hostname, "two");
  ASSERT_EQ(reader->next(ev), CaptureReader::Next::Event);
  EXPECT_EQ(ev.num, 2u);
  EXPECT_EQ(reader->next(ev), CaptureReader::Next::End);
}

// sysdig is built on an older libscap, independent of our reader: it must open
// what we write and see the same events and process names.
TEST(CaptureWriter, SysdigReadsOurFiles) {
  if (!eg::testing::have_program("sysdig")) GTEST_SKIP() << "sysdig not installed";
  eg::testing::TempDir dir;
  std::string path = dir.file("for-sysdig.scap");
  std::string error;
  ASSERT_TRUE(scenario().write_file(path, error)) << error;
  int status = 0;
  std::string out = eg::testing::run_command(
      "sysdig -r " + path + " -p '*%evt.num %evt.type %proc.name %evt.arg.name' 2>&1", status);
  ASSERT_EQ(status, 0) << out;
  std::istringstream lines(out);
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line);
  ASSERT_GE(got.size(), 4u) << out;
  EXPECT_EQ(got[0], "1 openat cat /etc/shadow");
  EXPECT_EQ(got[1], "2 read cat <NA>");
  EXPECT_EQ(got[2], "3 connect cat <NA>");
  EXPECT_EQ(got[3].substr(0, 9), "4 execve ");
}

TEST(CaptureWriter, SysdigReadsRewrittenTrace) {
  if (!eg::testing::have_program("sysdig")) GTEST_SKIP() << "sysdig not installed";
  if (!eg::testing::have_shared_corpus()) GTEST_SKIP() << "shared corpus not found";
  eg::testing::TempDir dir;
  std::string path = dir.file("rewritten.scap");
  std::string error;
  auto reader = CaptureReader::open_file(eg::testing::trace_path("test_ipv6_client"),
                                         {.convert = false}, error);
  ASSERT_TRUE(reader) << error;
  auto w = CaptureWriter::open(path, {}, error);
  ASSERT_TRUE(w) << error;
  w->write_section(reader->section());
  CaptureEvent ev;
  while (reader->next(ev) == CaptureReader::Next::Event) w->write_event(ev.raw, ev.dump_flags);
  ASSERT_TRUE(w->close(error)) << error;
  int s1 = 0, s2 = 0;
  const std::string fmt = " -p '%evt.num %evt.type %evt.dir %proc.name %evt.args' 2>&1";
  std::string ours = eg::testing::run_command("sysdig -r " + path + fmt, s1);
  std::string theirs = eg::testing::run_command(
      "sysdig -r " + eg::testing::trace_path("test_ipv6_client") + fmt, s2);
  EXPECT_EQ(s1, 0);
  EXPECT_EQ(s2, 0);
  EXPECT_EQ(ours, theirs);
}

}  // namespace
}  // namespace eg
