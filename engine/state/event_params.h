// Named access to an event's parameters for the parsers. Converted captures
// carry the enter event's params in the exit; live sources may deliver them
// only on the enter event, so a lookup falls back to the paired enter event.
// Decoding is bounds-checked by fields/param_decoder.h; a missing or malformed
// param simply yields nullptr / nullopt / empty. Looked up by ParamKey, plain
// integers and strings are read straight from the event's bytes; other params
// are decoded at most once per event and kept in place (a DecodedParam is too
// big to build or copy per lookup).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fields/param_decoder.h"
#include "fields/raw_event.h"

namespace eg {

// A param name resolved once for every event code. The parsers' hottest
// lookups name their param with a static ParamKey, so finding it is one table
// load instead of a search by name.
class ParamKey {
 public:
  // Where the param sits in events of one code: its index (-1: they have
  // none) and, for a plain integer type, its wire layout.
  struct Slot {
    int8_t index = -1;
    IntegerLayout layout;
  };

  explicit ParamKey(std::string_view name);
  std::string_view name() const { return name_; }
  int index(uint16_t code) const { return slot(code).index; }
  Slot slot(uint16_t code) const { return code < slots_.size() ? slots_[code] : Slot{}; }

 private:
  std::string_view name_;
  std::vector<Slot> slots_;
};

class EventParams {
 public:
  EventParams(const RawEvent& ev, const RawEvent* enter) : ev_(ev), enter_(enter) {}
  EventParams(const EventParams&) = delete;
  EventParams& operator=(const EventParams&) = delete;

  // Decoded param `name` (exit first, then the enter event); nullptr if absent
  // or malformed. Valid as long as this object.
  const DecodedParam* get(std::string_view name) const;
  std::optional<int64_t> i64(std::string_view name) const;
  std::optional<uint64_t> u64(std::string_view name) const;
  std::optional<std::string_view> str(std::string_view name) const;
  // The same by key (same answers as by the key's name).
  const DecodedParam* get(const ParamKey& key) const;
  std::optional<int64_t> i64(const ParamKey& key) const {
    int64_t i;
    uint64_t u;
    if (plain_integer(key, i, u)) return i;
    if (absent(key)) return std::nullopt;
    return i64_slow(key);
  }
  std::optional<uint64_t> u64(const ParamKey& key) const {
    int64_t i;
    uint64_t u;
    if (plain_integer(key, i, u)) return u;
    if (absent(key)) return std::nullopt;
    return u64_slow(key);
  }
  std::optional<std::string_view> str(const ParamKey& key) const;
  std::vector<std::string> strings(const ParamKey& key) const;
  std::vector<std::string> strings(std::string_view name) const;  // CHARBUFARRAY / NUL list
  // The same list into `out`, reusing its strings' buffers (a process's args
  // and env, replaced on every execve). `only_if_any`: leave `out` as it is
  // when the list is empty or absent. Returns whether `out` was replaced.
  bool strings_into(const ParamKey& key, std::vector<std::string>& out, bool only_if_any = false) const;
  // Return value: param 0 of an exit event (res / fd); nullopt if absent.
  // Inline for a plain integer of its layout's size (every exit but a few).
  std::optional<int64_t> result() const {
    if (ev_.nparams == 0) return std::nullopt;
    static const std::vector<IntegerLayout> layouts = first_param_layouts();
    if (ev_.type < layouts.size() && layouts[ev_.type].size != 0) {
      if (ev_.param_len[0] != layouts[ev_.type].size) return std::nullopt;
      int64_t i = 0;
      uint64_t u = 0;
      load_integer(ev_.record + ev_.param_offset[0], layouts[ev_.type], i, u);
      return i;
    }
    return decoded_result();
  }

  const RawEvent& event() const { return ev_; }
  const RawEvent* enter() const { return enter_; }

 private:
  // Param `i` of `ev` (which: 0 = this event, 1 = the enter event), decoded
  // into its slot on first use; nullptr unless Ok.
  const DecodedParam* decoded_at(const RawEvent& ev, int which, int i) const;
  template <typename Name>
  const DecodedParam* find(const Name& name) const;
  template <typename T, typename ReadPlain, typename Pick>
  std::optional<T> by_key(const ParamKey& key, ReadPlain read_plain, Pick pick) const;
  // The common case of an integer read by key, inline: this event has the
  // param, not yet decoded, with exactly its layout's size. Anything else
  // (absent, empty, mis-sized, another type, asked of the enter event) takes
  // the general path, which answers the same for these.
  bool plain_integer(const ParamKey& key, int64_t& i, uint64_t& u) const {
    const ParamKey::Slot s = key.slot(ev_.type);
    if (s.index < 0 || static_cast<uint32_t>(s.index) >= ev_.nparams || s.layout.size == 0) return false;
    const auto idx = static_cast<uint32_t>(s.index);
    if ((ready_ & (1ull << idx)) || ev_.param_len[idx] != s.layout.size) return false;
    load_integer(ev_.record + ev_.param_offset[idx], s.layout, i, u);
    return true;
  }
  // The key names no param of this event and there is no enter event to ask.
  bool absent(const ParamKey& key) const { return enter_ == nullptr && key.index(ev_.type) < 0; }
  static std::vector<IntegerLayout> first_param_layouts();  // index = code
  std::optional<int64_t> decoded_result() const;
  std::optional<int64_t> i64_slow(const ParamKey& key) const;
  std::optional<uint64_t> u64_slow(const ParamKey& key) const;

  const RawEvent& ev_;
  const RawEvent* enter_;
  // Decoded params by [event (0 = this one, 1 = enter)][index]; a slot is
  // constructed when its bit in `ready_` is set (no initialisation up front).
  union Slot {
    Slot() {}
    DecodedParam param;
  };
  mutable Slot slots_[2][kMaxEventParams];
  mutable uint64_t ready_ = 0;
};

}  // namespace eg
