// Cost of the Edera zone conversions that sit between the daemon's stream and
// the state engine: decoding a ZoneKernelSyscallEvent into a native record
// (validation + encode + parse + conversion + visibility), the same from the
// serialized reply (what a pump pays besides gRPC), building messages from
// records (the fake daemon's cost), converting a thread snapshot, and IDM
// frame decoding. Workload: the mixed shell-ish syscalls of the capture bench.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/sources/edera/idm_framing.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_message_builder.h"
#include "engine/sources/edera/zone_snapshot.h"

namespace {

using namespace eg;
namespace pb = protect::control::v1;
constexpr std::string_view kZone = "8c9d2f1e-4b3a-4c5d-9e8f-0a1b2c3d4e5f";

std::vector<uint8_t> mixed_capture(size_t n) {
  CaptureBuilder b("bench");
  for (int64_t tid = 100; tid < 110; ++tid) {
    ThreadSnapshot t;
    t.tid = t.pid = tid;
    t.ptid = 1;
    t.comm = "worker";
    t.exe = "/usr/bin/worker";
    t.cwd = "/srv/";
    b.add_thread(t);
  }
  uint64_t ts = 1'700'000'000'000'000'000ULL;
  for (size_t i = 0; i < n; ++i) {
    int64_t tid = 100 + static_cast<int64_t>(i % 10);
    ts += 1000;
    switch (i % 6) {
      case 0:
        b.add("openat", tid, ts, {{"fd", 5}, {"dirfd", -100}, {"name", "/etc/ld.so.cache"},
                                  {"flags", 4097}, {"mode", 0}});
        break;
      case 1:
        b.add("read", tid, ts, {{"res", 64}, {"data", ParamValue::bytes(std::string(64, 'a'))},
                                {"fd", 5}, {"size", 4096}});
        break;
      case 2:
        b.add("close", tid, ts, {{"res", 0}, {"fd", 5}});
        break;
      case 3:
        b.add("connect", tid, ts,
              {{"res", 0}, {"tuple", ParamValue::socktuple_inet("10.0.0.2", 40000, "10.0.0.3", 443)},
               {"fd", 6}});
        break;
      case 4:
        b.add("execve", tid, ts, {{"res", 0}, {"exe", "/bin/sh"},
                                  {"args", ParamValue::strings({"-c", "true"})}, {"tid", tid},
                                  {"pid", tid}, {"ptid", 1}, {"comm", "sh"}});
        break;
      default:
        b.add("getpid", tid, ts);
        break;
    }
  }
  return b.bytes();
}

struct Workload {
  std::vector<uint8_t> capture;
  std::vector<pb::ZoneKernelSyscallEvent> messages;
  std::vector<std::string> replies;  // serialized MonitorZoneKernelEventReply
};

const Workload& workload() {
  static Workload w = [] {
    Workload w;
    w.capture = mixed_capture(60000);
    std::string error;
    auto reader = CaptureReader::open_memory(w.capture, {}, error);
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event) {
      w.messages.push_back(edera::syscall_message(ev.raw, kZone, 0));
      w.replies.push_back(edera::syscall_reply(w.messages.back()).SerializeAsString());
    }
    return w;
  }();
  return w;
}

void BM_ZoneDecodeMessages(benchmark::State& state) {
  const Workload& w = workload();
  edera::ZoneEventDecoder decoder;
  edera::ZoneEvent ev;
  std::string error;
  for (auto _ : state)
    for (const auto& m : w.messages) benchmark::DoNotOptimize(decoder.decode(m, ev, error));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.messages.size()));
}
BENCHMARK(BM_ZoneDecodeMessages)->Unit(benchmark::kMillisecond);

void BM_ZoneParseAndDecodeReplies(benchmark::State& state) {
  const Workload& w = workload();
  edera::ZoneEventDecoder decoder;
  edera::ZoneEvent ev;
  std::string error;
  pb::MonitorZoneKernelEventReply reply;
  size_t bytes = 0;
  for (const auto& r : w.replies) bytes += r.size();
  for (auto _ : state)
    for (const auto& r : w.replies) {
      reply.ParseFromString(r);
      benchmark::DoNotOptimize(decoder.decode(reply.syscall(), ev, error));
    }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.replies.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_ZoneParseAndDecodeReplies)->Unit(benchmark::kMillisecond);

