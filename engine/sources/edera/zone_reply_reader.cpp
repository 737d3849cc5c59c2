// See zone_reply_reader.h. Each message is one pass over its bytes with
// protobuf's CodedInputStream: a tag, then the field's value read or skipped;
// length-delimited values are kept as views (position in the input, length),
// params are read inside a limit of the event's stream.
#include "engine/sources/edera/zone_reply_reader.h"

#include <climits>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

namespace eg::edera {
namespace {

using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;

constexpr uint32_t kVarint = WireFormatLite::WIRETYPE_VARINT;
constexpr uint32_t kLength = WireFormatLite::WIRETYPE_LENGTH_DELIMITED;

// Reads messages of `bytes`; every view it returns points into `bytes`.
class WireReader {
 public:
  // `depth`: how many more nested messages and groups protobuf's parser
  // would accept here (kTopDepth for a reply, one less per nesting level).
  WireReader(std::string_view bytes, int depth)
      : base_(bytes.data()),
        in_(reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int>(bytes.size())),
        depth_(depth) {}

  // The next field's tag; 0 at the end of the input. `ok` turns false on a
  // tag protobuf's parser refuses (a zero tag, one over 5 bytes, field
  // number 0, wire types 6 and 7, an end group with none open).
  uint32_t next_tag() {
    uint32_t tag = read_tag();
    if (tag && WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_END_GROUP) {
      ok_ = false;
      return 0;
    }
    return tag;
  }

  bool varint(uint64_t& v) { return ok_ = ok_ && in_.ReadVarint64(&v); }
  bool varint32(uint32_t& v) {
    uint64_t wide = 0;
    if (!varint(wide)) return false;
    v = static_cast<uint32_t>(wide);  // protobuf truncates a uint32 field's varint
    return true;
  }
  bool bytes(std::string_view& v) {
    uint32_t len = 0;
    if (!(ok_ = ok_ && in_.ReadVarint32(&len) && len <= INT_MAX)) return false;
    const char* at = base_ + in_.CurrentPosition();
    if (!(ok_ = in_.Skip(static_cast<int>(len)))) return false;
    v = {at, len};
    return true;
  }
  // A length-delimited message read by `parse` (a next_tag() loop) on this
  // same stream, inside a limit at its end: no stream per nested message.
  template <typename Parse>
  bool message(Parse parse) {
    uint32_t len = 0;
    if (!(ok_ = ok_ && in_.ReadVarint32(&len) && len <= static_cast<uint32_t>(in_.BytesUntilLimit()))) return false;
    if (depth_ <= 0) return ok_ = false;
    const CodedInputStream::Limit limit = in_.PushLimit(static_cast<int>(len));
    --depth_;
    const bool parsed = parse();
    ++depth_;
    in_.PopLimit(limit);
    return ok_ = ok_ && parsed;
  }

  // Skips the value of `tag` (groups with the tag rules of next_tag). The
  // common wire types inline; protobuf's SkipField only inside groups.
  bool skip(uint32_t tag) {
    std::string_view unused;
    uint64_t unused_varint = 0;
    switch (WireFormatLite::GetTagWireType(tag)) {
      case WireFormatLite::WIRETYPE_VARINT: return varint(unused_varint);
      case WireFormatLite::WIRETYPE_LENGTH_DELIMITED: return bytes(unused);
      case WireFormatLite::WIRETYPE_FIXED64: return ok_ = ok_ && in_.Skip(8);
      case WireFormatLite::WIRETYPE_FIXED32: return ok_ = ok_ && in_.Skip(4);
      case WireFormatLite::WIRETYPE_START_GROUP:
        return skip_group(static_cast<uint32_t>(WireFormatLite::GetTagFieldNumber(tag)));
      default: return ok_ = false;
    }
  }

  // Reads the field of `tag` with `read` when it has wire type `wire`, else
  // skips it (protobuf keeps such a field as an unknown one).
  template <typename Read>
  bool field(uint32_t tag, uint32_t wire, Read read) {
    if (WireFormatLite::GetTagWireType(tag) != wire) return skip(tag);
    return ok_ = ok_ && read();
  }

  bool ok() const { return ok_; }

 private:
  uint32_t read_tag() {
    if (in_.ExpectAtEnd()) return 0;  // the end of the message or of its limit
    const void* next = nullptr;
    int left = 0;
    in_.GetDirectBufferPointerInline(&next, &left);
    uint32_t tag = 0;
    if (left > 0 && *static_cast<const uint8_t*>(next) < 0x80) {
      tag = in_.ReadTag();  // a one-byte tag, the usual case
    } else {
      const int at = in_.CurrentPosition();
      tag = in_.ReadTag();
      if (in_.CurrentPosition() - at > 5) tag = 0;  // protobuf's parser takes tags of 5 bytes at most
    }
    if (tag == 0 || WireFormatLite::GetTagFieldNumber(tag) == 0 ||
        WireFormatLite::GetTagWireType(tag) > WireFormatLite::WIRETYPE_FIXED32) {
      ok_ = false;  // a zero tag, a bad or overlong varint, field 0, wire types 6 and 7
      return 0;
    }
    return tag;
  }

