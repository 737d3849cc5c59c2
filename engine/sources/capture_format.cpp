// Names of capture block types for diagnostics (capture_format.h).
#include "engine/sources/capture_format.h"

namespace eg::scap {

std::string_view block_type_name(uint32_t type) {
  switch (type) {
    case kSectionHeaderBlock: return "section header";
    case kMachineInfo: case kMachineInfoInt: return "machine info";
    case kFdListV1: case kFdListV1Int: return "fd list v1";
    case kFdListV2: return "fd list v2";
    case kIfListV1: case kIfListV1Int: return "interface list v1";
    case kIfListV2: return "interface list v2";
    case kUserListV1: case kUserListV1Int: return "user list v1";
    case kUserListV2: return "user list v2";
    case kEventV1: case kEventV1Int: return "event v1";
    case kEventV2: return "event v2";
    case kEventV2Large: return "event v2 large";
    case kEventFlagsV1: return "event-with-flags v1";
    case kEventFlagsV2: return "event-with-flags v2";
    case kEventFlagsV2Large: return "event-with-flags v2 large";
    default: break;
  }
  static constexpr std::string_view kPl[] = {"process list v1", "process list v2",
      "process list v3", "process list v4", "process list v5", "process list v6",
      "process list v7", "process list v8", "process list v9"};
  if (int v = proc_list_version(type)) return kPl[v - 1];
  return "unknown";
}

}  // namespace eg::scap
