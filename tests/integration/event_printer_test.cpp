// The `events` subcommand run as a real process: default and custom formats,
// filters (valid and invalid), an unreadable capture, over a synthetic capture
// built here and over a capture of the shared corpus.
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "binary_runner.h"
#include "engine/sources/capture_builder.h"

namespace eg::itest {
namespace {

RunResult run_events(std::vector<std::string> args) {
  args.insert(args.begin(), "events");
  RunRequest req;
  req.args = std::move(args);
  return run_binary(req);
}

// Two processes: cat opens and reads /etc/passwd, sh opens /tmp/x.
std::string build_capture(const TempDir& dir) {
  CaptureBuilder b;
  for (auto [tid, comm, exepath] : {std::tuple<int64_t, const char*, const char*>{100, "cat", "/usr/bin/cat"},
                                    {200, "sh", "/bin/sh"}}) {
    ThreadSnapshot t;
    t.tid = t.pid = tid;
    t.ptid = 1;
    t.comm = t.exe = comm;
    t.exepath = exepath;
    t.cwd = "/";
    b.add_thread(t);
  }
  b.add("openat", 100, 1'000'000'000, {{"fd", 3}, {"dirfd", -100}, {"name", "/etc/passwd"}, {"flags", 1}});
  b.add("read", 100, 1'000'000'100, {{"res", 5}, {"fd", 3}, {"data", ParamValue::bytes("root:")}});
  b.add("openat", 200, 1'000'000'200, {{"fd", 4}, {"dirfd", -100}, {"name", "/tmp/x"}, {"flags", 1}});
  std::string path = dir.path() + "/printer.scap", error;
  EXPECT_TRUE(b.write_file(path, error)) << error;
  return path;
}

TEST(EventPrinter, PrintsEveryEventOfASyntheticCapture) {
  TempDir dir("eg-printer");
  std::string cap = build_capture(dir);
  RunResult r = run_events({"-e", cap, "-p", "%proc.name %evt.type %fd.name %proc.pid"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cat openat /etc/passwd 100\ncat read /etc/passwd 100\nsh openat /tmp/x 200\n");
}

TEST(EventPrinter, FilterSelectsEvents) {
  TempDir dir("eg-printer");
  std::string cap = build_capture(dir);
  RunResult r = run_events({"-e", cap, "-p", "%proc.name %fd.name", "evt.type", "=", "openat", "and", "proc.name=sh"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "sh /tmp/x\n");
}

TEST(EventPrinter, MissingValuesPrintAsNA) {
  TempDir dir("eg-printer");
  std::string cap = build_capture(dir);
  RunResult r = run_events({"-e", cap, "-p", "%fd.sip %proc.pname", "proc.name=sh"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<NA> <NA>\n");
}

TEST(EventPrinter, DefaultFormatAndHelp) {
  TempDir dir("eg-printer");
  std::string cap = build_capture(dir);
  RunResult r = run_events({"-e", cap});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("cat (100) < openat"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[0].rfind("1 ", 0), 0u) << lines[0];
  RunResult h = run_events({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("edera-guard events -e FILE"), std::string::npos);
}

TEST(EventPrinter, BadFilterNamesMessageAndPosition) {
  TempDir dir("eg-printer");
  std::string cap = build_capture(dir);
  RunResult r = run_events({"-e", cap, "proc.name = sh and"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("Error: invalid filter:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("column"), std::string::npos) << r.err;
  RunResult u = run_events({"-e", cap, "no.such.field = 1"});
  EXPECT_EQ(u.exit_code, 1);
  EXPECT_NE(u.err.find("no.such.field"), std::string::npos) << u.err;
}

TEST(EventPrinter, UnreadableCaptureFails) {
  TempDir dir("eg-printer");
  RunResult r = run_events({"-e", dir.path() + "/missing.scap"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Error:"), std::string::npos) << r.err;
  RunResult none = run_events({});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("-e FILE"), std::string::npos) << none.err;
}

TEST(EventPrinter, DamagedCaptureFailsWithOffset) {
  TempDir dir("eg-printer");
  std::string cap = build_capture(dir);
  std::string bytes = read_file(cap);
  std::string damaged = dir.path() + "/damaged.scap";
  {
    std::ofstream out(damaged, std::ios::binary);
    out << bytes.substr(0, bytes.size() - 7);  // cut inside the last block
  }
  RunResult r = run_events({"-e", damaged, "-p", "%evt.type"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("offset"), std::string::npos) << r.err;
}

TEST(EventPrinter, SharedCaptureConnectEvents) {
  std::string cap = EG_SHARED_DIR "/compat/traces/curl_google.scap";
  if (!std::filesystem::exists(cap)) GTEST_SKIP() << "shared capture absent: " << cap;
  RunResult r = run_events({"-e", cap, "-p", "%proc.name %evt.type %fd.type", "evt.type=connect and evt.rawres=0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  ASSERT_FALSE(lines.empty());
  for (const auto& l : lines) EXPECT_EQ(l.rfind("curl connect ipv", 0), 0u) << l;
  RunResult all = run_events({"-e", cap, "-p", "%evt.num"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  // Falco 0.44 shows rules 939 events of this capture (compat/expected/curl_google.fields.jsonl.gz).
  EXPECT_EQ(split_lines(all.out).size(), 939u);
}

}  // namespace
}  // namespace eg::itest