  // Up to and including the end group of `field`; a group costs one level
  // of depth, as in protobuf's parser.
  bool skip_group(uint32_t field) {
    if (depth_ <= 0) return ok_ = false;
    --depth_;
    bool ended = false;
    while (uint32_t tag = read_tag()) {
      const uint32_t type = WireFormatLite::GetTagWireType(tag);
      if (type == WireFormatLite::WIRETYPE_END_GROUP) {
        ended = static_cast<uint32_t>(WireFormatLite::GetTagFieldNumber(tag)) == field;
        break;
      }
      if (type == WireFormatLite::WIRETYPE_START_GROUP) {
        if (!skip_group(static_cast<uint32_t>(WireFormatLite::GetTagFieldNumber(tag)))) break;
      } else if (!(ok_ = WireFormatLite::SkipField(&in_, tag))) {
        break;
      }
    }
    ++depth_;
    return ok_ = ok_ && ended;  // not ended: the input ended inside the group, or a wrong end
  }

  const char* base_;
  CodedInputStream in_;
  int depth_;
  bool ok_ = true;
};

constexpr int kTopDepth = 100;  // protobuf's default recursion limit, for a whole reply

bool read_param(WireReader& r, EventParamRef& p) {
  p = {};
  while (uint32_t tag = r.next_tag()) {
    switch (WireFormatLite::GetTagFieldNumber(tag)) {
      case 1: r.field(tag, kLength, [&] { return r.bytes(p.name_); }); break;
      case 2: r.field(tag, kVarint, [&] { return r.varint32(p.type_); }); break;
      case 3: r.field(tag, kLength, [&] { return r.bytes(p.data_); }); break;
      case 4: r.field(tag, kLength, [&] { return r.bytes(p.pretty_); }); break;
      default: r.skip(tag); break;  // param_type_pretty and unknown fields
    }
    if (!r.ok()) return false;
  }
  return r.ok();
}

}  // namespace

bool read_zone_reply(std::string_view bytes, ZoneReplyRef& out) {
  WireReader r(bytes, kTopDepth);
  out = {};
  while (uint32_t tag = r.next_tag()) {
    switch (WireFormatLite::GetTagFieldNumber(tag)) {
      case 2:
        r.field(tag, kLength, [&] {
          // An earlier occurrence must still be a well-formed event, as
          // protobuf parses every element of the view's repeated field.
          thread_local SyscallEventRef earlier;
          if (out.has_syscall && !read_syscall_event(out.syscall, earlier)) return false;
          return out.has_syscall = r.bytes(out.syscall);
        });
        break;
      case 3: r.field(tag, kLength, [&] { return out.has_threadsnap = r.bytes(out.threadsnap); }); break;
      default: r.skip(tag); break;
    }
    if (!r.ok()) return false;
  }
  return r.ok();
}

bool read_syscall_event(std::string_view bytes, SyscallEventRef& out) {
  WireReader r(bytes, kTopDepth - 1);  // the event is a field of the reply
  out.zone_id_ = out.event_name_ = {};
  out.timestamp_ = out.thread_id_ = 0;
  out.event_type_ = out.cpuid_ = 0;
  size_t params = 0;
  while (uint32_t tag = r.next_tag()) {
    switch (WireFormatLite::GetTagFieldNumber(tag)) {
      case 1: r.field(tag, kLength, [&] { return r.bytes(out.zone_id_); }); break;
      case 2: r.field(tag, kVarint, [&] { return r.varint(out.timestamp_); }); break;
      case 3: r.field(tag, kVarint, [&] { return r.varint(out.thread_id_); }); break;
      case 5: r.field(tag, kLength, [&] { return r.bytes(out.event_name_); }); break;
      case 7:
        r.field(tag, kLength, [&] {
          if (params == out.params_.size()) out.params_.emplace_back();
          EventParamRef& p = out.params_[params++];
          return r.message([&] { return read_param(r, p); });
        });
        break;
      case 9: r.field(tag, kVarint, [&] { return r.varint32(out.event_type_); }); break;
      case 10: r.field(tag, kVarint, [&] { return r.varint32(out.cpuid_); }); break;
      default: r.skip(tag); break;  // event_length, event_category, event_flags, unknown fields
    }
    if (!r.ok()) {
      out.params_.resize(params);
      return false;
    }
  }
  out.params_.resize(params);
  return r.ok();
}

bool ReplyBytes::assign(const grpc::ByteBuffer& buffer) {
  if (buffer.TrySingleSlice(&slice_).ok() || buffer.DumpToSingleSlice(&slice_).ok()) return true;
  slice_ = grpc::Slice();
  return false;
}

}  // namespace eg::edera
