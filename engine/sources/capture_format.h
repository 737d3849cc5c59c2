// Block type codes and fixed constants of the .scap capture file (scap format
// spec sections 6 and 7), shared by the reader and the writer.
#pragma once

#include <cstdint>
#include <string_view>

namespace eg::scap {

inline constexpr uint32_t kSectionHeaderBlock = 0x0A0D0D0A;
inline constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;
inline constexpr uint16_t kMajorVersion = 1;
inline constexpr uint16_t kMinorVersion = 2;

inline constexpr uint32_t kMachineInfo = 0x201, kMachineInfoInt = 0x8002ABCD;
inline constexpr uint32_t kProcListV1 = 0x202, kProcListV1Int = 0x8000ABCD;
inline constexpr uint32_t kProcListV2 = 0x207, kProcListV2Int = 0x8013ABCD;
inline constexpr uint32_t kProcListV3 = 0x209, kProcListV3Int = 0x8014ABCD;
inline constexpr uint32_t kProcListV4 = 0x210, kProcListV5 = 0x211, kProcListV6 = 0x212;
inline constexpr uint32_t kProcListV7 = 0x213, kProcListV8 = 0x214, kProcListV9 = 0x215;
inline constexpr uint32_t kFdListV1 = 0x203, kFdListV1Int = 0x8001ABCD, kFdListV2 = 0x218;
inline constexpr uint32_t kIfListV1 = 0x205, kIfListV1Int = 0x8011ABCD, kIfListV2 = 0x219;
inline constexpr uint32_t kUserListV1 = 0x206, kUserListV1Int = 0x8012ABCD, kUserListV2 = 0x220;
inline constexpr uint32_t kEventV1 = 0x204, kEventV1Int = 0x8010ABCD, kEventV2 = 0x216;
inline constexpr uint32_t kEventV2Large = 0x221;
inline constexpr uint32_t kEventFlagsV1 = 0x208, kEventFlagsV2 = 0x217, kEventFlagsV2Large = 0x222;

inline constexpr uint32_t kDumpFlagStateOnly = 1;  // EVF flags bit 0: SCAP_DF_STATE_ONLY

// Process-list version of a block type, 0 if it is not a process list.
constexpr int proc_list_version(uint32_t type) {
  switch (type) {
    case kProcListV1: case kProcListV1Int: return 1;
    case kProcListV2: case kProcListV2Int: return 2;
    case kProcListV3: case kProcListV3Int: return 3;
    case kProcListV4: return 4;
    case kProcListV5: return 5;
    case kProcListV6: return 6;
    case kProcListV7: return 7;
    case kProcListV8: return 8;
    case kProcListV9: return 9;
    default: return 0;
  }
}

struct EventBlockLayout {
  bool is_event = false;
  bool legacy_header = false;  // 22-byte event header (no nparams)
  bool has_flags = false;      // EVF: 32-bit flags after cpuid
};

constexpr EventBlockLayout event_block_layout(uint32_t type) {
  switch (type) {
    case kEventV1: case kEventV1Int: return {true, true, false};
    case kEventFlagsV1: return {true, true, true};
    case kEventV2: case kEventV2Large: return {true, false, false};
    case kEventFlagsV2: case kEventFlagsV2Large: return {true, false, true};
    default: return {};
  }
}

// Human name of a block type for error messages ("EV v1", "PL v9", ...).
std::string_view block_type_name(uint32_t type);

}  // namespace eg::scap
