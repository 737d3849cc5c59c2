// Code names and texts of load errors and warnings, one table per kind so the
// name, short text and long text of a code are declared together.
#include "engine/loader/load_result.h"

#include <array>

namespace eg {
namespace {

struct ErrorText {
  std::string_view name;
  std::string_view short_text;
};

constexpr std::array<ErrorText, 7> kErrorTexts{{
    {"LOAD_ERR_FILE_READ", "File read error"},
    {"LOAD_ERR_YAML_PARSE", "YAML parse error"},
    {"LOAD_ERR_YAML_VALIDATE", "Error validating internal structure of YAML file"},
    {"LOAD_ERR_COMPILE_CONDITION", "Error compiling condition"},
    {"LOAD_ERR_COMPILE_OUTPUT", "Error compiling output"},
    {"LOAD_ERR_VALIDATE", "Error validating rule/macro/list/exception objects"},
    {"LOAD_ERR_EXTENSION", "Error in extension item"},
}};

struct WarningText {
  std::string_view name;
  std::string_view short_text;
  std::string_view long_text;
};

constexpr std::array<WarningText, 15> kWarningTexts{{
    {"LOAD_UNKNOWN_SOURCE", "Unknown event source",
     "A rule has a unknown event source. This can occur when reading rules content without having "
     "a corresponding plugin loaded, etc. The rule will be silently ignored."},
    {"LOAD_UNSAFE_NA_CHECK", "Unsafe <NA> comparison in condition",
     "Comparing a field value with <NA> is unsafe and can lead to unpredictable behavior of the "
     "rule condition. If you need to check for the existence of a field, consider using the "
     "'exists' operator instead."},
    {"LOAD_NO_EVTTYPE", "Condition has no event-type restriction",
     "A rule condition matches too many evt.type values. This has a significant performance "
     "penalty. Make the condition more specific by adding an evt.type field or further "
     "restricting the number of evt.type values in the condition."},
    {"LOAD_UNKNOWN_FILTER", "Unknown field or event-type in condition or output",
     "A rule condition or output refers to a field or evt.type that does not exist. This is "
     "normally an error, but if a rule has a skip-if-unknown-filter property, the error is "
     "downgraded to a warning."},
    {"LOAD_UNUSED_MACRO", "Unused macro",
     "A macro is defined in the rules content but is not used by any other macro or rule."},
    {"LOAD_UNUSED_LIST", "Unused list",
     "A list is defined in the rules content but is not used by any other list, macro, or rule."},
    {"LOAD_UNKNOWN_ITEM", "Unknown rules file item",
     "An unknown top-level object is in the rules content. It will be ignored."},
    {"LOAD_DEPRECATED_ITEM", "Used deprecated item",
     "A deprecated item is employed by lists, macros, or rules."},
    {"LOAD_WARNING_EXTENSION", "Warning in extension item", "An extension item has a warning"},
    {"LOAD_APPEND_NO_VALUES", "Overriding/appending with no values",
     "A rule exception is overriding/appending with no values"},
    {"LOAD_EXCEPTION_NAME_NOT_UNIQUE", "Multiple exceptions defined with the same name",
     "A rule is defining multiple exceptions with the same name"},
    {"LOAD_INVALID_MACRO_NAME", "Invalid macro name", "A macro is defined with an invalid name"},
    {"LOAD_INVALID_LIST_NAME", "Invalid list name", "A list is defined with an invalid name"},
    {"LOAD_COMPILE_CONDITION", "Warning in rule condition",
     "A rule condition or output have been parsed with a warning"},
    {"LOAD_UNKNOWN_KEY", "Unknown key in item definition",
     "An item in the rules content contains an unrecognized key. The key will be ignored. This "
     "may indicate a typo or a property placed on the wrong item type."},
}};

}  // namespace

std::string_view code_name(LoadErrorCode c) { return kErrorTexts[static_cast<size_t>(c)].name; }
std::string_view code_short_text(LoadErrorCode c) {
  return kErrorTexts[static_cast<size_t>(c)].short_text;
}
std::string_view code_name(LoadWarningCode c) { return kWarningTexts[static_cast<size_t>(c)].name; }
std::string_view code_short_text(LoadWarningCode c) {
  return kWarningTexts[static_cast<size_t>(c)].short_text;
}
std::string_view code_long_text(LoadWarningCode c) {
  return kWarningTexts[static_cast<size_t>(c)].long_text;
}

}  // namespace eg
