// Parsing of event records into RawEvent views (raw_event.h). Both header
// layouts (26-byte current, 22-byte legacy) share the length-array walk; every
// read is bounds-checked against the record's own `len`, which must itself fit
// in the bytes given, so a corrupt record can never make a reader step outside.
#include "fields/raw_event.h"

#include "fields/event_schema.h"

namespace eg {
namespace {

template <typename T>
T load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint32_t length_width(uint16_t type) {
  const EventInfo* info = event_info(type);
  return info && info->has(kEfLargePayload) ? 4 : 2;
}

bool fail(const char** error, const char* why) {
  if (error) *error = why;
  return false;
}

void read_header(std::span<const uint8_t> bytes, RawEvent& out) {
  out.ts = load<uint64_t>(bytes.data());
  out.tid = load<int64_t>(bytes.data() + 8);
  out.len = load<uint32_t>(bytes.data() + 16);
  out.type = load<uint16_t>(bytes.data() + 20);
  out.record = bytes.data();
}

// Fills param offsets/lengths of `out` for `nparams` params whose length array
// starts at `lengths_at` with entries `Width` bytes wide; the values must end
// exactly at out.len. The offsets only grow, so one check after the walk finds
// an overshoot as well as a check per param would (offsets computed past the
// end are never used: the parse fails).
template <uint32_t Width>
uint64_t walk_lengths(RawEvent& out, uint32_t nparams, uint32_t lengths_at, uint64_t pos) {
  const uint8_t* entry = out.record + lengths_at;
  for (uint32_t i = 0; i < nparams; ++i, entry += Width) {
    uint32_t plen = Width == 4 ? load<uint32_t>(entry) : load<uint16_t>(entry);
    out.param_offset[i] = static_cast<uint32_t>(pos);
    out.param_len[i] = plen;
    pos += plen;
  }
  return pos;
}

bool walk_params(RawEvent& out, uint32_t nparams, uint32_t lengths_at, uint32_t width,
                 const char** error) {
  if (nparams > kMaxEventParams) return fail(error, "more than 32 parameters");
  uint64_t values_at = lengths_at + uint64_t{nparams} * width;
  if (values_at > out.len) return fail(error, "parameter length array exceeds the event length");
  uint64_t pos = width == 4 ? walk_lengths<4>(out, nparams, lengths_at, values_at)
                            : walk_lengths<2>(out, nparams, lengths_at, values_at);
  if (pos > out.len) return fail(error, "parameter values exceed the event length");
  if (pos != out.len) return fail(error, "parameter lengths do not add up to the event length");
  out.nparams = nparams;
  return true;
}

// libscap's inference of nparams for a legacy record: the largest n <= the
// table's count whose lengths add up exactly to len; an undershoot is corrupt.
bool infer_legacy_nparams(const RawEvent& ev, uint32_t table_nparams, uint32_t* nparams) {
  for (int64_t n = table_nparams; n >= 0; --n) {
    uint64_t values_at = kLegacyEventHeaderSize + 2 * uint64_t(n);
    if (values_at > ev.len) continue;
    uint64_t sum = 0;
    for (int64_t i = 0; i < n; ++i)
      sum += load<uint16_t>(ev.record + kLegacyEventHeaderSize + 2 * i);
    if (values_at + sum == ev.len) {
      *nparams = static_cast<uint32_t>(n);
      return true;
    }
    if (values_at + sum < ev.len) return false;
  }
  return false;
}

}  // namespace

bool parse_raw_event(std::span<const uint8_t> bytes, RawEvent& out, const char** error) {
  if (bytes.size() < kEventHeaderSize) return fail(error, "event shorter than its 26-byte header");
  read_header(bytes, out);
  if (out.len < kEventHeaderSize) return fail(error, "event length smaller than its header");
  if (out.len > bytes.size()) return fail(error, "event length exceeds the available bytes");
  uint32_t nparams = load<uint32_t>(bytes.data() + 22);
  return walk_params(out, nparams, kEventHeaderSize, length_width(out.type), error);
}

bool parse_legacy_raw_event(std::span<const uint8_t> bytes, RawEvent& out, const char** error) {
  if (bytes.size() < kLegacyEventHeaderSize)
    return fail(error, "event shorter than its 22-byte header");
  read_header(bytes, out);
  const EventInfo* info = event_info(out.type);
  if (!info) return fail(error, "unknown event type in a legacy event block");
  // Two old meta-events were written with a len 3 bytes too large.
  if ((info->id == "PPME_NOTIFICATION_E" || info->id == "PPME_INFRASTRUCTURE_EVENT_E") &&
      out.len >= 3)
    out.len -= 3;
  if (out.len < kLegacyEventHeaderSize) return fail(error, "event length smaller than its header");
  if (out.len > bytes.size()) return fail(error, "event length exceeds the available bytes");
  uint32_t nparams = 0;
  if (!infer_legacy_nparams(out, static_cast<uint32_t>(info->params.size()), &nparams))
    return fail(error, "parameter lengths do not add up to the event length");
  return walk_params(out, nparams, kLegacyEventHeaderSize, 2, error);
}

}  // namespace eg
