// "Replay a capture file as a zone": the daemon messages an Edera zone would
// send if it had recorded that capture. First the thread snapshot built from
// the first section's thread and fd tables, then one syscall message per event
// the capture reader yields (visible or not, in order), and a new snapshot at
// every later section. Streaming (one message at a time) so that million-event
// benchmark captures never sit in memory; capture_script() collects a small
// capture into a MonitorScript for tests.
#pragma once

#include <memory>
#include <string>

#include "engine/sources/capture_reader.h"
#include "tests/support/fake_daemon/fake_daemon.h"

namespace eg::fake {

class CaptureZoneReplay {
 public:
  // nullptr (and `error`) when the capture cannot be opened.
  static std::unique_ptr<CaptureZoneReplay> open(const std::string& path, std::string zone_id, std::string& error);

  // The next message; false at the end of the capture or on damage (error()).
  bool next(pb::MonitorZoneKernelEventReply& out);
  const std::string& error() const { return error_; }
  size_t events() const { return events_; }
  size_t snapshot_threads() const { return snapshot_threads_; }
  size_t snapshot_fds() const { return snapshot_fds_; }

 private:
  CaptureZoneReplay(std::unique_ptr<CaptureReader> reader, std::string zone_id);
  pb::MonitorZoneKernelEventReply section_snapshot();

  std::unique_ptr<CaptureReader> reader_;
  std::string zone_id_;
  bool sent_first_snapshot_ = false;
  size_t events_ = 0, snapshot_threads_ = 0, snapshot_fds_ = 0;
  std::string error_;
};

// The whole capture as a script (snapshot first). False with `error` when it
// cannot be opened or is damaged.
bool capture_script(const std::string& path, const std::string& zone_id, MonitorScript& out, std::string& error);

}  // namespace eg::fake
