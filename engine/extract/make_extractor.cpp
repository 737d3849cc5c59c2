// make_extractor(): binds a registry entry to the code producing its values.
// Each field class registers a table (name -> factory) in its own file; this
// file only merges the tables and dispatches, so adding a field never touches it.
#include "engine/extract/field_bindings.h"

#include <string>
#include <unordered_map>

namespace eg {
namespace {

using BindingMap = std::unordered_map<std::string_view, const FieldBinding*>;

const BindingMap& binding_map() {
  static const BindingMap map = [] {
    BindingMap m;
    for (auto table : all_binding_tables()) {
      for (const auto& b : table) m.emplace(b.name, &b);
    }
    return m;
  }();
  return map;
}

}  // namespace

const FieldBinding* find_binding(std::string_view name) {
  auto it = binding_map().find(name);
  return it == binding_map().end() ? nullptr : it->second;
}

std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req, std::string* error) {
  std::string scratch;
  std::string& err = error ? *error : scratch;
  if (req.info == nullptr) {
    err = "filter error: no field";
    return nullptr;
  }
  const FieldBinding* binding = find_binding(req.info->name);
  if (binding == nullptr) {
    err = "filter error: field '" + std::string(req.info->name) + "' has no extractor";
    return nullptr;
  }
  return binding->make(req, err);
}

}  // namespace eg
