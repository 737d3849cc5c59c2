// fake_edera_daemon: the tests' fake Edera daemon as a program, serving zones
// that replay capture files, for the zone benchmark (scripts/bench-zone.sh)
// and for trying edera-guard's zone source without an Edera host.
//
//   fake_edera_daemon --socket PATH --zone ID[:NAME]=CAPTURE.scap [--zone ...]
//                     [--repeat N] [--rate EPS]
//
// Every zone is READY (domids 1, 2, ...). Each monitor call of a zone gets the
// capture's snapshot, then its events (the events N times with --repeat),
// paced to EPS events per second with --rate, then the stream stays open.
// A feeder thread per zone streams the capture with a bounded backlog, so a
// million-event capture never sits in memory. Runs until SIGTERM or SIGINT;
// logs one line per replay on stderr once the client has read all of it
// ("replay finished"), or when the call ended first ("call ended").
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "engine/sources/edera/zone_snapshot.h"
#include "tests/support/fake_daemon/capture_zone_replay.h"
#include "tests/support/fake_daemon/fake_daemon.h"
#include "tests/support/fake_daemon/zone_fixtures.h"

namespace {

using namespace eg::fake;
using Clock = std::chrono::steady_clock;

struct ZoneArg {
  std::string id, name, capture;
};

struct Options {
  std::string socket;
  std::vector<ZoneArg> zones;
  uint64_t repeat = 1;
  double rate = 0;  // events/s, 0 = as fast as the client reads
};

constexpr size_t kBatch = 256;
constexpr size_t kMaxBacklog = 8192;

std::atomic<bool> g_stop{false};

int usage(const char* why) {
  std::fprintf(stderr,
               "fake_edera_daemon: %s\n"
               "usage: fake_edera_daemon --socket PATH --zone ID[:NAME]=CAPTURE.scap [--zone ...] "
               "[--repeat N] [--rate EPS]\n",
               why);
  return 2;
}

bool parse_zone(const std::string& arg, ZoneArg& z) {
  size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size()) return false;
  std::string id = arg.substr(0, eq);
  z.capture = arg.substr(eq + 1);
  size_t colon = id.find(':');
  if (colon != std::string::npos) {
    z.name = id.substr(colon + 1);
    id = id.substr(0, colon);
  }
  z.id = eg::edera::normalise_zone_id(id);
  return !z.id.empty();
}

bool parse(int argc, char** argv, Options& o, std::string& why) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) {
      why = "missing value after " + a;
      return false;
    }
    std::string v = argv[++i];
    if (a == "--socket") {
      o.socket = v;
    } else if (a == "--zone") {
      ZoneArg z;
      if (!parse_zone(v, z)) {
        why = "bad --zone '" + v + "' (want UUID[:NAME]=CAPTURE.scap)";
        return false;
      }
      o.zones.push_back(z);
    } else if (a == "--repeat") {
      o.repeat = std::strtoull(v.c_str(), nullptr, 10);
    } else if (a == "--rate") {
      o.rate = std::strtod(v.c_str(), nullptr);
    } else {
      why = "unknown option " + a;
      return false;
    }
  }
  if (o.socket.empty()) why = "--socket is required";
  else if (o.zones.empty()) why = "at least one --zone is required";
  else if (o.repeat == 0) why = "--repeat must be >= 1";
  return why.empty();
}

// Waits until the zone's backlog is small enough for one more batch. False
// when the daemon is stopping or the call being fed is no longer the newest.
bool wait_for_room(FakeDaemon& d, const std::string& zone, size_t call_count) {
  while (!g_stop.load()) {
    if (d.backlog(zone) + kBatch <= kMaxBacklog) return d.monitor_calls(zone).size() == call_count;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return false;
}

// Streams the capture once per repetition onto the zone's newest call.
void feed_call(FakeDaemon& d, const ZoneArg& z, const Options& o, size_t call_count) {
  auto start = Clock::now();
  uint64_t sent = 0;
  bool alive = true;
  for (uint64_t rep = 0; rep < o.repeat && alive; ++rep) {
    std::string err;
    auto replay = CaptureZoneReplay::open(z.capture, z.id, err);
    if (!replay) {
      std::fprintf(stderr, "fake_edera_daemon: %s: %s\n", z.capture.c_str(), err.c_str());
      return;
    }
    pb::MonitorZoneKernelEventReply r;
    if (rep > 0 && !replay->next(r)) break;  // the snapshot goes out once per call
    MonitorScript batch;
    auto flush = [&] {
      if (batch.empty()) return true;
      if (!wait_for_room(d, z.id, call_count)) return false;
      size_t n = batch.size();
      bool ok = d.push(z.id, std::move(batch));
      batch.clear();
      sent += n;
      if (o.rate > 0) {
        auto due = start + std::chrono::duration<double>(static_cast<double>(sent) / o.rate);
        std::this_thread::sleep_until(due);
      }
      return ok;
    };
    while (alive && replay->next(r)) {
      batch.push_back(MonitorStep::send(std::move(r)));
      if (batch.size() >= kBatch) alive = flush();
    }
    if (alive) alive = flush();
    if (!replay->error().empty())
      std::fprintf(stderr, "fake_edera_daemon: %s: %s\n", z.capture.c_str(), replay->error().c_str());
  }
  // Finished means the client has read everything: wait for the backlog.
  while (alive && !g_stop.load() && d.backlog(z.id) > 0 && d.live_monitor_calls(z.id) > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::fprintf(stderr, "fake_edera_daemon: zone %s: call %zu: %s after %llu messages in %.3f s\n", z.id.c_str(),
               call_count, alive ? "replay finished" : "call ended", static_cast<unsigned long long>(sent), secs);
}

void feeder(FakeDaemon& d, const ZoneArg& z, const Options& o) {
  size_t handled = 0;
  while (!g_stop.load()) {
    size_t calls = d.monitor_calls(z.id).size();
    if (calls > handled && d.live_monitor_calls(z.id) > 0) {
      handled = calls;
      feed_call(d, z, o, calls);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::string why;
  if (!parse(argc, argv, o, why)) return usage(why.c_str());

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // threads inherit; main waits below

  FakeDaemon daemon(o.socket);
  std::vector<pb::Zone> zones;
  for (size_t i = 0; i < o.zones.size(); ++i)
    zones.push_back(ready_zone(o.zones[i].id, static_cast<uint32_t>(i + 1), o.zones[i].name));
  daemon.set_zones(zones);
  std::string err;
  if (!daemon.start(&err)) {
    std::fprintf(stderr, "fake_edera_daemon: %s\n", err.c_str());
    return 1;
  }
  std::fprintf(stderr, "fake_edera_daemon: serving %zu zone(s) on %s\n", o.zones.size(), o.socket.c_str());

  std::vector<std::thread> feeders;
  for (const auto& z : o.zones) feeders.emplace_back([&, z] { feeder(daemon, z, o); });
  int sig = 0;
  sigwait(&set, &sig);
  g_stop = true;
  for (auto& t : feeders) t.join();
  daemon.shutdown();
  std::fprintf(stderr, "fake_edera_daemon: stopped\n");
  return 0;
}
