// SharedResults (see shared_results.h).
#include "engine/compiler/shared_results.h"

#include <algorithm>

namespace eg {

uint32_t SharedResults::slot_for(const std::string& name) {
  auto [it, added] = slots_.try_emplace(name, static_cast<uint32_t>(stamps_.size()));
  if (added) {
    stamps_.push_back(0);
    values_.push_back(0);
  }
  return it->second;
}

void SharedResults::reset_stamps() {
  std::fill(stamps_.begin(), stamps_.end(), 0u);
  stamp_ = 1;
}

}  // namespace eg
