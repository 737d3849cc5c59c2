// Differential test against sysdig (a second oracle, sysdig 0.29's libsinsp):
// the same -p format of fields whose meaning did not change between libsinsp
// 0.29 and Falco 0.44 is printed by `sysdig -r FILE` (exit events only) and by
// `edera-guard events -e FILE`; events are aligned by (evt.rawtime, thread.tid,
// evt.type) since evt.num differs once old captures are converted. Every kept
// field must agree on every matched event, except the scoped exclusions of
// tests/data/integration/sysdig_excluded_fields.txt (each with its reason).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "binary_runner.h"
#include "engine/sources/capture_builder.h"
#include "fields/event_schema.h"

namespace eg::itest {
namespace {

// Alignment key first, then the compared fields.
const std::vector<std::string> kKeyFields = {"evt.rawtime", "thread.tid", "evt.type"};
const std::vector<std::string> kComparedFields = {
    "evt.dir", "evt.cpu", "evt.res", "evt.rawres", "evt.is_io", "evt.is_open_read",
    "proc.name", "proc.pid", "proc.ppid", "proc.exe", "proc.exepath", "proc.args", "proc.cmdline",
    "proc.exeline", "proc.cwd", "proc.sid", "proc.tty", "proc.aname[2]", "proc.apid[2]",
    "thread.ismain", "user.uid", "user.name", "user.homedir", "user.shell", "user.loginuid",
    "group.name", "fd.num", "fd.name", "fd.type", "fd.directory", "fd.filename", "fd.is_server",
    "fd.cip", "fd.lip", "fd.lport", "fd.l4proto", "fd.sockfamily", "fd.lproto", "fd.cproto",
    "fd.rproto", "fd.sproto", "fd.connected", "evt.is_io_read", "evt.is_io_write", "evt.is_syslog",
    "evt.is_wait", "evt.is_open_write", "evt.is_open_exec", "evt.count", "evt.rawarg.res",
    "proc.vpgid", "proc.loginshellid", "proc.is_exe_writable", "user.loginname"};
// Measured: every exit event of each compared capture is on both sides (644 + 24 of the
// own capture); the threshold leaves room for captures added to the corpus later.
constexpr double kMinMatchedShare = 0.95;
const char kSep = '\x1f';

struct Exclusion {
  std::string capture, type;  // "" = any
};
using Exclusions = std::multimap<std::string, Exclusion>;

Exclusions load_exclusions() {
  std::ifstream in(EG_SOURCE_DIR "/tests/data/integration/sysdig_excluded_fields.txt");
  Exclusions out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string field, scope;
    words >> field >> scope;
    Exclusion e;
    if (scope != "*") {
      std::istringstream parts(scope);
      std::string part;
      while (std::getline(parts, part, '+')) {
        if (part.rfind("capture=", 0) == 0) e.capture = part.substr(8);
        if (part.rfind("type=", 0) == 0) e.type = part.substr(5);
      }
    }
    out.emplace(field, e);
  }
  return out;
}

bool excluded(const Exclusions& ex, const std::string& field, const std::string& capture,
              const std::string& type) {
  auto [b, e] = ex.equal_range(field);
  for (auto it = b; it != e; ++it)
    if ((it->second.capture.empty() || it->second.capture == capture) &&
        (it->second.type.empty() || it->second.type == type))
      return true;
  return false;
}

std::string find_sysdig() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string p = dir + "/sysdig";
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

std::string format_string() {
  std::string f;
  for (const auto* list : {&kKeyFields, &kComparedFields})
    for (const auto& name : *list) f += (f.empty() ? "%" : std::string(1, kSep) + "%") + name;
  return f;
}

using Rows = std::map<std::vector<std::string>, std::vector<std::string>>;

// First row of each key (the key is unique in practice).
Rows parse_rows(const std::string& out) {
  Rows rows;
  for (const auto& line : split_lines(out)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, kSep)) cells.push_back(cell);
    if (line.back() == kSep) cells.emplace_back();
    if (cells.size() != kKeyFields.size() + kComparedFields.size()) continue;
    std::vector<std::string> key(cells.begin(), cells.begin() + kKeyFields.size());
    rows.emplace(std::move(key), std::vector<std::string>(cells.begin() + kKeyFields.size(), cells.end()));
  }
  return rows;
}

