// The capture reader (capture_reader.h): block framing, section header and
// metadata, event blocks in all their layouts, conversion and numbering.
// Every failure names the block's offset and type; events before a damaged
// block have already been delivered when the error is reported.
#include "engine/sources/capture_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "engine/sources/capture_format.h"
#include "engine/sources/event_visibility.h"
#include "engine/sources/metadata_blocks.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

using namespace eg::scap;

constexpr uint32_t kBlockHeader = 8, kBlockTrailer = 4;
constexpr uint32_t kMaxBlockLength = 1u << 30;  // far above any real block

template <typename T>
T load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

CaptureReader::CaptureReader(std::unique_ptr<ByteSource> source, const CaptureOptions& options)
    : source_(std::move(source)), window_(*source_), options_(options) {}

std::unique_ptr<CaptureReader> CaptureReader::open_file(const std::string& path,
                                                        const CaptureOptions& options,
                                                        std::string& error) {
  auto source = open_file_source(path, error);
  if (!source) return nullptr;
  auto reader = std::make_unique<CaptureReader>(std::move(source), options);
  if (!reader->read_metadata() && !reader->defers_error()) {
    error = path + ": " + reader->error_;
    return nullptr;
  }
  return reader;
}

std::unique_ptr<CaptureReader> CaptureReader::open_memory(std::span<const uint8_t> bytes,
                                                          const CaptureOptions& options,
                                                          std::string& error) {
  auto reader = std::make_unique<CaptureReader>(memory_source(bytes), options);
  if (!reader->read_metadata() && !reader->defers_error()) {
    error = reader->error_;
    return nullptr;
  }
  return reader;
}

// A damaged block found while looking for the end of the metadata is reported
// by next() when it is not a metadata block (an event block, or one whose type
// could not even be read): the metadata before it is sound.
bool CaptureReader::defers_error() const {
  return failed_ && !have_section_error_ &&
         (error_block_type_ == 0 || event_block_layout(error_block_type_).is_event);
}

bool CaptureReader::fail(uint64_t offset, uint32_t block_type, const std::string& why) {
  failed_ = true;
  error_offset_ = offset;
  error_block_type_ = block_type;
  error_ = fmt::format("offset {}: {} block (type 0x{:X}): {}", offset,
                       block_type_name(block_type), block_type, why);
  return false;
}

CaptureReader::BlockRead CaptureReader::read_block(Block& b) {
  b.offset = offset_;
  std::span<uint8_t> header = window_.want(kBlockHeader);
  if (header.empty() && source_->error().empty()) return BlockRead::End;
  if (header.size() < kBlockHeader) {
    fail(offset_, header.size() >= 4 ? load<uint32_t>(header.data()) : 0,
         fmt::format("truncated block header ({} of 8 bytes){}", header.size(),
                     source_->error().empty() ? "" : ": " + source_->error()));
    return BlockRead::Error;
  }
  b.type = load<uint32_t>(header.data());
  uint32_t total = load<uint32_t>(header.data() + 4);
  if (total < kBlockHeader + kBlockTrailer || total > kMaxBlockLength) {
    fail(offset_, b.type, fmt::format("invalid block length {}", total));
    return BlockRead::Error;
  }
  std::span<uint8_t> block = window_.want(total);
  if (block.size() < total) {
    fail(offset_, b.type,
         fmt::format("truncated block: length {} but only {} bytes left{}", total, block.size(),
                     source_->error().empty() ? "" : " (" + source_->error() + ")"));
    return BlockRead::Error;
  }
  uint32_t trailer = load<uint32_t>(block.data() + total - kBlockTrailer);
  if (trailer != total) {
    fail(offset_, b.type, fmt::format("block trailer {} differs from length {}", trailer, total));
    return BlockRead::Error;
  }
  b.body = block.subspan(kBlockHeader, total - kBlockHeader - kBlockTrailer);
  window_.consume(total);
  offset_ += total;
  return BlockRead::Ok;
}

bool CaptureReader::read_section_header(const Block& b) {
  if (b.type != kSectionHeaderBlock)
    return fail(b.offset, b.type, "expected a section header block");
  if (b.body.size() < 16) return fail(b.offset, b.type, "section header too short");
  uint32_t magic = load<uint32_t>(b.body.data());
  if (magic != kByteOrderMagic) {
    return fail(b.offset, b.type,
                magic == __builtin_bswap32(kByteOrderMagic)
                    ? "byte-swapped capture files are not supported"
                    : fmt::format("bad byte-order magic 0x{:08X}", magic));
  }
  uint16_t major = load<uint16_t>(b.body.data() + 4);
  uint16_t minor = load<uint16_t>(b.body.data() + 6);
  if (major > kMajorVersion)
    return fail(b.offset, b.type, fmt::format("unsupported file format {}.{}", major, minor));
  section_ = CaptureSection{};
  section_.major_version = major;
  section_.minor_version = minor;
  converter_.reset();
  return true;  // options after the fixed 16 bytes are skipped, as libscap does
}

