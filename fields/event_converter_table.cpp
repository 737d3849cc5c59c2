// Lookup of converter.json entries (event_converter_table.h). The table is
// small (~250 rows) and keyed by (code, nparams); a sorted index is built once.
#include "fields/event_converter_table.h"

#include <algorithm>
#include <vector>

#include "fields/event_table_data.h"

namespace eg {
namespace {

uint32_t key_of(uint16_t code, uint32_t nparams) { return (uint32_t{code} << 8) | nparams; }

const std::vector<std::pair<uint32_t, const Conversion*>>& index() {
  static const auto idx = [] {
    std::vector<std::pair<uint32_t, const Conversion*>> v;
    for (const Conversion& c : gen::kConversions) v.emplace_back(key_of(c.code, c.nparams), &c);
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return v;
  }();
  return idx;
}

}  // namespace

const Conversion* find_conversion(uint16_t code, uint32_t nparams) {
  if (nparams > 255) return nullptr;
  const auto& idx = index();
  auto it = std::lower_bound(idx.begin(), idx.end(), key_of(code, nparams),
                             [](const auto& e, uint32_t k) { return e.first < k; });
  return it != idx.end() && it->first == key_of(code, nparams) ? it->second : nullptr;
}

}  // namespace eg