void BM_ZoneBuildMessages(benchmark::State& state) {
  const Workload& w = workload();
  uint64_t n = 0;
  for (auto _ : state) {
    std::string error;
    auto reader = CaptureReader::open_memory(w.capture, {}, error);
    CaptureEvent ev;
    while (reader->next(ev) == CaptureReader::Next::Event) {
      auto m = edera::syscall_message(ev.raw, kZone, 0);
      benchmark::DoNotOptimize(m.event_params_size());
      ++n;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_ZoneBuildMessages)->Unit(benchmark::kMillisecond);

// A zone of `n` processes with 16 fds each, serialized.
std::string snapshot_bytes(int64_t n) {
  std::vector<ThreadSnapshot> threads;
  std::vector<FdSnapshot> fds;
  for (int64_t i = 0; i < n; ++i) {
    ThreadSnapshot t;
    t.tid = t.pid = 1000 + i;
    t.ptid = 1;
    t.comm = "proc";
    t.exe = t.exepath = "/usr/bin/proc";
    t.args = {"--flag", "value", "/some/path"};
    t.env = {"HOME=/root", "PATH=/usr/bin:/bin", "LANG=C.UTF-8"};
    t.cgroups = {"cpu=/zone", "memory=/zone"};
    t.cwd = "/";
    threads.push_back(t);
    for (int64_t fd = 0; fd < 16; ++fd) {
      FdSnapshot f;
      f.tid = t.tid;
      f.fd = fd;
      f.kind = fd % 4 == 3 ? FdKind::Ipv4Socket : FdKind::File;
      if (f.kind == FdKind::File) f.name = "/var/lib/app/file" + std::to_string(fd);
      f.cip = {4, {10, 0, 0, 1}};
      f.sip = {4, {10, 0, 0, 2}};
      fds.push_back(f);
    }
  }
  return edera::snapshot_message(threads, fds, kZone, 1).SerializeAsString();
}

// Protobuf parsing of the snapshot alone (what any client pays).
void BM_ZoneParseSnapshot(benchmark::State& state) {
  std::string bytes = snapshot_bytes(state.range(0));
  for (auto _ : state) {
    pb::ZoneKernelThreadSnapshotEvent m;
    m.ParseFromString(bytes);
    benchmark::DoNotOptimize(m.thread_info_size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * state.range(0)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_ZoneParseSnapshot)->Arg(10000)->Unit(benchmark::kMillisecond);

// convert_thread_snapshot on a parsed message (our part).
void BM_ZoneConvertSnapshot(benchmark::State& state) {
  pb::ZoneKernelThreadSnapshotEvent m;
  m.ParseFromString(snapshot_bytes(state.range(0)));
  for (auto _ : state) {
    edera::ZoneSnapshot z = edera::convert_thread_snapshot(m);
    benchmark::DoNotOptimize(z.fds.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * state.range(0)));
}
BENCHMARK(BM_ZoneConvertSnapshot)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_IdmDecode(benchmark::State& state) {
  std::vector<uint8_t> stream;
  std::string error;
  for (int i = 0; i < 10000; ++i) {
    krata::idm::transport::IdmTransportPacket p;
    p.set_id(static_cast<uint64_t>(i));
    p.set_data(std::string(1024, 'x'));
    edera::encode_idm_frame(p, stream, error);
  }
  const size_t chunk = static_cast<size_t>(state.range(0));
  krata::idm::transport::IdmTransportPacket packet;
  for (auto _ : state) {
    edera::IdmFrameDecoder d;
    for (size_t at = 0; at < stream.size(); at += chunk) {
      d.feed({stream.data() + at, std::min(chunk, stream.size() - at)});
      while (d.next(packet, error) != edera::IdmFrameDecoder::Next::NeedMore) {
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * stream.size()));
}
BENCHMARK(BM_IdmDecode)->Arg(2048)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
