// Capture file -> zone monitor messages (see capture_zone_replay.h).
#include "tests/support/fake_daemon/capture_zone_replay.h"

#include "engine/sources/edera/zone_message_builder.h"

namespace eg::fake {

std::unique_ptr<CaptureZoneReplay> CaptureZoneReplay::open(const std::string& path, std::string zone_id,
                                                           std::string& error) {
  auto reader = CaptureReader::open_file(path, {}, error);
  if (!reader) return nullptr;
  return std::unique_ptr<CaptureZoneReplay>(new CaptureZoneReplay(std::move(reader), std::move(zone_id)));
}

CaptureZoneReplay::CaptureZoneReplay(std::unique_ptr<CaptureReader> reader, std::string zone_id)
    : reader_(std::move(reader)), zone_id_(std::move(zone_id)) {}

pb::MonitorZoneKernelEventReply CaptureZoneReplay::section_snapshot() {
  const CaptureSection& s = reader_->section();
  auto m = edera::snapshot_message(s.threads, s.fds, zone_id_, s.machine.boot_ts);
  snapshot_threads_ = static_cast<size_t>(m.thread_info_size());
  snapshot_fds_ = 0;
  for (const auto& [tid, t] : m.thread_info()) snapshot_fds_ += static_cast<size_t>(t.fdlist_size());
  return edera::snapshot_reply(std::move(m));
}

bool CaptureZoneReplay::next(pb::MonitorZoneKernelEventReply& out) {
  if (!sent_first_snapshot_) {
    sent_first_snapshot_ = true;
    out = section_snapshot();
    return true;
  }
  CaptureEvent ev;
  switch (reader_->next(ev)) {
    case CaptureReader::Next::Event:
      ++events_;
      out = edera::syscall_reply(edera::syscall_message(ev.raw, zone_id_, ev.raw.cpu));
      return true;
    case CaptureReader::Next::Section:
      out = section_snapshot();
      return true;
    case CaptureReader::Next::Error:
      error_ = reader_->error();
      return false;
    case CaptureReader::Next::End:
      return false;
  }
  return false;
}

bool capture_script(const std::string& path, const std::string& zone_id, MonitorScript& out, std::string& error) {
  auto replay = CaptureZoneReplay::open(path, zone_id, error);
  if (!replay) return false;
  pb::MonitorZoneKernelEventReply r;
  while (replay->next(r)) out.push_back(MonitorStep::send(std::move(r)));
  error = replay->error();
  return error.empty();
}

}  // namespace eg::fake