struct DiffOutcome {
  bool sysdig_failed = false;
  std::string sysdig_error;
};

// Runs both sides on `capture` and checks agreement; `name` selects exclusions.
DiffOutcome diff_capture(const std::string& sysdig, const std::string& capture, const std::string& name,
                         const Exclusions& ex) {
  DiffOutcome outcome;
  RunRequest sd;
  sd.binary = sysdig;
  sd.args = {"-r", capture, "-p", "*" + format_string(), "evt.dir = <"};
  RunResult s = run_binary(sd);
  if (s.exit_code != 0) {
    outcome.sysdig_failed = true;
    outcome.sysdig_error = s.err;
    return outcome;
  }
  RunRequest eg;
  eg.args = {"events", "-e", capture, "-p", format_string(), "evt.dir = <"};
  RunResult e = run_binary(eg);
  EXPECT_EQ(e.exit_code, 0) << e.err;
  Rows srows = parse_rows(s.out), erows = parse_rows(e.out);
  size_t matched = 0, only_sysdig = 0, mismatches = 0;
  for (const auto& [key, svals] : srows) {
    auto it = erows.find(key);
    if (it == erows.end()) {
      ++only_sysdig;
      continue;
    }
    ++matched;
    for (size_t i = 0; i < kComparedFields.size(); ++i) {
      if (excluded(ex, kComparedFields[i], name, key[2])) continue;
      if (svals[i] == it->second[i]) continue;
      if (++mismatches <= 20)
        ADD_FAILURE() << name << ": " << kComparedFields[i] << " differs at rawtime=" << key[0]
                      << " tid=" << key[1] << " " << key[2] << ": sysdig '" << svals[i]
                      << "' edera-guard '" << it->second[i] << "'";
    }
  }
  size_t larger = std::max(srows.size(), erows.size());
  std::cout << name << ": sysdig " << srows.size() << " exit events, edera-guard " << erows.size()
            << ", matched " << matched << ", only in sysdig " << only_sysdig << ", only in edera-guard "
            << erows.size() - matched << ", field mismatches " << mismatches << "\n";
  EXPECT_GT(matched, 0u) << name;
  EXPECT_GE(static_cast<double>(matched), kMinMatchedShare * static_cast<double>(larger)) << name;
  return outcome;
}


