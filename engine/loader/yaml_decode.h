// Decoding of item keys with Falco's error texts (§1.8): absent, null, empty,
// non-scalar and undecodable values each have their own message and context.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "engine/loader/load_context.h"

namespace eg {

[[noreturn]] void fail_yaml(const std::string& message, const LoadContext& ctx);

// Required scalar. Throws LoadFailure (LOAD_ERR_YAML_VALIDATE).
template <typename T>
void decode_value(const YAML::Node& item, const char* key, T& out, const LoadContext& ctx);
// Optional scalar: untouched when the key is absent; returns whether present.
template <typename T>
bool decode_optional(const YAML::Node& item, const char* key, T& out, const LoadContext& ctx);

// Sequence of scalars (items, tags).
void decode_string_sequence(const YAML::Node& item, const char* key, bool optional,
                            const std::function<void(std::string)>& insert, const LoadContext& ctx);

}  // namespace eg
