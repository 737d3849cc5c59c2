// Schema check of rules documents (see rules_schema.h). The schema is kept as
// a small table of property kinds rather than a general JSON-schema engine:
// the rules schema only uses type, enum, required, minProperties and
// additionalProperties: false. Conditions, outputs, list items and the engine
// version accept any value (as the reference does).
#include "parser/rules/rules_schema.h"

#include <algorithm>
#include <memory>
#include <array>
#include <cstdlib>
#include <functional>
#include <map>
#include <string_view>

namespace eg {
namespace {

// The JSON type a YAML scalar converts to (Falco converts YAML to JSON before
// validating): integers, then floating point numbers, then the two lowercase
// booleans; everything else is a string.
enum class JsonType { Null, Integer, Number, Boolean, String, Array, Object };

JsonType json_type(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return JsonType::Null;
  if (n.IsSequence()) return JsonType::Array;
  if (n.IsMap()) return JsonType::Object;
  const std::string& s = n.Scalar();
  // yaml-cpp's conversions read the scalar with a stream that skips no
  // blanks, so a number (and .inf / .nan) starts with a sign, a dot or a
  // digit; anything else is not worth the two stream conversions.
  if (!s.empty() && std::string_view("+-.0123456789").find(s[0]) != std::string_view::npos) {
    int i = 0;
    if (YAML::convert<int>::decode(n, i)) return JsonType::Integer;
    double d = 0;
    if (YAML::convert<double>::decode(n, d)) return JsonType::Number;
  }
  if (s == "true" || s == "false") return JsonType::Boolean;
  return JsonType::String;
}

using Errors = std::vector<std::string>;
using Check = std::function<bool(const YAML::Node&, const std::string&, Errors&)>;

std::string line(const std::string& ptr, const std::string& text) { return "failed for " + ptr + ": " + text; }

constexpr const char* kTypeError = "Value type not permitted by 'type' constraint.";

Check of_type(JsonType t) {
  return [t](const YAML::Node& n, const std::string& ptr, Errors& out) {
    JsonType have = json_type(n);
    bool ok = have == t || (t == JsonType::Number && have == JsonType::Integer);
    if (!ok) out.push_back(line(ptr, kTypeError));
    return ok;
  };
}

Check any_value() {
  return [](const YAML::Node&, const std::string&, Errors&) { return true; };
}

Check string_enum(std::vector<std::string> values) {
  return [values](const YAML::Node& n, const std::string& ptr, Errors& out) {
    // The enum constraint is checked first and the first failing constraint
    // ends the check of a schema.
    if (json_type(n) != JsonType::String ||
        std::find(values.begin(), values.end(), n.Scalar()) == values.end()) {
      out.push_back(line(ptr, "Failed to match against any enum values."));
      return false;
    }
    return true;
  };
}

Check array_of(Check item) {
  return [item](const YAML::Node& n, const std::string& ptr, Errors& out) {
    if (json_type(n) != JsonType::Array) {
      out.push_back(line(ptr, kTypeError));
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n.size(); ++i) {
      if (!item(n[i], ptr + "[" + std::to_string(i) + "]", out)) {
        out.push_back(line(ptr, "Failed to validate item #" + std::to_string(i) + " in array."));
        ok = false;
      }
    }
    return ok;
  };
}

struct ObjectSchema {
  std::vector<std::pair<std::string, Check>> properties;
  std::vector<std::string> required;
  size_t min_properties = 0;
};

Check object_of(std::shared_ptr<ObjectSchema> schema) {
  return [schema](const YAML::Node& n, const std::string& ptr, Errors& out) {
    if (json_type(n) != JsonType::Object) {
      out.push_back(line(ptr, kTypeError));
      return false;
    }
    // Constraints in the validator's (alphabetical) order; the first failing
    // one ends the check: additionalProperties, minProperties, properties,
    // required.
    bool ok = true;
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
      bool known = std::any_of(schema->properties.begin(), schema->properties.end(),
                               [&](const auto& p) { return p.first == key; });
      if (!known) {
        out.push_back(line(ptr, "Object contains a property that could not be validated using "
                                "'properties' or 'additionalProperties' constraints: '" + key + "'."));
        return false;  // only the first unknown property is reported
      }
    }
    if (!ok) return false;
    if (n.size() < schema->min_properties) {
      out.push_back(line(ptr, "Object should have no fewer than " + std::to_string(schema->min_properties) +
                                  " properties."));
      return false;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (!it->first.IsScalar()) continue;
      const std::string& key = it->first.Scalar();
      for (const auto& [name, check] : schema->properties) {
        if (name != key) continue;
        if (!check(it->second, ptr + "[" + key + "]", out)) {
          out.push_back(line(ptr, "Failed to validate against schema associated with property name '" + key + "'."));
          ok = false;
        }
      }
    }
    if (!ok) return false;
    for (const auto& r : schema->required) {
      if (!n[r].IsDefined()) {
        out.push_back(line(ptr, "Missing required property '" + r + "'."));
        ok = false;
      }
    }
    return ok;
  };
}

Check rules_document_schema() {
  auto override_item = string_enum({"append", "replace"});
  auto override_schema = std::make_shared<ObjectSchema>();
  for (const char* k : {"items", "desc", "condition", "output", "priority", "enabled", "exceptions", "capture",
                        "capture_duration", "tags", "warn_evttypes", "skip-if-unknown-filter"}) {
    override_schema->properties.emplace_back(k, override_item);
  }
  override_schema->min_properties = 1;

  auto alternative = std::make_shared<ObjectSchema>();
  alternative->properties = {{"name", of_type(JsonType::String)}, {"version", of_type(JsonType::String)}};
  alternative->required = {"name", "version"};
  auto plugin = std::make_shared<ObjectSchema>();
  plugin->properties = {{"name", of_type(JsonType::String)},
                        {"version", of_type(JsonType::String)},
                        {"alternatives", array_of(object_of(alternative))}};
  plugin->required = {"name", "version"};

  auto exception = std::make_shared<ObjectSchema>();
  exception->properties = {{"name", of_type(JsonType::String)},
                           {"fields", any_value()},
                           {"comps", any_value()},
                           {"values", any_value()}};
  exception->required = {"name"};

  auto item = std::make_shared<ObjectSchema>();
  item->properties = {
      {"required_engine_version", any_value()},
      {"required_plugin_versions", array_of(object_of(plugin))},
      {"macro", of_type(JsonType::String)},
      {"condition", any_value()},
      {"list", of_type(JsonType::String)},
      {"items", array_of(any_value())},
      {"rule", of_type(JsonType::String)},
      {"desc", of_type(JsonType::String)},
      {"enabled", of_type(JsonType::Boolean)},
      {"output", any_value()},
      {"append", of_type(JsonType::Boolean)},
      {"priority", string_enum({"EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO",
                                "INFORMATIONAL", "DEBUG"})},
      {"capture", of_type(JsonType::Boolean)},
      {"capture_duration", of_type(JsonType::Integer)},
      {"source", of_type(JsonType::String)},
      {"exceptions", array_of(object_of(exception))},
      {"override", object_of(override_schema)},
      {"tags", array_of(of_type(JsonType::String))},
      {"warn_evttypes", of_type(JsonType::Boolean)},
      {"skip-if-unknown-filter", of_type(JsonType::Boolean)},
  };
  return array_of(object_of(item));
}

}  // namespace

std::vector<std::string> check_rules_schema(const YAML::Node& document) {
  static const Check schema = rules_document_schema();
  Errors out;
  schema(document, "<root>", out);
  return out;
}

}  // namespace eg
