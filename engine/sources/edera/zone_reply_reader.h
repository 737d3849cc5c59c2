// A MonitorZoneKernelEvents reply read in place: the fields the zone pump
// uses, as views into the received bytes, without building protobuf
// messages. At one reply per syscall event, parsing each reply into the view
// message (edera_guard/zone_stream_view.proto) cost about as much CPU as
// gRPC's own receiving (a string copy per param name, data and pretty text,
// per-message bookkeeping); this walks the same wire format with protobuf's
// CodedInputStream and keeps only offsets.
//
// It reads what the view message reads, with protobuf's rules: fields in any
// order, unknown fields and fields of an unexpected wire type skipped,
// scalars and bytes last-one-wins, params appended, `syscall` the last
// occurrence (as the pump took the view's last element; earlier ones are
// still checked to be well formed), `threadsnap` kept encoded. Bytes that are not a well-formed message (a truncated field, a
// bad varint, an end-group tag where none was opened) are refused whole, as
// ParseFromArray refuses them.
//
// The views point into the reply's bytes: valid while those live
// (ReplyBytes below keeps a received gRPC buffer contiguous and alive).
// SyscallEventRef has the accessors of the view message that the event
// encoder's templates use, so encode_syscall_event and ZoneEventDecoder take
// it like the protobuf types.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

namespace eg::edera {

struct EventParamRef {
  std::string_view name_, data_, pretty_;
  uint32_t type_ = 0;

  std::string_view name() const { return name_; }
  uint32_t param_type() const { return type_; }
  std::string_view param_data() const { return data_; }
  std::string_view param_pretty() const { return pretty_; }
};

class SyscallEventRef {
 public:
  std::string_view zone_id() const { return zone_id_; }
  uint64_t timestamp() const { return timestamp_; }
  uint64_t thread_id() const { return thread_id_; }
  std::string_view event_name() const { return event_name_; }
  uint32_t event_type() const { return event_type_; }
  uint32_t cpuid() const { return cpuid_; }
  int event_params_size() const { return static_cast<int>(params_.size()); }
  const EventParamRef& event_params(int i) const { return params_[static_cast<size_t>(i)]; }

 private:
  friend bool read_syscall_event(std::string_view bytes, SyscallEventRef& out);
  std::string_view zone_id_, event_name_;
  uint64_t timestamp_ = 0, thread_id_ = 0;
  uint32_t event_type_ = 0, cpuid_ = 0;
  std::vector<EventParamRef> params_;  // kept between messages: no allocation once grown
};

struct ZoneReplyRef {
  bool has_syscall = false;
  std::string_view syscall;  // the encoded event (the last occurrence)
  bool has_threadsnap = false;
  std::string_view threadsnap;  // an encoded protect.control.v1.ZoneKernelThreadSnapshotEvent
};

// The top level of a reply. False when `bytes` is not a well-formed message.
bool read_zone_reply(std::string_view bytes, ZoneReplyRef& out);

// One ZoneKernelSyscallEvent (ZoneReplyRef::syscall). False when malformed.
bool read_syscall_event(std::string_view bytes, SyscallEventRef& out);

// A received reply's bytes in one piece: the buffer's single slice itself
// (the usual case; one reference, no copy), else its slices copied into one
// new slice (a reply split across socket reads).
class ReplyBytes {
 public:
  // False when the buffer cannot be read (it is then left empty).
  bool assign(const grpc::ByteBuffer& buffer);
  std::string_view view() const {
    return {reinterpret_cast<const char*>(slice_.begin()), slice_.size()};
  }

 private:
  grpc::Slice slice_;
};

}  // namespace eg::edera
