// Reading fixed-size event parameters as numbers, by the width their type has
// on the wire. Extractors use this for the few params they interpret
// themselves (res, flags, mode, dirfd); text rendering of params belongs to
// the event decoder.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>

#include "fields/event_schema.h"
#include "fields/raw_event.h"

namespace eg {

inline std::optional<uint64_t> read_param_unsigned(const RawEvent& ev, uint32_t i, FieldType t) {
  auto bytes = ev.param(i);
  int size = param_type_size(t);
  if (size <= 0 || size > 8 || bytes.size() < static_cast<size_t>(size)) return std::nullopt;
  uint64_t v = 0;
  std::memcpy(&v, bytes.data(), static_cast<size_t>(size));
  return v;
}

inline std::optional<int64_t> read_param_signed(const RawEvent& ev, uint32_t i, FieldType t) {
  auto u = read_param_unsigned(ev, i, t);
  if (!u) return std::nullopt;
  switch (param_type_size(t)) {
    case 1: return static_cast<int8_t>(*u);
    case 2: return static_cast<int16_t>(*u);
    case 4: return static_cast<int32_t>(*u);
    default: return static_cast<int64_t>(*u);
  }
}

// Param i of `ev` described by `info` (nullptr when out of the schema).
inline const ParamInfo* param_info(const EventInfo* info, uint32_t i) {
  if (info == nullptr || i >= info->params.size()) return nullptr;
  return &info->params[i];
}

// Index of the first param named `name`, -1 if none.
inline int param_index_of(const EventInfo* info, std::string_view name) {
  if (info == nullptr) return -1;
  for (size_t i = 0; i < info->params.size(); ++i) {
    if (info->params[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// Param `name` as a string view (without the terminating NUL), nullopt if absent.
inline std::optional<std::string_view> read_param_string(const RawEvent& ev, const EventInfo* info,
                                                         std::string_view name) {
  int idx = param_index_of(info, name);
  if (idx < 0) return std::nullopt;
  auto bytes = ev.param(static_cast<uint32_t>(idx));
  if (bytes.empty()) return std::nullopt;
  std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (auto nul = s.find('\0'); nul != std::string_view::npos) s = s.substr(0, nul);
  return s;
}

}  // namespace eg