// A capture of our own: a shell forking and executing cat (file read), curl
// (TCP connect, write, dup, file write) while a server accepts a connection.
// Enter events are included because sysdig 0.29 takes fds from them.
class OwnCapture {
 public:
  std::string build(const std::string& path) {
    add_users();
    add_process(100, 1, "bash", "/usr/bin/bash", {}, 0);
    add_process(300, 1, "nginx", "/usr/sbin/nginx", {"-g", "daemon off;"}, 33);
    FdSnapshot listener;
    listener.tid = 300;
    listener.fd = 6;
    listener.kind = FdKind::Ipv4ServerSocket;
    listener.l4proto = 2;
    listener.sip.family = 4;  // 0.0.0.0
    listener.sport = 8080;
    b_.add_fd(listener);
    spawn(101, "cat", "/usr/bin/cat", {"/etc/hosts"}, 1000);
    file_io(101, 3, "/etc/hosts", 1, "127.0.0.1 localhost\n", false);
    spawn(102, "curl", "/usr/bin/curl", {"-o", "/tmp/page.html", "http://10.0.0.5/"}, 1000);
    sys(">", "socket>", 102, {{"domain", 2}, {"type", 1}, {"proto", 0}});
    sys("<", "socket", 102, {{"fd", 4}, {"domain", 2}, {"type", 1}, {"proto", 0}});
    sys(">", "connect>", 102, {{"fd", 4}, {"addr", ParamValue::sockaddr_inet("10.0.0.5", 80)}});
    sys("<", "connect", 102, {{"res", 0}, {"tuple", ParamValue::socktuple_inet("10.0.0.2", 40000, "10.0.0.5", 80)},
                             {"fd", 4}, {"addr", ParamValue::sockaddr_inet("10.0.0.5", 80)}});
    rw(102, "write", 4, "GET / HTTP/1.1\r\n\r\n");
    rw(102, "read", 4, "HTTP/1.1 200 OK\r\n");
    sys(">old", "dup>", 102, {{"fd", 4}});
    sys("<old", "dup", 102, {{"res", 5}});
    rw(102, "write", 5, "x");
    close_fd(102, 5);
    close_fd(102, 4);
    file_io(102, 7, "/tmp/page.html", 0x2 | 0x40, "<html></html>", true);
    sys(">", "accept>", 300, {});
    sys("<", "accept", 300, {{"fd", 9}, {"tuple", ParamValue::socktuple_inet("10.0.0.2", 40001, "10.0.0.1", 8080)},
                            {"queuepct", 0}, {"queuelen", 0}, {"queuemax", 128}});
    rw(300, "read", 9, "GET /");
    rw(300, "write", 9, "HTTP/1.1 404\r\n");
    close_fd(300, 9);
    std::string error;
    EXPECT_TRUE(b_.write_file(path, error)) << error;
    return path;
  }

