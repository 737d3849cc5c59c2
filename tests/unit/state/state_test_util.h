// Test helpers for the state tests: events made by name from the schema
// (engine/sources/capture_builder.h) and fed through a ZoneState, keeping the
// record bytes alive for as long as the returned context is inspected.
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <string_view>
#include <vector>

#include "engine/sources/capture_builder.h"
#include "engine/state/zone_state.h"
#include "fields/raw_event.h"

namespace eg::testing {

class StateDriver {
 public:
  explicit StateDriver(StateLimits limits = {}) : zone_("host", "host", limits) {}

  ZoneState& zone() { return zone_; }

  // Encodes `name` ("clone", "openat>", ...) and runs it through the zone.
  const EventContext& feed(std::string_view name, int64_t tid, NamedParams params = {},
                           ZoneState::ContextUse use = ZoneState::ContextUse::Rules) {
    ts_ += 1000;
    records_.push_back(encode_event_by_name(name, tid, ts_, params));
    RawEvent ev;
    const char* err = nullptr;
    bool ok = parse_raw_event(records_.back(), ev, &err);
    EXPECT_TRUE(ok) << name << ": " << (err ? err : "");
    events_.push_back(ev);
    return zone_.on_event(events_.back(), ++num_, use);
  }

  // A harmless event of `tid` that only lets deferred removals happen.
  const EventContext& tick(int64_t tid) { return feed("getuid", tid, {{"uid", 0}}); }

  uint64_t now() const { return ts_; }

 private:
  ZoneState zone_;
  std::deque<std::vector<uint8_t>> records_;
  std::deque<RawEvent> events_;
  uint64_t ts_ = 1'000'000'000;
  uint64_t num_ = 0;
};

inline ThreadSnapshot make_thread(int64_t tid, int64_t pid, int64_t ptid, std::string comm,
                                  std::string exepath, std::string cwd = "/") {
  ThreadSnapshot t;
  t.tid = tid;
  t.pid = pid;
  t.ptid = ptid;
  t.vtid = tid;
  t.vpid = pid;
  t.sid = pid;
  t.vpgid = pid;
  t.pgid = pid;
  t.comm = comm;
  t.exe = comm;
  t.exepath = std::move(exepath);
  t.cwd = std::move(cwd);
  return t;
}

inline FdSnapshot make_file_fd(int64_t tid, int64_t fd, std::string name) {
  FdSnapshot f;
  f.tid = tid;
  f.fd = fd;
  f.kind = FdKind::File;
  f.name = std::move(name);
  return f;
}

}  // namespace eg::testing
