// The libscap event table as C++ data, generated at build time from
// fields/data/events.json, flags.json, syscalls.json and errno.json
// (fields/gen/gen_event_table.py). Nothing here is hand-maintained.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "fields/field_type.h"

namespace eg {

enum class ParamFormat : uint8_t { Na, Dec, Hex, Oct, Padded, Id, Dir, Pad10, Unused };

struct FlagName {          // one entry of a flag/enum table (flags.json)
  std::string_view name;   // "O_RDONLY"
  uint32_t value;
};

struct ParamInfo {
  std::string_view name;   // "fd", "res", ...
  FieldType type;          // PT_* of the param
  ParamFormat format;
  std::span<const FlagName> flags;  // for FLAGS*/ENUMFLAGS*/MODE params (empty otherwise)
  std::string_view info;   // "file_flags", dynamic table name, ...
  int8_t dirfd_param = -1; // PT_FSRELPATH: index of the param holding the dirfd, else -1
};

// Event flags (EF_*) and categories (EC_*), values as in events.json.
enum EventFlag : uint32_t {
  kEfCreatesFd = 1u << 0, kEfDestroysFd = 1u << 1, kEfUsesFd = 1u << 2, kEfReadsFromFd = 1u << 3,
  kEfWritesToFd = 1u << 4, kEfModifiesState = 1u << 5, kEfUnused = 1u << 6, kEfWaits = 1u << 7,
  kEfSkipParseReset = 1u << 8, kEfOldVersion = 1u << 9, kEfLargePayload = 1u << 11,
  kEfConverterManaged = 1u << 12, kEfTmpConverterManaged = 1u << 13,
};

// Source categories (the high bits of EventInfo::category); the low byte is
// the syscall-style category (EC_FILE = 2, EC_NET = 3, ..., EC_IO_READ = 32).
enum EventCategory : uint32_t {
  kEcUnknown = 0, kEcSyscall = 512, kEcTracepoint = 1024, kEcPlugin = 2048,
  kEcMetaevent = 4096, kEcIter = 8192,
};

// Codes other components refer to by meaning.
inline constexpr uint16_t kGenericEnterCode = 0;   // PPME_GENERIC_E
inline constexpr uint16_t kGenericExitCode = 1;    // PPME_GENERIC_X
inline constexpr uint16_t kPluginEventCode = 322;  // PPME_PLUGINEVENT_E
inline constexpr uint16_t kAsyncEventCode = 402;   // PPME_ASYNCEVENT_E

struct EventInfo {
  uint16_t code;
  std::string_view id;       // "PPME_SYSCALL_OPEN_X"
  std::string_view name;     // "open"
  char dir;                  // '>' enter, '<' exit
  uint32_t category;         // EC_* bits (category_value)
  std::string_view category_name;  // "EC_FILE|EC_SYSCALL"
  uint32_t flags;            // EF_* bits (flags_value)
  std::span<const ParamInfo> params;
  bool has(EventFlag f) const { return (flags & f) != 0; }
  bool is_enter() const { return dir == '>'; }
};

namespace gen {
extern const std::span<const EventInfo> kEvents;  // generated table, index = code
}

// Every event code (index = code; size = PPM_EVENT_MAX).
std::span<const EventInfo> all_events();
// nullptr when out of range. Inline: the state and reader ask it several
// times per event, and it is a bounds check and a table index.
inline const EventInfo* event_info(uint16_t code) {
  return code < gen::kEvents.size() ? &gen::kEvents[code] : nullptr;
}
// Code of the event whose id is `id` ("PPME_SYSCALL_OPEN_X"), nullopt if none.
std::optional<uint16_t> event_code_by_id(std::string_view id);
// The current (not EF_OLD_VERSION, not EF_UNUSED) code with this name and
// direction ('>' or '<'); nullopt if there is none. E.g. ("openat", '<') -> 307.
std::optional<uint16_t> current_event_code(std::string_view name, char dir);
// Index of the param called `name` in `ev`, -1 if none.
int param_index(const EventInfo& ev, std::string_view name);
// Wire size in bytes of a fixed-size param type, -1 for strings and variable types.
int param_type_size(FieldType t);

struct SyscallInfo {
  uint32_t nr;               // x86_64 syscall number
  std::string_view name;
  uint16_t ppm_sc;           // PPM_SC code
  int32_t enter_event;       // -1 when generic
  int32_t exit_event;
  bool generic;
};
std::span<const SyscallInfo> all_syscalls();
const SyscallInfo* syscall_by_ppm_sc(uint16_t ppm_sc);
const SyscallInfo* syscall_by_name(std::string_view name);
const SyscallInfo* syscall_by_nr(uint32_t nr);   // x86_64 number, nullptr if unknown

// Lower-case PPM_SC name ("getpid"); empty if out of range. Size: ppm_sc_count().
std::string_view ppm_sc_name(uint16_t ppm_sc);
uint16_t ppm_sc_count();
std::optional<uint16_t> ppm_sc_by_name(std::string_view name);

// Every event code whose name is `name` (enter and exit, old and new versions);
// for a syscall without dedicated events, the two generic codes. Empty if unknown.
// Same result as libsinsp's names_to_event_set for one name.
std::vector<uint16_t> event_codes_for_name(std::string_view name);

// Errno name for a positive errno value ("ENOENT"), empty if unknown.
std::string_view errno_name(int64_t err);

// Signal name for a signal number ("SIGKILL"), empty if unknown.
std::string_view signal_name(uint64_t sig);

// Flag/enum table by name ("file_flags"), empty span if unknown.
std::span<const FlagName> flag_table(std::string_view name);

// One entry of a PT_DYN table (flags.json dynamic_params).
struct DynParamInfo {
  uint8_t index;
  FieldType type;
  ParamFormat format;
};
// Dynamic-param table by name ("sockopt_dynamic_param"), empty span if unknown.
std::span<const DynParamInfo> dyn_param_table(std::string_view name);

}  // namespace eg