 private:
  void add_users() {
    b_.add_user(0, 0, "root", "/root", "/bin/bash");
    b_.add_user(33, 33, "www-data", "/var/www", "/usr/sbin/nologin");
    b_.add_user(1000, 1000, "alice", "/home/alice", "/bin/bash");
    b_.add_group(0, "root");
    b_.add_group(33, "www-data");
    b_.add_group(1000, "alice");
  }
  void add_process(int64_t tid, int64_t ptid, const std::string& comm, const std::string& exepath,
                   std::vector<std::string> args, uint32_t uid) {
    ThreadSnapshot t;
    t.tid = t.pid = t.vtid = t.vpid = tid;
    t.ptid = ptid;
    t.sid = t.pgid = t.vpgid = tid;
    t.comm = comm;
    t.exe = exepath;
    t.exepath = exepath;
    t.args = std::move(args);
    t.cwd = "/home/alice/";
    t.uid = t.gid = uid;
    t.loginuid = 0;  // sysdig 0.29 does not read the loginuid of the thread-list block version written here
    t.fdlimit = 1024;
    b_.add_thread(t);
  }
  // bash (100) clones `tid`, which executes `exepath`.
  void spawn(int64_t tid, const std::string& comm, const std::string& exepath, const std::vector<std::string>& args,
             uint32_t uid) {
    sys(">", "clone>", 100, {});
    sys("<", "clone", 100, {{"res", tid}, {"exe", "/usr/bin/bash"}, {"args", ParamValue::strings({})},
                           {"tid", 100}, {"pid", 100}, {"ptid", 1}, {"cwd", "/home/alice"}, {"fdlimit", 1024},
                           {"comm", "bash"}, {"uid", 1000}, {"gid", 1000}, {"vtid", 100}, {"vpid", 100}});
    sys("<", "clone", tid, {{"res", 0}, {"exe", "/usr/bin/bash"}, {"args", ParamValue::strings({})},
                           {"tid", tid}, {"pid", tid}, {"ptid", 100}, {"cwd", "/home/alice"}, {"fdlimit", 1024},
                           {"comm", "bash"}, {"uid", 1000}, {"gid", 1000}, {"vtid", tid}, {"vpid", tid}});
    sys(">", "execve>", tid, {{"filename", exepath}});
    sys("<", "execve", tid, {{"res", 0}, {"exe", exepath}, {"args", ParamValue::strings(args)}, {"tid", tid},
                            {"pid", tid}, {"ptid", 100}, {"cwd", "/home/alice"}, {"fdlimit", 1024},
                            {"comm", comm}, {"env", ParamValue::strings({"HOME=/home/alice"})},
                            {"loginuid", 1000}, {"uid", uid}, {"gid", uid}, {"trusted_exepath", exepath},
                            {"filename", exepath}});
  }
  void file_io(int64_t tid, int64_t fd, const std::string& name, uint32_t flags, const std::string& data, bool write) {
    sys(">", "openat>", tid, {{"dirfd", -100}, {"name", name}, {"flags", flags}, {"mode", 0644}});
    sys("<", "openat", tid, {{"fd", fd}, {"dirfd", -100}, {"name", name}, {"flags", flags}, {"mode", 0644}});
    rw(tid, write ? "write" : "read", fd, data);
    close_fd(tid, fd);
  }
  void rw(int64_t tid, const std::string& call, int64_t fd, const std::string& data) {
    sys(">", call + ">", tid, {{"fd", fd}, {"size", static_cast<unsigned>(data.size())}});
    sys("<", call, tid, {{"res", static_cast<int64_t>(data.size())}, {"data", ParamValue::bytes(data)}, {"fd", fd},
                        {"size", static_cast<unsigned>(data.size())}});
  }
  void close_fd(int64_t tid, int64_t fd) {
    sys(">", "close>", tid, {{"fd", fd}});
    sys("<", "close", tid, {{"res", 0}, {"fd", fd}});
  }
  // `dir` "<" is the current exit layout. ">" is an enter event, written with
  // the newest enter layout of that name even when it is an old version
  // (sysdig 0.29 takes the fd of read/write/close/dup from the enter event;
  // Falco folds it into the exit). "<old" and ">old" are the oldest layouts,
  // for a pair sysdig 0.29 does not know in its current form (dup).
  void sys(const char* dir, const std::string& name, int64_t tid, NamedParams params) {
    ts_ += 1000;
    const std::string d = dir;
    if (d == "<") {
      b_.add(name, tid, ts_, params);
      return;
    }
    const bool enter = d[0] == '>', oldest = d.ends_with("old");
    const std::string base = name.ends_with(">") ? name.substr(0, name.size() - 1) : name;
    std::optional<uint16_t> code;
    for (uint16_t c : event_codes_for_name(base)) {
      const EventInfo* info = event_info(c);
      if (!info || info->is_enter() != enter || info->has(kEfUnused)) continue;
      if (!code || (oldest ? c < *code : c > *code)) code = c;
    }
    ASSERT_TRUE(code) << "no " << d << " event for " << base;
    b_.add_code(*code, tid, ts_, params);
  }

  CaptureBuilder b_;
  uint64_t ts_ = 1'700'000'000'000'000'000ULL;
};

TEST(SysdigDiff, SharedCaptures) {
  std::string sysdig = find_sysdig();
  if (sysdig.empty()) GTEST_SKIP() << "sysdig is not installed";
  std::string dir = EG_SHARED_DIR "/compat/traces";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "shared captures absent: " << dir;
  Exclusions ex = load_exclusions();
  size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".scap") continue;
    std::string name = entry.path().stem().string();
    DiffOutcome o = diff_capture(sysdig, entry.path().string(), name, ex);
    if (o.sysdig_failed) {
      std::cout << name << ": not compared, sysdig 0.29 cannot read it: " << o.sysdig_error;
      continue;
    }
    ++compared;
  }
  EXPECT_GE(compared, 3u);
}

TEST(SysdigDiff, OwnCapture) {
  std::string sysdig = find_sysdig();
  if (sysdig.empty()) GTEST_SKIP() << "sysdig is not installed";
  TempDir dir("eg-sysdig-diff");
  std::string cap = OwnCapture().build(dir.path() + "/own.scap");
  DiffOutcome o = diff_capture(sysdig, cap, "own", load_exclusions());
  EXPECT_FALSE(o.sysdig_failed) << o.sysdig_error;
}

}  // namespace
}  // namespace eg::itest
