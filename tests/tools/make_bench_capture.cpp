// make_bench_capture: writes a large synthetic capture of mixed syscalls for
// whole-process benchmarks (scripts/bench-e2e.sh).
//
// The mix imitates a busy host: many processes opening, reading, writing and
// closing files, some sockets and connections, an occasional exec and clone.
// Events are streamed through CaptureWriter (nothing is kept in memory), and the
// same seed always gives the same file, so benchmark runs are comparable.
//
//   make_bench_capture OUT.scap [EVENTS]      (default 1,000,000 events)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_writer.h"

namespace {

constexpr int64_t kAtFdCwd = -100;
constexpr int kProcesses = 64;

const std::vector<std::string> kPaths = {
    "/var/log/app.log", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/etc/ld.so.cache",
    "/proc/self/status", "/tmp/work.tmp", "/var/lib/app/data.db", "/etc/hosts",
    "/etc/passwd", "/home/user/.cache/x", "/usr/share/zoneinfo/UTC",
};
const std::vector<std::string> kComms = {"nginx", "python3", "java", "node", "postgres",
                                         "redis-server", "sshd", "cron"};

eg::CaptureSection make_section() {
  eg::CaptureSection s;
  s.has_machine = true;
  s.machine.hostname = "bench";
  s.machine.num_cpus = 2;
  for (int i = 0; i < kProcesses; ++i) {
    eg::ThreadSnapshot t;
    t.tid = t.pid = t.vtid = t.vpid = 1000 + i;
    t.ptid = 1;
    t.comm = kComms[i % kComms.size()];
    t.exe = t.comm;
    t.exepath = "/usr/bin/" + t.comm;
    t.args = {"--serve"};
    t.cwd = "/srv/";
    t.uid = t.gid = (i % 3 == 0) ? 0 : 1000;
    s.threads.push_back(t);
  }
  eg::UserSnapshot root;
  root.name = "root";
  root.home = "/root";
  root.shell = "/bin/bash";
  s.users.push_back(root);
  eg::UserSnapshot user;
  user.uid = user.gid = 1000;
  user.name = "app";
  user.home = "/home/app";
  user.shell = "/bin/sh";
  s.users.push_back(user);
  return s;
}

class EventMix {
 public:
  explicit EventMix(eg::CaptureWriter& w) : writer_(w) {}

  // Writes one "operation" (1..4 events); returns the number of events written.
  int write_operation() {
    int64_t tid = 1000 + static_cast<int64_t>(rng_() % kProcesses);
    unsigned pick = rng_() % 100;
    if (pick < 30) return file_cycle(tid);
    if (pick < 60) return io(tid);
    if (pick < 80) return stat_like(tid);
    if (pick < 95) return connect_cycle(tid);
    return exec(tid);
  }

 private:
  uint64_t next_ts() { return ts_ += 1000; }
  void put(std::vector<uint8_t> rec) { writer_.write_record(rec, static_cast<uint16_t>(rng_() % 2)); }

  int file_cycle(int64_t tid) {
    const std::string& path = kPaths[rng_() % kPaths.size()];
    put(eg::encode_event_by_name("openat", tid, next_ts(),
        {{"fd", 5}, {"dirfd", kAtFdCwd}, {"name", path}, {"flags", 1}, {"mode", 0}}));
    put(eg::encode_event_by_name("read", tid, next_ts(),
        {{"res", 64}, {"data", eg::ParamValue::bytes("0123456789abcdef")}, {"fd", 5}, {"size", 64}}));
    put(eg::encode_event_by_name("close", tid, next_ts(), {{"res", 0}, {"fd", 5}}));
    return 3;
  }
  int io(int64_t tid) {
    put(eg::encode_event_by_name("write", tid, next_ts(),
        {{"res", 16}, {"data", eg::ParamValue::bytes("log line here..\n")}, {"fd", 1}, {"size", 16}}));
    return 1;
  }
  int stat_like(int64_t tid) {
    put(eg::encode_event_by_name("fstat", tid, next_ts(), {{"res", 0}, {"fd", 1}}));
    return 1;
  }
  int connect_cycle(int64_t tid) {
    put(eg::encode_event_by_name("socket", tid, next_ts(),
        {{"fd", 6}, {"domain", 2}, {"type", 1}, {"proto", 0}}));
    put(eg::encode_event_by_name("connect", tid, next_ts(),
        {{"res", 0}, {"tuple", eg::ParamValue::socktuple_inet("10.0.0.5", 40000, "10.0.0.9", 5432)},
         {"fd", 6}, {"addr", eg::ParamValue::sockaddr_inet("10.0.0.9", 5432)}}));
    put(eg::encode_event_by_name("close", tid, next_ts(), {{"res", 0}, {"fd", 6}}));
    return 3;
  }
  int exec(int64_t tid) {
    put(eg::encode_event_by_name("execve", tid, next_ts(),
        {{"res", 0}, {"exe", "/usr/bin/ls"}, {"args", eg::ParamValue::strings({"-l"})},
         {"tid", tid}, {"pid", tid}, {"ptid", 1}, {"cwd", "/srv/"}, {"comm", "ls"}}));
    return 1;
  }

  eg::CaptureWriter& writer_;
  std::mt19937_64 rng_{42};
  uint64_t ts_ = 1'700'000'000'000'000'000ull;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.scap [EVENTS]\n", argv[0]);
    return 2;
  }
  long long target = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
  std::string err;
  auto writer = eg::CaptureWriter::open(argv[1], {}, err);
  if (!writer) {
    std::fprintf(stderr, "%s\n", err.c_str());
    return 1;
  }
  writer->write_section(make_section());
  EventMix mix(*writer);
  long long written = 0;
  while (written < target) written += mix.write_operation();
  if (!writer->close(err)) {
    std::fprintf(stderr, "%s\n", err.c_str());
    return 1;
  }
  std::printf("%lld events written to %s\n", written, argv[1]);
  return 0;
}
