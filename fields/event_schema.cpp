// Lookups over the generated event table (event_schema.h). The arrays are
// constant data; the few name-keyed lookups build a hash index once, on first
// use, so that rule compilation and capture writing do not scan the table.
#include "fields/event_schema.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "fields/event_table_data.h"

namespace eg {
namespace {

template <typename T, typename Key>
const T* find_by(std::span<const T> items, Key T::*member, Key key) {
  for (const T& item : items)
    if (item.*member == key) return &item;
  return nullptr;
}

// name -> codes as libsinsp's names_to_event_set computes them for one name:
// every code >= 2 carrying the name; else, when the name is a PPM_SC name,
// the two generic codes.
const std::unordered_map<std::string_view, std::vector<uint16_t>>& codes_by_name() {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::vector<uint16_t>> m;
    for (const EventInfo& ev : gen::kEvents)
      if (ev.code >= 2) m[ev.name].push_back(ev.code);
    for (std::string_view sc : gen::kPpmScNames)
      if (!m.contains(sc)) m[sc] = {kGenericEnterCode, kGenericExitCode};
    return m;
  }();
  return index;
}

}  // namespace

std::span<const EventInfo> all_events() { return gen::kEvents; }

std::optional<uint16_t> event_code_by_id(std::string_view id) {
  const EventInfo* ev = find_by(gen::kEvents, &EventInfo::id, id);
  if (!ev) return std::nullopt;
  return ev->code;
}

std::optional<uint16_t> current_event_code(std::string_view name, char dir) {
  std::optional<uint16_t> best;
  for (const EventInfo& ev : gen::kEvents) {
    if (ev.name != name || ev.dir != dir || ev.has(kEfOldVersion) || ev.has(kEfUnused)) continue;
    best = ev.code;  // keep the highest code: the newest layout
  }
  return best;
}

int param_index(const EventInfo& ev, std::string_view name) {
  for (size_t i = 0; i < ev.params.size(); ++i)
    if (ev.params[i].name == name) return static_cast<int>(i);
  return -1;
}

int param_type_size(FieldType t) {
  switch (t) {
    case FieldType::INT8: case FieldType::UINT8: case FieldType::SIGTYPE:
    case FieldType::L4PROTO: case FieldType::SOCKFAMILY: case FieldType::FLAGS8:
    case FieldType::ENUMFLAGS8:
      return 1;
    case FieldType::INT16: case FieldType::UINT16: case FieldType::SYSCALLID:
    case FieldType::PORT: case FieldType::FLAGS16: case FieldType::ENUMFLAGS16:
      return 2;
    case FieldType::INT32: case FieldType::UINT32: case FieldType::BOOL:
    case FieldType::IPV4ADDR: case FieldType::FLAGS32: case FieldType::UID:
    case FieldType::GID: case FieldType::SIGSET: case FieldType::MODE:
    case FieldType::ENUMFLAGS32: case FieldType::FD32: case FieldType::PID32:
      return 4;
    case FieldType::INT64: case FieldType::UINT64: case FieldType::ERRNO:
    case FieldType::FD: case FieldType::PID: case FieldType::RELTIME:
    case FieldType::ABSTIME: case FieldType::DOUBLE:
      return 8;
    case FieldType::IPV6ADDR:
      return 16;
    default:
      return -1;
  }
}

std::span<const SyscallInfo> all_syscalls() { return gen::kSyscalls; }

const SyscallInfo* syscall_by_ppm_sc(uint16_t ppm_sc) {
  return find_by(gen::kSyscalls, &SyscallInfo::ppm_sc, ppm_sc);
}

const SyscallInfo* syscall_by_name(std::string_view name) {
  return find_by(gen::kSyscalls, &SyscallInfo::name, name);
}

const SyscallInfo* syscall_by_nr(uint32_t nr) {
  return find_by(gen::kSyscalls, &SyscallInfo::nr, nr);
}

std::string_view ppm_sc_name(uint16_t ppm_sc) {
  return ppm_sc < gen::kPpmScNames.size() ? gen::kPpmScNames[ppm_sc] : std::string_view{};
}

uint16_t ppm_sc_count() { return static_cast<uint16_t>(gen::kPpmScNames.size()); }

std::optional<uint16_t> ppm_sc_by_name(std::string_view name) {
  auto it = std::find(gen::kPpmScNames.begin(), gen::kPpmScNames.end(), name);
  if (it == gen::kPpmScNames.end()) return std::nullopt;
  return static_cast<uint16_t>(it - gen::kPpmScNames.begin());
}

std::vector<uint16_t> event_codes_for_name(std::string_view name) {
  const auto& index = codes_by_name();
  auto it = index.find(name);
  return it == index.end() ? std::vector<uint16_t>{} : it->second;
}

std::string_view errno_name(int64_t err) {
  auto it = std::lower_bound(gen::kErrnoNames.begin(), gen::kErrnoNames.end(), err,
                             [](const gen::ErrnoName& e, int64_t v) { return e.value < v; });
  return it != gen::kErrnoNames.end() && it->value == err ? it->name : std::string_view{};
}

std::string_view signal_name(uint64_t sig) {
  for (const FlagName& f : flag_table("signals"))
    if (f.value == sig) return f.name;
  return {};
}

std::span<const FlagName> flag_table(std::string_view name) {
  const gen::NamedFlagTable* t = find_by(gen::kFlagTables, &gen::NamedFlagTable::name, name);
  return t ? t->entries : std::span<const FlagName>{};
}

std::span<const DynParamInfo> dyn_param_table(std::string_view name) {
  const gen::NamedDynTable* t = find_by(gen::kDynTables, &gen::NamedDynTable::name, name);
  return t ? t->entries : std::span<const DynParamInfo>{};
}

}  // namespace eg
