// The JSON-schema check Falco runs on every rules document, reimplemented for
// the fixed rules schema (one flat item object, see rules_schema.cpp) with
// the messages of the validator Falco uses, in its order: inner failures
// first, then one line per enclosing property / array item. The result never
// fails a load; it is reported as schema_valid / schema_warnings.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace eg {

// "failed for <pointer>: <text>" lines for one document (empty when valid).
std::vector<std::string> check_rules_schema(const YAML::Node& document);

}  // namespace eg
