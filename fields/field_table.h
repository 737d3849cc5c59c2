// Internal: the generated field table (fields/gen/gen_field_table.py writes
// the definitions). Only fields/field_registry.cpp uses these; everybody else
// goes through fields/field_registry.h.
#pragma once

#include <cstdint>
#include <span>

#include "fields/field_registry.h"

namespace eg::detail {

std::span<const FieldInfo> field_table();
// Indices into field_table() ordered by name.
std::span<const uint16_t> field_index_by_name();

}  // namespace eg::detail
