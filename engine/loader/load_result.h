// The result of loading one rules file, shaped like Falco's load result:
// error/warning codes with their fixed texts, a context (chain of locations
// from the file down to the failing token) and the message. The -V text and
// JSON renderings (validate_report.h) are built from exactly this data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eg {

enum class LoadErrorCode : uint8_t {
  FileRead,
  YamlParse,
  YamlValidate,
  CompileCondition,
  CompileOutput,
  Validate,
  Extension,
};

enum class LoadWarningCode : uint8_t {
  UnknownSource,
  UnsafeNaCheck,
  NoEvttype,
  UnknownFilter,
  UnusedMacro,
  UnusedList,
  UnknownItem,
  DeprecatedItem,
  WarningExtension,
  AppendNoValues,
  ExceptionNameNotUnique,
  InvalidMacroName,
  InvalidListName,
  CompileCondition,
  UnknownKey,
};

std::string_view code_name(LoadErrorCode c);        // "LOAD_ERR_YAML_PARSE"
std::string_view code_short_text(LoadErrorCode c);  // "YAML parse error"
std::string_view code_name(LoadWarningCode c);      // "LOAD_UNUSED_MACRO"
std::string_view code_short_text(LoadWarningCode c);  // "Unused macro"
std::string_view code_long_text(LoadWarningCode c);   // JSON codedesc of warnings

// A position as Falco reports it: 0-based line/column/byte offset in `name`
// (a file name, or for condition expressions the quoted condition prefix).
struct LoadPosition {
  std::string name;
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t offset = 0;
};

struct LoadLocation {
  std::string item_type;  // "rules content", "rule", "value for", "condition expression", ...
  std::string item_name;  // may be empty
  LoadPosition position;
};

struct LoadContext {
  std::vector<LoadLocation> locations;  // first is always "rules content" of the file
  std::string alt_content;              // condition text for condition-expression contexts
  const std::string& file_name() const { return locations.front().position.name; }
};

struct LoadMessage {
  bool is_error = false;
  LoadErrorCode error = LoadErrorCode::FileRead;
  LoadWarningCode warning = LoadWarningCode::UnknownSource;
  std::string message;
  LoadContext context;
  std::string deprecated_field;  // only for deprecated-field warnings
};

struct FileLoadResult {
  std::string name;
  bool successful = true;
  bool has_schema_status = false;  // false when the YAML did not parse
  bool schema_valid = true;
  std::vector<std::string> schema_warnings;
  std::vector<LoadMessage> errors;
  std::vector<LoadMessage> warnings;
};

}  // namespace eg
