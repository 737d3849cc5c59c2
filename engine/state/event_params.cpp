// EventParams (see event_params.h).
#include "engine/state/event_params.h"

#include <new>
#include <type_traits>

namespace eg {

static_assert(std::is_trivially_destructible_v<DecodedParam>, "EventParams slots are never destroyed");

const DecodedParam* EventParams::decoded(const RawEvent& ev, int which, std::string_view name) const {
  int i = find_param(ev, name);
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
