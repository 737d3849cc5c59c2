// Reads .scap capture files (plain or gzip), every block type and version of
// the scap format spec, and yields what Falco 0.44 would process when it
// replays the file: the metadata of each section (threads, fds, users, ...)
// and the events after libscap's conversion of old layouts, each numbered with
// Falco's evt.num. Reading streams block by block; events are zero-copy views.
//
// Typical use:
//   std::string err;
//   auto reader = CaptureReader::open_file("x.scap", {}, err);
//   seed_state(reader->section());
//   CaptureEvent ev;
//   while (true) {
//     auto r = reader->next(ev);
//     if (r == CaptureReader::Next::Event) { if (ev.visible) evaluate(ev.raw); else update_state(ev.raw); }
//     else if (r == CaptureReader::Next::Section) reseed_state(reader->section());
//     else break;  // End, or Error: reader->error() names offset, block type, cause
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/sources/byte_source.h"
#include "engine/sources/read_ahead.h"
#include "engine/sources/capture_section.h"
#include "engine/sources/event_converter.h"
#include "fields/raw_event.h"

namespace eg {

struct CaptureOptions {
  // Convert old event layouts and fold enter events into exits as modern
  // libscap does (Falco-compatible). false: deliver records as stored.
  bool convert = true;
};

struct CaptureEvent {
  RawEvent raw;             // valid until the next call to next() (unspecified unless it returned Event)
  uint64_t num = 0;         // Falco's evt.num (1-based, counts every delivered event)
  uint32_t dump_flags = 0;  // flags word of EVF blocks (0 otherwise)
  // false for events libsinsp processes for state but never shows to rules:
  // syscall enter events (kept by the converter) and SCAP_DF_STATE_ONLY events.
  bool visible = true;
  uint64_t block_offset = 0;  // offset of the event's block in the decompressed file
};

class CaptureReader {
 public:
  enum class Next { Event, Section, End, Error };

  // Opens a capture and reads its first section's metadata. nullptr (and
  // `error` set) when the file cannot be opened, does not start like a
  // capture, or its metadata is damaged. Damage in the first event block is
  // reported by next() instead.
  static std::unique_ptr<CaptureReader> open_file(const std::string& path,
                                                  const CaptureOptions& options,
                                                  std::string& error);
  // Same over bytes in memory (which must outlive the reader).
  static std::unique_ptr<CaptureReader> open_memory(std::span<const uint8_t> bytes,
                                                    const CaptureOptions& options,
                                                    std::string& error);

  // Event: `ev` is the next event. Section: a new section began (new metadata
  // in section(); state should be reset). End: no more data. Error: the file
  // is damaged from here on; error() tells where and why. After End or Error
  // next() keeps returning the same.
  Next next(CaptureEvent& ev);

  const CaptureSection& section() const { return section_; }
  const std::string& error() const { return error_; }
  uint64_t error_offset() const { return error_offset_; }
  uint64_t events_delivered() const { return event_num_; }

  explicit CaptureReader(std::unique_ptr<ByteSource> source, const CaptureOptions& options);

 private:
  struct Block {
    uint32_t type = 0;
    uint64_t offset = 0;
    // Without header and trailer; a view into window_, valid until the next
    // read_block() (the event delivered from it lives as long).
    std::span<uint8_t> body;
  };
  enum class BlockRead { Ok, End, Error };

  BlockRead read_block(Block& b);
  bool read_section_header(const Block& b);
  bool read_metadata();         // first section header + its metadata
  bool read_metadata_blocks();  // blocks up to the next event/section block (kept in pending_)
  bool parse_event_block(const Block& b, CaptureEvent& ev, bool& deliver);
  bool fail(uint64_t offset, uint32_t block_type, const std::string& why);
  bool defers_error() const;

  std::unique_ptr<ByteSource> source_;
  ReadAhead window_;
  CaptureOptions options_;
  CaptureSection section_;
  EventConverter converter_;
  Block current_, pending_;
  bool have_pending_ = false;
  uint64_t offset_ = 0;      // position in the decompressed stream
  uint64_t event_num_ = 0;
  bool finished_ = false, failed_ = false;
  std::string error_;
  uint64_t error_offset_ = 0;
  uint32_t error_block_type_ = 0;
  bool have_section_error_ = false;  // the first section header is unusable
};

}  // namespace eg
