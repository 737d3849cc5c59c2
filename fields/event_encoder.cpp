// Record assembly (event_encoder.h): header, length array, values.
#include "fields/event_encoder.h"

#include <cstring>

#include "fields/event_schema.h"
#include "fields/raw_event.h"

namespace eg {
namespace {

template <typename T>
void store(uint8_t* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

constexpr uint8_t kZeros[16] = {};
constexpr uint8_t kOnes[4] = {0xff, 0xff, 0xff, 0xff};

}  // namespace

bool encode_event(uint64_t ts, int64_t tid, uint16_t type, std::span<const ParamBytes> params,
                  std::vector<uint8_t>& out) {
  if (params.size() > kMaxEventParams) return false;
  const EventInfo* info = event_info(type);
  const uint32_t width = info && info->has(kEfLargePayload) ? 4 : 2;
  uint64_t len = kEventHeaderSize + uint64_t{width} * params.size();
  for (ParamBytes p : params) {
    if (width == 2 && p.size() > 0xffff) return false;
    len += p.size();
  }
  if (len > 0xffffffffu) return false;
  out.resize(len);
  uint8_t* b = out.data();
  store<uint64_t>(b, ts);
  store<int64_t>(b + 8, tid);
  store<uint32_t>(b + 16, static_cast<uint32_t>(len));
  store<uint16_t>(b + 20, type);
  store<uint32_t>(b + 22, static_cast<uint32_t>(params.size()));
  uint8_t* lengths = b + kEventHeaderSize;
  uint8_t* values = lengths + width * params.size();
  for (ParamBytes p : params) {
    if (width == 4)
      store<uint32_t>(lengths, static_cast<uint32_t>(p.size()));
    else
      store<uint16_t>(lengths, static_cast<uint16_t>(p.size()));
    lengths += width;
    if (!p.empty()) std::memcpy(values, p.data(), p.size());
    values += p.size();
  }
  return true;
}

ParamBytes default_param_bytes(FieldType type) {
  if (type == FieldType::UID || type == FieldType::GID) return ParamBytes(kOnes, 4);
  int size = param_type_size(type);
  if (size <= 0) return {};
  return ParamBytes(kZeros, static_cast<size_t>(size));
}

}  // namespace eg