bool CaptureReader::read_metadata() {
  Block shb;
  BlockRead r = read_block(shb);
  if (r != BlockRead::Ok || !read_section_header(shb)) {
    if (r == BlockRead::End) fail(0, 0, "empty file");
    have_section_error_ = true;
    return false;
  }
  return read_metadata_blocks();
}

bool CaptureReader::read_metadata_blocks() {
  while (true) {
    Block b;
    BlockRead r = read_block(b);
    if (r == BlockRead::End) {
      finished_ = true;
      return true;
    }
    if (r == BlockRead::Error) return false;
    if (event_block_layout(b.type).is_event || b.type == kSectionHeaderBlock) {
      pending_ = std::move(b);
      have_pending_ = true;
      return true;
    }
    if (is_metadata_block(b.type)) {
      std::string why;
      size_t pos = 0;
      if (!parse_metadata_block(b.type, b.body, section_, why, pos))
        return fail(b.offset, b.type, fmt::format("{} (at body byte {})", why, pos));
    }
    // Unknown block types are skipped whole.
  }
}

bool CaptureReader::parse_event_block(const Block& b, CaptureEvent& ev, bool& deliver) {
  deliver = false;
  EventBlockLayout layout = event_block_layout(b.type);
  size_t prefix = layout.has_flags ? 6 : 2;
  if (b.body.size() < prefix) return fail(b.offset, b.type, "event block too short");
  uint16_t cpu = load<uint16_t>(b.body.data());
  uint32_t dump_flags = layout.has_flags ? load<uint32_t>(b.body.data() + 2) : 0;
  std::span<const uint8_t> rec(b.body.data() + prefix, b.body.size() - prefix);
  size_t header = layout.legacy_header ? kLegacyEventHeaderSize : kEventHeaderSize;
  if (rec.size() < header) return fail(b.offset, b.type, "event block too short for its event");
  uint16_t type = load<uint16_t>(rec.data() + 20);
  if (!event_info(type)) return true;  // from a newer producer: skipped, not numbered

  // Parsed straight into the caller's event, which is reused from call to call
  // (no per-event initialisation or copy of the param tables); what it holds
  // after anything but Event is unspecified.
  RawEvent& raw = ev.raw;
  const char* why = nullptr;
  bool ok = layout.legacy_header ? parse_legacy_raw_event(rec, raw, &why)
                                 : parse_raw_event(rec, raw, &why);
  if (!ok) return fail(b.offset, b.type, fmt::format("event type {}: {}", type, why));
  raw.cpu = cpu;

  if (options_.convert) {
    // Nearly every event is current already: one table load, no call.
    if (!EventConverter::is_current(raw.type, raw.nparams)) {
      std::string err;
      switch (converter_.convert_in_place(raw, err)) {
        case EventConverter::Outcome::Drop:
          return true;
        case EventConverter::Outcome::Error:
          return fail(b.offset, b.type, "conversion failed: " + err);
        case EventConverter::Outcome::Deliver:
          break;
      }
    }
  } else if (const EventInfo* info = event_info(type); info && info->has(kEfUnused)) {
    return true;
  }
  ev.num = ++event_num_;
  ev.dump_flags = dump_flags;
  ev.visible = visible_to_rules(raw, dump_flags);
  ev.block_offset = b.offset;
  deliver = true;
  return true;
}

CaptureReader::Next CaptureReader::next(CaptureEvent& ev) {
  while (true) {
    if (failed_) return Next::Error;
    Block* b = &current_;
    if (have_pending_) {
      std::swap(current_, pending_);
      have_pending_ = false;
    } else {
      if (finished_) return Next::End;
      BlockRead r = read_block(current_);
      if (r == BlockRead::End) {
        finished_ = true;
        return Next::End;
      }
      if (r == BlockRead::Error) return Next::Error;
    }
    if (b->type == kSectionHeaderBlock) {
      // A new section: its own header and metadata, fresh converter state.
      if (!read_section_header(*b) || !read_metadata_blocks()) return Next::Error;
      return Next::Section;
    }
    if (!event_block_layout(b->type).is_event) continue;  // stray metadata/unknown: skipped
    bool deliver = false;
    if (!parse_event_block(*b, ev, deliver)) return Next::Error;
    if (deliver) return Next::Event;
  }
}

}  // namespace eg
