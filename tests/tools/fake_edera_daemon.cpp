// fake_edera_daemon: the tests' fake Edera daemon as a program, serving zones
// that replay capture files, for the zone benchmark (scripts/bench-zone.sh)
// and for trying edera-guard's zone source without an Edera host.
//
//   fake_edera_daemon --socket PATH --zone ID[:NAME]=CAPTURE.scap [--zone ...]
//                     [--repeat N] [--rate EPS] [--preload]
//
// Every zone is READY (domids 1, 2, ...). Each monitor call of a zone gets the
// capture's snapshot, then its events (the events N times with --repeat),
// paced to EPS events per second with --rate, then the stream stays open.
// A feeder thread per zone streams the capture with a bounded backlog, so a
// million-event capture never sits in memory — unless --preload: then every
// capture is read and encoded once before the socket opens, and each call
// streams those bytes (the benchmark's choice: the fake then costs little
// more than gRPC's own sending; that sending still cannot outrun a reader
// that does nothing, see zone_stream_h2_sender for one that can). Runs until
// SIGTERM or SIGINT;
// logs one line per replay on stderr when it starts ("streaming"), and one
// once the client has read all of it ("replay finished"), or when the call
// ended first ("call ended").
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
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
  bool preload = false;
};

// A capture's replies encoded once (--preload): one arena of serialized
// MonitorZoneKernelEventReply messages, sent as static slices of it.
struct EncodedCapture {
  std::string arena;
  std::vector<std::pair<size_t, size_t>> spans;  // offset, length of each reply; the snapshot first

  grpc::ByteBuffer reply(size_t i) const {
    grpc::Slice slice(arena.data() + spans[i].first, spans[i].second, grpc::Slice::STATIC_SLICE);
    return grpc::ByteBuffer(&slice, 1);
  }
};

constexpr size_t kBatch = 256;
constexpr size_t kMaxBacklog = 8192;

std::atomic<bool> g_stop{false};

int usage(const char* why) {
  std::fprintf(stderr,
               "fake_edera_daemon: %s\n"
               "usage: fake_edera_daemon --socket PATH --zone ID[:NAME]=CAPTURE.scap [--zone ...] "
               "[--repeat N] [--rate EPS] [--preload]\n",
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
    if (a == "--preload") {
      o.preload = true;
      continue;
    }
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

// Encodes the whole capture (--preload). False with a message on damage.
bool encode_capture(const ZoneArg& z, EncodedCapture& out) {
  std::string err;
  auto replay = CaptureZoneReplay::open(z.capture, z.id, err);
  if (!replay) {
    std::fprintf(stderr, "fake_edera_daemon: %s: %s\n", z.capture.c_str(), err.c_str());
    return false;
  }
  pb::MonitorZoneKernelEventReply r;
  while (replay->next(r)) {
    size_t at = out.arena.size();
    r.AppendToString(&out.arena);
    out.spans.emplace_back(at, out.arena.size() - at);
  }
  if (!replay->error().empty()) {
    std::fprintf(stderr, "fake_edera_daemon: %s: %s\n", z.capture.c_str(), replay->error().c_str());
    return false;
  }
  return true;
}

// Streams the capture once per repetition onto the zone's newest call, from
// `encoded` when preloaded, else reading and encoding it as it goes.
void feed_call(FakeDaemon& d, const ZoneArg& z, const Options& o, size_t call_count, const EncodedCapture* encoded) {
  std::fprintf(stderr, "fake_edera_daemon: zone %s: call %zu: streaming\n", z.id.c_str(), call_count);
  auto start = Clock::now();
  uint64_t sent = 0;
  bool alive = true;
  for (uint64_t rep = 0; rep < o.repeat && alive; ++rep) {
    std::unique_ptr<CaptureZoneReplay> replay;
    size_t index = 0;
    if (!encoded) {
      std::string err;
      replay = CaptureZoneReplay::open(z.capture, z.id, err);
      if (!replay) {
        std::fprintf(stderr, "fake_edera_daemon: %s: %s\n", z.capture.c_str(), err.c_str());
        return;
      }
    }
    pb::MonitorZoneKernelEventReply r;
    auto next = [&](MonitorStep& step) {
      if (encoded) {
        if (index >= encoded->spans.size()) return false;
        step = MonitorStep::send_encoded(encoded->reply(index++));
        return true;
      }
      if (!replay->next(r)) return false;
      step = MonitorStep::send(std::move(r));
      return true;
    };
    MonitorStep step;
    if (rep > 0 && !next(step)) break;  // the snapshot goes out once per call
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
    while (alive && next(step)) {
      batch.push_back(std::move(step));
      if (batch.size() >= kBatch) alive = flush();
    }
    if (alive) alive = flush();
    if (replay && !replay->error().empty())
      std::fprintf(stderr, "fake_edera_daemon: %s: %s\n", z.capture.c_str(), replay->error().c_str());
  }
  // Finished means the client has read everything: wait for the backlog.
  while (alive && !g_stop.load() && d.backlog(z.id) > 0 && d.live_monitor_calls(z.id) > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::fprintf(stderr, "fake_edera_daemon: zone %s: call %zu: %s after %llu messages in %.3f s\n", z.id.c_str(),
               call_count, alive ? "replay finished" : "call ended", static_cast<unsigned long long>(sent), secs);
}

void feeder(FakeDaemon& d, const ZoneArg& z, const Options& o, const EncodedCapture* encoded) {
  size_t handled = 0;
  while (!g_stop.load()) {
    size_t calls = d.monitor_calls(z.id).size();
    if (calls > handled && d.live_monitor_calls(z.id) > 0) {
      handled = calls;
      feed_call(d, z, o, calls, encoded);
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

  // --preload: each zone's capture encoded once (per zone: the messages carry the zone id).
  std::map<std::string, EncodedCapture> encoded;  // by zone id
  if (o.preload) {
    auto t0 = Clock::now();
    for (const auto& z : o.zones)
      if (!encoded.count(z.id) && !encode_capture(z, encoded[z.id])) return 1;
    size_t bytes = 0, messages = 0;
    for (const auto& [path, e] : encoded) {
      bytes += e.arena.size();
      messages += e.spans.size();
    }
    std::fprintf(stderr, "fake_edera_daemon: preloaded %zu messages (%zu MiB) in %.3f s\n", messages, bytes >> 20,
                 std::chrono::duration<double>(Clock::now() - t0).count());
  }

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
  for (const auto& z : o.zones) {
    const EncodedCapture* e = o.preload ? &encoded.at(z.id) : nullptr;
    feeders.emplace_back([&, z, e] { feeder(daemon, z, o, e); });
  }
  int sig = 0;
  sigwait(&set, &sig);
  g_stop = true;
  for (auto& t : feeders) t.join();
  daemon.shutdown();
  std::fprintf(stderr, "fake_edera_daemon: stopped\n");
  return 0;
}
