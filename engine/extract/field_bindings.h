// The tables binding field names to extractor factories, one per field class
// (evt_fields.cpp, proc_fields.cpp, fd_fields.cpp, ...). make_extractor()
// merges them; tests use all_binding_tables() to check every registry field is bound.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/extract/extractor.h"

namespace eg {

// Builds the extractor for a request whose info->name is the bound name. On a
// bad argument it returns nullptr and sets `error` to Falco's message.
using ExtractorFactory = std::function<std::unique_ptr<Extractor>(const ExtractorRequest&, std::string& error)>;

struct FieldBinding {
  std::string_view name;
  ExtractorFactory make;
};

std::span<const FieldBinding> evt_field_bindings();
std::span<const FieldBinding> proc_field_bindings();
std::span<const FieldBinding> fd_field_bindings();
std::span<const FieldBinding> user_field_bindings();
std::span<const FieldBinding> container_field_bindings();

std::vector<std::span<const FieldBinding>> all_binding_tables();
const FieldBinding* find_binding(std::string_view name);

}  // namespace eg
