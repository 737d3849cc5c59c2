// Declarations of the arrays that fields/gen/gen_event_table.py generates
// (build dir: fields/generated/event_table.cpp). Only the schema lookup code
// (event_schema.cpp, event_converter_table.cpp) includes this; everyone else
// uses the functions of event_schema.h / event_converter_table.h.
#pragma once

#include <span>
#include <string_view>

#include "fields/event_converter_table.h"
#include "fields/event_schema.h"

namespace eg::gen {

struct NamedFlagTable {
  std::string_view name;
  std::span<const FlagName> entries;
};
struct NamedDynTable {
  std::string_view name;
  std::span<const DynParamInfo> entries;
};
struct ErrnoName {
  int32_t value;
  std::string_view name;
};

extern const std::span<const EventInfo> kEvents;          // index = code
extern const std::span<const SyscallInfo> kSyscalls;      // x86_64 order
extern const std::span<const std::string_view> kPpmScNames;  // index = PPM_SC code
extern const std::span<const NamedFlagTable> kFlagTables;  // incl. "signals"
extern const std::span<const NamedDynTable> kDynTables;
extern const std::span<const ErrnoName> kErrnoNames;       // sorted by value
extern const std::span<const Conversion> kConversions;     // converter.json order

}  // namespace eg::gen
