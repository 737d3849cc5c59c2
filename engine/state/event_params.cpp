// EventParams (see event_params.h).
#include "engine/state/event_params.h"

#include <cstdint>
#include <new>
#include <type_traits>

namespace eg {

static_assert(std::is_trivially_destructible_v<DecodedParam>, "EventParams slots are never destroyed");

namespace {

// The index of param `name` in events of code `ev.type`, or -1. The parsers
// ask by name (a literal at each call site) several times per event; a small
// per-thread table keyed by the name's address and the event code remembers
// the answer, and a hit is confirmed by comparing the name, so a reused
// address with other text cannot give a wrong index.
int param_index_of(const RawEvent& ev, std::string_view name) {
  struct Entry {
    const char* name = nullptr;
    uint16_t code = 0;
    int8_t index = -1;
  };
  constexpr size_t kEntries = 512;
  thread_local Entry table[kEntries];
  const EventInfo* info = event_info(ev.type);
  if (info == nullptr) return -1;
  size_t h = ((reinterpret_cast<uintptr_t>(name.data()) >> 3) ^ (ev.type * 0x9E37u)) & (kEntries - 1);
  Entry& e = table[h];
  int idx = -1;
  if (e.name == name.data() && e.code == ev.type && e.index >= 0 &&
      static_cast<size_t>(e.index) < info->params.size() && info->params[e.index].name == name) {
    idx = e.index;
  } else {
    idx = param_index(*info, name);
    if (idx >= 0) e = Entry{name.data(), ev.type, static_cast<int8_t>(idx)};
  }
  return idx >= 0 && static_cast<uint32_t>(idx) < ev.nparams ? idx : -1;
}

}  // namespace

const DecodedParam* EventParams::decoded(const RawEvent& ev, int which, std::string_view name) const {
  int i = param_index_of(ev, name);
  if (i < 0) return nullptr;
  uint64_t bit = 1ull << (which * kMaxEventParams + static_cast<uint32_t>(i));
  DecodedParam& slot = slots_[which][i].param;
  if (!(ready_ & bit)) {
    new (&slot) DecodedParam(decode_param(ev, static_cast<uint32_t>(i)));
    ready_ |= bit;
  }
  return slot.ok() ? &slot : nullptr;
}

const DecodedParam* EventParams::get(std::string_view name) const {
  if (const DecodedParam* d = decoded(ev_, 0, name)) return d;
  if (enter_ != nullptr) return decoded(*enter_, 1, name);
  return nullptr;
}

std::optional<int64_t> EventParams::i64(std::string_view name) const {
  auto d = get(name);
  if (!d) return std::nullopt;
  return d->i64;
}

std::optional<uint64_t> EventParams::u64(std::string_view name) const {
  auto d = get(name);
  if (!d) return std::nullopt;
  return d->u64;
}

std::optional<std::string_view> EventParams::str(std::string_view name) const {
  auto d = get(name);
  if (!d) return std::nullopt;
  return d->str;
}

std::vector<std::string> EventParams::strings(std::string_view name) const {
  std::vector<std::string> out;
  auto d = get(name);
  if (!d) return out;
  for (std::string_view s : decode_string_list(d->bytes)) out.emplace_back(s);
  return out;
}

std::optional<int64_t> EventParams::result() const {
  if (ev_.nparams == 0) return std::nullopt;
  DecodedParam d = decode_param(ev_, 0);
  if (!d.ok()) return std::nullopt;
  return d.i64;
}

}  // namespace eg
