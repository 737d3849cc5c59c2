// Linux capability sets as thread.cap_* print them: the CAP_* names of the set
// bits, lowest first, separated by spaces ("" for an empty set).
#pragma once

#include <cstdint>
#include <string>

namespace eg {

std::string capability_names(uint64_t caps);

}  // namespace eg
