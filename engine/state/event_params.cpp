// EventParams (see event_params.h).
#include "engine/state/event_params.h"

#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

namespace eg {

static_assert(std::is_trivially_destructible_v<DecodedParam>, "EventParams slots are never destroyed");

namespace {

// The index of param `name` in events of code `ev.type`, or -1. The parsers
// ask by name (a literal at each call site) several times per event, often
// for a param the exit lacks and the enter event has; a small per-thread table
// keyed by the name's address and the event code remembers both kinds of
// answer. An entry keeps a copy of the name it answers for, so a hit never
// depends on what the address holds now.
int param_index_of(const RawEvent& ev, std::string_view name) {
  constexpr size_t kMaxCachedName = 23;
  struct Entry {
    char name[kMaxCachedName];
    uint8_t name_len = 0;
    uint16_t code = 0;
    int8_t index = -1;
    bool used = false;
  };
  constexpr size_t kEntries = 512;
  thread_local Entry table[kEntries];
  size_t h = ((reinterpret_cast<uintptr_t>(name.data()) >> 3) ^ (ev.type * 0x9E37u)) & (kEntries - 1);
  Entry& e = table[h];
  int idx;
  if (e.used && e.code == ev.type && e.name_len == name.size() && std::memcmp(e.name, name.data(), name.size()) == 0) {
    idx = e.index;
  } else {
    const EventInfo* info = event_info(ev.type);
    if (info == nullptr) return -1;
    idx = param_index(*info, name);
    if (name.size() <= kMaxCachedName) {
      std::memcpy(e.name, name.data(), name.size());
      e.name_len = static_cast<uint8_t>(name.size());
      e.code = ev.type;
      e.index = static_cast<int8_t>(idx);
      e.used = true;
    }
  }
  return idx >= 0 && static_cast<uint32_t>(idx) < ev.nparams ? idx : -1;
}

int param_index_of(const RawEvent& ev, const ParamKey& key) {
  int idx = key.index(ev.type);
  return idx >= 0 && static_cast<uint32_t>(idx) < ev.nparams ? idx : -1;
}

bool read_i64(const ParamInfo& info, std::span<const uint8_t> b, DecodeStatus& st, int64_t& v) {
  uint64_t unused = 0;
  return read_plain_integer(info, b, st, v, unused);
}
bool read_u64(const ParamInfo& info, std::span<const uint8_t> b, DecodeStatus& st, uint64_t& v) {
  int64_t unused = 0;
  return read_plain_integer(info, b, st, unused, v);
}
int64_t pick_i64(const DecodedParam& d) { return d.i64; }
uint64_t pick_u64(const DecodedParam& d) { return d.u64; }
std::string_view pick_str(const DecodedParam& d) { return d.str; }

}  // namespace

ParamKey::ParamKey(std::string_view name) : name_(name) {
  auto events = all_events();
  slots_.assign(events.size(), Slot{});
  for (size_t code = 0; code < events.size(); ++code) {
    int i = param_index(events[code], name);
    if (i < 0) continue;
    slots_[code].index = static_cast<int8_t>(i);
    slots_[code].layout = integer_layout(events[code].params[static_cast<size_t>(i)].type);
  }
}

const DecodedParam* EventParams::decoded_at(const RawEvent& ev, int which, int i) const {
  uint64_t bit = 1ull << (which * kMaxEventParams + static_cast<uint32_t>(i));
  DecodedParam& slot = slots_[which][i].param;
  if (!(ready_ & bit)) {
    new (&slot) DecodedParam(decode_param(ev, static_cast<uint32_t>(i)));
    ready_ |= bit;
  }
  return slot.ok() ? &slot : nullptr;
}

template <typename Name>
const DecodedParam* EventParams::find(const Name& name) const {
  if (int i = param_index_of(ev_, name); i >= 0)
    if (const DecodedParam* d = decoded_at(ev_, 0, i)) return d;
  if (enter_ != nullptr)
    if (int i = param_index_of(*enter_, name); i >= 0) return decoded_at(*enter_, 1, i);
  return nullptr;
}

// Plain integer and string params are read straight from the bytes (the
// common case for the parsers); anything else, or a param already decoded,
// goes through the slots. `read` is a read_plain_* for the value wanted,
// `pick` takes that value from a DecodedParam.
template <typename T, typename Name, typename Read, typename Pick>
std::optional<T> EventParams::lookup(const Name& name, Read read, Pick pick) const {
  for (int which = 0; which < 2; ++which) {
    const RawEvent* ev = which == 0 ? &ev_ : enter_;
    if (ev == nullptr) break;
    int i = param_index_of(*ev, name);
    if (i < 0) continue;
    uint64_t bit = 1ull << (which * kMaxEventParams + static_cast<uint32_t>(i));
    if (!(ready_ & bit)) {
      const ParamInfo& info = event_info(ev->type)->params[static_cast<size_t>(i)];
      DecodeStatus status = DecodeStatus::Empty;
      T value{};
      if (read(info, ev->param(static_cast<uint32_t>(i)), status, value)) {
        if (status == DecodeStatus::Ok) return value;
        continue;
      }
    }
    if (const DecodedParam* d = decoded_at(*ev, which, i)) return pick(*d);
  }
  return std::nullopt;
}

const DecodedParam* EventParams::get(std::string_view name) const { return find(name); }
const DecodedParam* EventParams::get(const ParamKey& key) const { return find(key); }

std::optional<int64_t> EventParams::i64(std::string_view name) const {
  return lookup<int64_t>(name, read_i64, pick_i64);
}
// A plain integer by key: the key knows its layout per event code, so the
// read is a length check and a load (an empty or wrongly sized param is not
// Ok, and the enter event is asked next, as get() does).
template <typename T>
std::optional<T> EventParams::integer(const ParamKey& key) const {
  for (int which = 0; which < 2; ++which) {
    const RawEvent* ev = which == 0 ? &ev_ : enter_;
    if (ev == nullptr) break;
    const ParamKey::Slot s = key.slot(ev->type);
    if (s.index < 0 || static_cast<uint32_t>(s.index) >= ev->nparams) continue;
    const auto i = static_cast<uint32_t>(s.index);
    uint64_t bit = 1ull << (which * kMaxEventParams + i);
    if (s.layout.size != 0 && !(ready_ & bit)) {
      if (ev->param_len[i] != s.layout.size) continue;
      int64_t v = 0;
      uint64_t u = 0;
      load_integer(ev->record + ev->param_offset[i], s.layout, v, u);
      if constexpr (std::is_signed_v<T>) return v; else return u;
    }
    if (const DecodedParam* d = decoded_at(*ev, which, s.index)) {
      if constexpr (std::is_signed_v<T>) return d->i64; else return d->u64;
    }
  }
  return std::nullopt;
}

std::optional<int64_t> EventParams::i64(const ParamKey& key) const { return integer<int64_t>(key); }

std::optional<uint64_t> EventParams::u64(std::string_view name) const {
  return lookup<uint64_t>(name, read_u64, pick_u64);
}
std::optional<uint64_t> EventParams::u64(const ParamKey& key) const { return integer<uint64_t>(key); }

std::optional<std::string_view> EventParams::str(std::string_view name) const {
  return lookup<std::string_view>(name, read_plain_string, pick_str);
}
std::optional<std::string_view> EventParams::str(const ParamKey& key) const {
  return lookup<std::string_view>(key, read_plain_string, pick_str);
}

namespace {

std::vector<std::string> string_list(const DecodedParam* d) {
  std::vector<std::string> out;
  if (!d) return out;
  for (std::string_view s : decode_string_list(d->bytes)) out.emplace_back(s);
  return out;
}

}  // namespace

std::vector<std::string> EventParams::strings(std::string_view name) const { return string_list(find(name)); }
std::vector<std::string> EventParams::strings(const ParamKey& key) const { return string_list(find(key)); }

// The layout of param 0 of every event code (the return value of exits).
const std::vector<IntegerLayout>& first_param_layouts() {
  static const std::vector<IntegerLayout> layouts = [] {
    auto events = all_events();
    std::vector<IntegerLayout> out(events.size());
    for (size_t code = 0; code < events.size(); ++code)
      if (!events[code].params.empty()) out[code] = integer_layout(events[code].params[0].type);
    return out;
  }();
  return layouts;
}

std::optional<int64_t> EventParams::result() const {
  if (ev_.nparams == 0) return std::nullopt;
  const auto& layouts = first_param_layouts();
  if (ev_.type < layouts.size() && layouts[ev_.type].size != 0) {
    if (ev_.param_len[0] != layouts[ev_.type].size) return std::nullopt;
    int64_t i = 0;
    uint64_t u = 0;
    load_integer(ev_.record + ev_.param_offset[0], layouts[ev_.type], i, u);
    return i;
  }
  DecodedParam d = decode_param(ev_, 0);
  if (!d.ok()) return std::nullopt;
  return d.i64;
}

}  // namespace eg
