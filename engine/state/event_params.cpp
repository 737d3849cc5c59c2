// EventParams (see event_params.h).
#include "engine/state/event_params.h"

namespace eg {
namespace {

std::optional<DecodedParam> decode_named(const RawEvent& ev, std::string_view name) {
  int i = find_param(ev, name);
  if (i < 0) return std::nullopt;
  DecodedParam d = decode_param(ev, static_cast<uint32_t>(i));
  if (!d.ok()) return std::nullopt;
  return d;
}

}  // namespace

std::optional<DecodedParam> EventParams::get(std::string_view name) const {
  if (auto d = decode_named(ev_, name)) return d;
  if (enter_ != nullptr) return decode_named(*enter_, name);
  return std::nullopt;
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
