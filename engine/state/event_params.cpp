// EventParams (see event_params.h).
#include "engine/state/event_params.h"

#include <cstdint>
#include <new>
#include <type_traits>
#include <vector>

namespace eg {

static_assert(std::is_trivially_destructible_v<DecodedParam>, "EventParams slots are never destroyed");

namespace {

// The index of param `name` (or `key`) in `ev`, -1 if it has none. By name
// is find_param's search (names serve tests and rare lookups; the parsers use
// keys, resolved once per event code).
int param_index_of(const RawEvent& ev, std::string_view name) { return find_param(ev, name); }

int param_index_of(const RawEvent& ev, const ParamKey& key) {
  int idx = key.index(ev.type);
  return idx >= 0 && static_cast<uint32_t>(idx) < ev.nparams ? idx : -1;
}

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

const DecodedParam* EventParams::get(std::string_view name) const { return find(name); }
const DecodedParam* EventParams::get(const ParamKey& key) const { return find(key); }

// By name: through the decoded slots (the parsers use keys; names serve
// tests and rare lookups).
std::optional<int64_t> EventParams::i64(std::string_view name) const {
  const DecodedParam* d = find(name);
  return d ? std::optional<int64_t>(d->i64) : std::nullopt;
}
std::optional<uint64_t> EventParams::u64(std::string_view name) const {
  const DecodedParam* d = find(name);
  return d ? std::optional<uint64_t>(d->u64) : std::nullopt;
}
std::optional<std::string_view> EventParams::str(std::string_view name) const {
  const DecodedParam* d = find(name);
  return d ? std::optional<std::string_view>(d->str) : std::nullopt;
}

// By key, plain integers and strings are read straight from the bytes: the
// key knows each param's index and integer layout per event code. A param
// that is empty or malformed is not Ok, and the enter event is asked next,
// as get() does; any other type, or a param already decoded, goes through
// the slots. `read_plain(ev, i, slot, value)` returns false for "not plain".
template <typename T, typename ReadPlain, typename Pick>
std::optional<T> EventParams::by_key(const ParamKey& key, ReadPlain read_plain, Pick pick) const {
  for (int which = 0; which < 2; ++which) {
    const RawEvent* ev = which == 0 ? &ev_ : enter_;
    if (ev == nullptr) break;
    const ParamKey::Slot s = key.slot(ev->type);
    if (s.index < 0 || static_cast<uint32_t>(s.index) >= ev->nparams) continue;
    const auto i = static_cast<uint32_t>(s.index);
    if (!(ready_ & (1ull << (which * kMaxEventParams + i)))) {
      DecodeStatus status = DecodeStatus::Empty;
      T value{};
      if (read_plain(*ev, i, s, status, value)) {
        if (status == DecodeStatus::Ok) return value;
        continue;
      }
    }
    if (const DecodedParam* d = decoded_at(*ev, which, s.index)) return pick(*d);
  }
  return std::nullopt;
}

namespace {

template <typename T>
bool read_integer(const RawEvent& ev, uint32_t i, const ParamKey::Slot& s, DecodeStatus& status, T& value) {
  if (s.layout.size == 0) return false;
  if (ev.param_len[i] != s.layout.size) {
    status = ev.param_len[i] == 0 ? DecodeStatus::Empty : DecodeStatus::Malformed;
    return true;
  }
  int64_t v = 0;
  uint64_t u = 0;
  load_integer(ev.record + ev.param_offset[i], s.layout, v, u);
  if constexpr (std::is_signed_v<T>) value = v; else value = u;
  status = DecodeStatus::Ok;
  return true;
}

bool read_string(const RawEvent& ev, uint32_t i, const ParamKey::Slot&, DecodeStatus& status,
                 std::string_view& value) {
  return read_plain_string(event_info(ev.type)->params[i], ev.param(i), status, value);
}

}  // namespace

std::optional<int64_t> EventParams::i64_slow(const ParamKey& key) const {
  return by_key<int64_t>(key, read_integer<int64_t>, [](const DecodedParam& d) { return d.i64; });
}
std::optional<uint64_t> EventParams::u64_slow(const ParamKey& key) const {
  return by_key<uint64_t>(key, read_integer<uint64_t>, [](const DecodedParam& d) { return d.u64; });
}
std::optional<std::string_view> EventParams::str(const ParamKey& key) const {
  return by_key<std::string_view>(key, read_string, [](const DecodedParam& d) { return d.str; });
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

bool EventParams::strings_into(const ParamKey& key, std::vector<std::string>& out, bool only_if_any) const {
  const DecodedParam* d = find(key);
  std::vector<std::string_view> items;
  if (d) items = decode_string_list(d->bytes);
  if (only_if_any && items.empty()) return false;
  if (out.size() > items.size()) out.resize(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (i < out.size()) out[i].assign(items[i]);
    else out.emplace_back(items[i]);
  }
  return true;
}
std::vector<std::string> EventParams::strings(const ParamKey& key) const { return string_list(find(key)); }

// The layout of param 0 of every event code (the return value of exits).
std::vector<IntegerLayout> EventParams::first_param_layouts() {
  auto events = all_events();
  std::vector<IntegerLayout> out(events.size());
  for (size_t code = 0; code < events.size(); ++code)
    if (!events[code].params.empty()) out[code] = integer_layout(events[code].params[0].type);
  return out;
}

std::optional<int64_t> EventParams::decoded_result() const {
  DecodedParam d = decode_param(ev_, 0);
  if (!d.ok()) return std::nullopt;
  return d.i64;
}

}  // namespace eg
