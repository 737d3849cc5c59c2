// Key decoding with Falco's messages (see yaml_decode.h).
#include "engine/loader/yaml_decode.h"

#include <cstdint>

namespace eg {

void fail_yaml(const std::string& message, const LoadContext& ctx) {
  throw LoadFailure{LoadErrorCode::YamlValidate, message, ctx};
}

namespace {

template <typename T>
bool decode_generic(const YAML::Node& item, const char* key, T& out, const LoadContext& ctx,
                    bool optional) {
  const YAML::Node val = item[key];
  if (!val.IsDefined() && optional) return false;
  if (!val.IsDefined()) fail_yaml(std::string("Item has no mapping for key '") + key + "'", ctx);
  if (val.IsNull()) fail_yaml(std::string("Mapping for key '") + key + "' is empty", ctx);
  // The value's context is only needed for a report: built on failure.
  auto fail_value = [&](const char* message) { fail_yaml(message, child_context(ctx, val, "value for", key)); };
  if (!val.IsScalar()) fail_value("Value is not a scalar value");
  if (val.Scalar().empty()) fail_value("Value must be non-empty");
  if (!YAML::convert<T>::decode(val, out)) fail_value("Can't decode YAML scalar value");
  return true;
}

}  // namespace

template <typename T>
void decode_value(const YAML::Node& item, const char* key, T& out, const LoadContext& ctx) {
  decode_generic(item, key, out, ctx, false);
}

template <typename T>
bool decode_optional(const YAML::Node& item, const char* key, T& out, const LoadContext& ctx) {
  return decode_generic(item, key, out, ctx, true);
}

template void decode_value<std::string>(const YAML::Node&, const char*, std::string&, const LoadContext&);
template void decode_value<bool>(const YAML::Node&, const char*, bool&, const LoadContext&);
template void decode_value<uint32_t>(const YAML::Node&, const char*, uint32_t&, const LoadContext&);
template bool decode_optional<std::string>(const YAML::Node&, const char*, std::string&, const LoadContext&);
template bool decode_optional<bool>(const YAML::Node&, const char*, bool&, const LoadContext&);
template bool decode_optional<uint32_t>(const YAML::Node&, const char*, uint32_t&, const LoadContext&);

void decode_string_sequence(const YAML::Node& item, const char* key, bool optional,
                            const std::function<void(std::string)>& insert, const LoadContext& ctx) {
  const YAML::Node val = item[key];
  if (!val.IsDefined() && optional) return;
  if (!val.IsDefined()) fail_yaml(std::string("Item has no mapping for key '") + key + "'", ctx);
  LoadContext valctx = child_context(ctx, val, "value for", key);
  if (!val.IsSequence()) fail_yaml("Value is not a sequence", valctx);
  for (const YAML::Node& v : val) {
    // The item's context is only needed for a report: built on failure.
    if (!v.IsScalar()) fail_yaml("sequence value is not scalar", child_context(valctx, v, "list item"));
    std::string s;
    if (!YAML::convert<std::string>::decode(v, s)) {
      fail_yaml("Can't decode YAML sequence value", child_context(valctx, v, "list item"));
    }
    insert(std::move(s));
  }
}

}  // namespace eg
