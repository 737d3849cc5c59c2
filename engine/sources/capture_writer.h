// Writes .scap capture files in the current layout (format 1.2: section
// header, machine info, interface list v2, user list v2, process list v9, fd
// list v2, event blocks v2), plain or gzip. The files read back identically
// through CaptureReader and open in `sysdig -r`.
//
//   std::string err;
//   auto w = CaptureWriter::open("out.scap", {}, err);
//   w->write_section(section);              // metadata first
//   w->write_record(record_bytes, cpu);     // then events, in time order
//   w->close(err);
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/sources/capture_section.h"
#include "fields/raw_event.h"

namespace eg {

struct CaptureWriterOptions {
  bool gzip = false;
};

class CaptureWriter {
 public:
  static std::unique_ptr<CaptureWriter> open(const std::string& path,
                                             const CaptureWriterOptions& options,
                                             std::string& error);
  // Writes into `out` (plain, uncompressed); `out` must outlive the writer.
  static std::unique_ptr<CaptureWriter> to_memory(std::vector<uint8_t>& out);
  ~CaptureWriter();

  // Section header and every metadata block of `section` (blocks with no
  // entries are left out). Call once before the events (again to start a new
  // section in the same file).
  bool write_section(const CaptureSection& section);
  // One event record in the 26-byte layout (fields/event_encoder.h).
  // `dump_flags` != 0 writes an event-with-flags block.
  bool write_record(std::span<const uint8_t> record, uint16_t cpu, uint32_t dump_flags = 0);
  // Any RawEvent view (e.g. from a reader), re-encoded in the 26-byte layout.
  bool write_event(const RawEvent& ev, uint32_t dump_flags = 0);
  // Flushes and closes; false (and `error`) if any write failed.
  bool close(std::string& error);

  const std::string& error() const { return error_; }

 private:
  CaptureWriter(void* file, std::vector<uint8_t>* memory, std::string path);
  bool write_block(uint32_t type, std::span<const uint8_t> body);
  bool write_bytes(const void* data, size_t n);

  void* file_;                    // gzFile, or nullptr when writing to memory
  std::vector<uint8_t>* memory_;
  std::string path_;
  std::string error_;
  std::vector<uint8_t> scratch_;
};

// The bodies of the metadata blocks as the writer emits them (exposed for
// tests and for writers of other containers).
std::vector<uint8_t> encode_machine_info(const MachineSnapshot& m);
std::vector<uint8_t> encode_proc_list_v9(std::span<const ThreadSnapshot> threads);
std::vector<uint8_t> encode_fd_list_v2(int64_t tid, std::span<const FdSnapshot> fds);
std::vector<uint8_t> encode_if_list_v2(std::span<const InterfaceSnapshot> interfaces);
std::vector<uint8_t> encode_user_list_v2(std::span<const UserSnapshot> users,
                                         std::span<const GroupSnapshot> groups);

}  // namespace eg
