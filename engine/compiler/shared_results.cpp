// SharedResults (see shared_results.h).
#include "engine/compiler/shared_results.h"

#include <algorithm>

namespace eg {

uint32_t SharedResults::slot_for(const std::string& name) {
  auto [it, added] = slots_.try_emplace(name, static_cast<uint32_t>(entries_.size()));
  if (added) entries_.push_back(0);
  return it->second;
}

void SharedResults::reset_entries() {
  std::fill(entries_.begin(), entries_.end(), 0u);
  tag_ = 2;
}

}  // namespace eg
