// Message -> record (zone_event_encoder.h): validation against the event
// table, then the shared record assembly of fields/event_encoder; the per-zone
// decoder chains parse, conversion and visibility as the capture reader does.
#include "engine/sources/edera/zone_event_encoder.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/sources/edera/zone_reply_reader.h"
#include "engine/sources/event_visibility.h"
#include "fields/event_encoder.h"
#include "fields/event_schema.h"
#include "edera_guard/zone_stream_view.pb.h"
#include "protect/control/v1/control.pb.h"

namespace eg::edera {
namespace {

namespace pb = protect::control::v1;

constexpr std::string_view kFailureNames[] = {
    "none", "unknown_event_code", "too_many_params", "param_too_long", "bad_param_size",
    "record_too_large",
};
static_assert(std::size(kFailureNames) == kEncodeFailureCount);

bool fail(EncodeNotes* notes, EncodeFailure f, std::string& error, std::string why) {
  if (notes) notes->failure = f;
  error = std::move(why);
  return false;
}

// Checks every param against the table entry; on success fills `params`.
// Templates over the message type: the daemon's schema type and our
// wire-compatible view (edera_guard/zone_stream_view.proto) have the same accessors.
template <typename Msg>
bool check_params(const Msg& m, const EventInfo& info,
                  std::vector<ParamBytes>& params, std::string& error, EncodeNotes* notes) {
  const size_t n = static_cast<size_t>(m.event_params_size());
  const size_t allowed = std::min<size_t>(info.params.size(), kMaxEventParams);
  if (n > allowed)
    return fail(notes, EncodeFailure::TooManyParams, error,
                fmt::format("event {} ({}): {} params, the event table allows {}", info.code,
                            info.name, n, allowed));
  const bool large = info.has(kEfLargePayload);
  uint64_t len = kEventHeaderSize + uint64_t{large ? 4u : 2u} * n;
  params.clear();
  for (size_t i = 0; i < n; ++i) {
    const std::string_view data = m.event_params(static_cast<int>(i)).param_data();
    const ParamInfo& p = info.params[i];
    if (!large && data.size() > 0xffff)
      return fail(notes, EncodeFailure::ParamTooLong, error,
                  fmt::format("event {} ({}): param {} ({}) is {} bytes, over 65535 for 2-byte "
                              "lengths", info.code, info.name, i, p.name, data.size()));
    int width = param_type_size(p.type);
    if (width > 0 && !data.empty() && data.size() != static_cast<size_t>(width))
      return fail(notes, EncodeFailure::BadParamSize, error,
                  fmt::format("event {} ({}): param {} ({}, PT_{}) is {} bytes, its type has {}",
                              info.code, info.name, i, p.name, field_type_name(p.type),
                              data.size(), width));
    len += data.size();
    if (len > kMaxZoneEventRecord)
      return fail(notes, EncodeFailure::RecordTooLarge, error,
                  fmt::format("event {} ({}): record over {} bytes", info.code, info.name,
                              kMaxZoneEventRecord));
    params.emplace_back(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  }
  return true;
}

// `pretty` contains the dotted text of the 4 bytes at `a`, in stored or reversed order.
bool shows(std::string_view pretty, const uint8_t* a, bool reversed) {
  char buf[16];
  const char* end = reversed ? fmt::format_to(buf, "{}.{}.{}.{}", a[3], a[2], a[1], a[0])
                             : fmt::format_to(buf, "{}.{}.{}.{}", a[0], a[1], a[2], a[3]);
  return pretty.find(std::string_view(buf, static_cast<size_t>(end - buf))) != std::string_view::npos;
}

// True when `pretty` shows the IPv4 address at `a` byte-reversed and not as
// stored (a palindromic address cannot tell). The common case (not reversed)
// costs one formatting.
bool shows_reversed(std::string_view pretty, const uint8_t* a) {
  if (a[0] == a[3] && a[1] == a[2]) return false;
  return shows(pretty, a, true) && !shows(pretty, a, false);
}

// IPv4 sockaddr (family, addr, port) and tuple (family, saddr, sport, daddr,
// dport) params of `m` whose pretty text disagrees with network order.
template <typename Msg>
bool address_order_suspect(const Msg& m, const EventInfo& info) {
  constexpr uint8_t kPpmAfInet = 2;
  for (int i = 0; i < m.event_params_size() && static_cast<size_t>(i) < info.params.size(); ++i) {
    const FieldType t = info.params[i].type;
    if (t != FieldType::SOCKTUPLE && t != FieldType::SOCKADDR) continue;
    const auto& p = m.event_params(i);
    const auto* d = reinterpret_cast<const uint8_t*>(p.param_data().data());
    const size_t need = t == FieldType::SOCKTUPLE ? 13 : 7;
    if (p.param_pretty().empty() || p.param_data().size() < need || d[0] != kPpmAfInet) continue;
    if (shows_reversed(p.param_pretty(), d + 1)) return true;
    if (t == FieldType::SOCKTUPLE && shows_reversed(p.param_pretty(), d + 7)) return true;
  }
  return false;
}

}  // namespace

std::string_view encode_failure_name(EncodeFailure f) {
  size_t i = static_cast<size_t>(f);
  return i < kEncodeFailureCount ? kFailureNames[i] : "invalid";
}

uint16_t event_cpu(uint32_t cpuid) { return cpuid > 0xffff ? 0xffff : static_cast<uint16_t>(cpuid); }

template <typename Msg>
bool encode_message(const Msg& m, std::vector<uint8_t>& record, std::string& error, EncodeNotes* notes) {
  if (notes) *notes = {};
  const EventInfo* info = m.event_type() <= 0xffff
                              ? event_info(static_cast<uint16_t>(m.event_type())) : nullptr;
  if (info == nullptr)
    return fail(notes, EncodeFailure::UnknownEventCode, error,
                fmt::format("unknown event code {} (event_name '{}')", m.event_type(),
                            m.event_name()));
  if (info->has(kEfUnused))
    return fail(notes, EncodeFailure::UnknownEventCode, error,
                fmt::format("event code {} is unused in the event table (event_name '{}')",
                            m.event_type(), m.event_name()));
  if (notes && m.event_name() != info->name) notes->name_mismatch = true;
  thread_local std::vector<ParamBytes> params;
  if (!check_params(m, *info, params, error, notes)) return false;
  // thread_id is the zone kernel's TID; the record's tid is the same bits, signed.
  if (!encode_event(m.timestamp(), static_cast<int64_t>(m.thread_id()), info->code, params,
                    record))
    return fail(notes, EncodeFailure::RecordTooLarge, error,
                fmt::format("event {} ({}): does not fit the record format", info->code,
                            info->name));
  return true;
}

bool encode_syscall_event(const pb::ZoneKernelSyscallEvent& m, std::vector<uint8_t>& record,
                          std::string& error, EncodeNotes* notes) {
  return encode_message(m, record, error, notes);
}

bool encode_syscall_event(const wire::ZoneKernelSyscallEventView& m, std::vector<uint8_t>& record,
                          std::string& error, EncodeNotes* notes) {
  return encode_message(m, record, error, notes);
}

bool encode_syscall_event(const SyscallEventRef& m, std::vector<uint8_t>& record, std::string& error,
                          EncodeNotes* notes) {
  return encode_message(m, record, error, notes);
}

ZoneEventDecoder::Result ZoneEventDecoder::decode(const pb::ZoneKernelSyscallEvent& m, ZoneEvent& out,
                                                  std::string& error) {
  return decode_message(m, out, error);
}

ZoneEventDecoder::Result ZoneEventDecoder::decode(const wire::ZoneKernelSyscallEventView& m, ZoneEvent& out,
                                                  std::string& error) {
  return decode_message(m, out, error);
}

ZoneEventDecoder::Result ZoneEventDecoder::decode(const SyscallEventRef& m, ZoneEvent& out, std::string& error) {
  return decode_message(m, out, error);
}

template <typename Msg>
ZoneEventDecoder::Result ZoneEventDecoder::decode_message(const Msg& m, ZoneEvent& out, std::string& error) {
  ++stats_.messages;
  EncodeNotes notes;
  if (!encode_message(m, record_, error, &notes)) {
    ++stats_.rejected;
    ++stats_.rejected_by_failure[static_cast<size_t>(notes.failure)];
    return Result::Rejected;
  }
  if (notes.name_mismatch) ++stats_.name_mismatches;
  const EventInfo* info = event_info(static_cast<uint16_t>(m.event_type()));
  if (address_order_suspect(m, *info)) ++stats_.address_order_suspects;
  RawEvent raw;
  const char* why = nullptr;
  if (!parse_raw_event(record_, raw, &why)) {
    ++stats_.rejected;
    ++stats_.unparsable;
    error = fmt::format("event {}: encoded record unreadable: {}", m.event_type(), why);
    return Result::Rejected;
  }
  if (m.cpuid() > 0xffff) ++stats_.cpu_saturated;
  raw.cpu = event_cpu(m.cpuid());
  std::string why_conv;
  switch (converter_.convert(raw, out.raw, why_conv)) {
    case EventConverter::Outcome::Drop:
      ++stats_.dropped;
      return Result::Dropped;
    case EventConverter::Outcome::Error:
      ++stats_.rejected;
      ++stats_.conversion_errors;
      error = "conversion failed: " + why_conv;
      return Result::Rejected;
    case EventConverter::Outcome::Deliver:
      break;
  }
  out.raw.cpu = raw.cpu;
  out.visible = visible_to_rules(out.raw);
  ++stats_.events;
  return Result::Event;
}

}  // namespace eg::edera
