// The registry of filter fields: the one place where a field is declared.
//
// The table itself lives in fields/data/fields.tsv and is turned into C++ at
// build time (fields/gen/gen_field_table.py). Each entry gives the field's
// name, value type, argument syntax, print format and flags; the compiler uses
// it to type-check conditions, the formatter to find fields in outputs, and
// engine/extract binds each name to the code that produces its value.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "fields/field_type.h"

namespace eg {

enum FieldFlag : uint32_t {
  kFieldArgRequired = 1u << 0,    // proc.aname requires none; evt.arg requires one
  kFieldArgAllowed = 1u << 1,     // field accepts [arg]
  kFieldArgIndex = 1u << 2,       // argument is a number (proc.aname[2], evt.arg[0])
  kFieldArgKey = 1u << 3,         // argument is a key/name (proc.env[HOME], evt.arg[name])
  kFieldIsList = 1u << 4,         // EPF_IS_LIST
  kFieldNoTransformer = 1u << 5,  // rejects transformers
  kFieldNoRhs = 1u << 6,          // cannot be used as right-hand side field
  kFieldDeprecated = 1u << 7,     // warns in outputs
  kFieldDottedArg = 1u << 8,      // evt.arg.NAME / evt.rawarg.NAME form
  kFieldHidden = 1u << 9,         // not listed by --list
  kFieldPrintOnly = 1u << 10,     // EPF_PRINT_ONLY: outputs only (evt.outputtime)
  kFieldFilterOnly = 1u << 11,    // EPF_FILTER_ONLY: meant for conditions (fd.ip, fd.net)
  kFieldNoBracketArg = 1u << 12,  // argument only in the dotted form (evt.rawarg.fd)
};
// Note: the generator sets kFieldArgAllowed whenever kFieldArgRequired is set, so
// "may this field take an argument" is always has(kFieldArgAllowed).

enum class PrintFormat : uint8_t { Na, Dec, Hex, Oct, Padded, Id, Dir };

struct FieldInfo {
  std::string_view name;
  FieldType type;
  uint32_t flags;
  PrintFormat format;
  std::string_view field_class;   // "evt", "proc", "fd", ...
  std::string_view description;
  bool has(FieldFlag f) const { return (flags & f) != 0; }
};

// A name resolved against the registry: "evt.arg.fd" -> evt.arg with arg "fd",
// "proc.aname[2]" -> proc.aname with bracket_arg "2". The registry resolves names
// only; whether the argument suits the field (index vs key, required) is checked
// by the compiler, which owns Falco's error texts.
struct FieldLookup {
  const FieldInfo* info = nullptr;
  std::optional<std::string> dotted_arg;
  std::optional<std::string> bracket_arg;  // text between '[' and the final ']'
};

// The longest field named at the start of a text, as the output formatter scans
// "%proc.name" tokens: plain string-prefix match over all names (so "proc.namex"
// gives proc.name and leaves "x"), then a dotted argument ("evt.arg.fd": letters,
// digits, '_') for kFieldDottedArg fields, or a bracket argument "[...]" for fields
// that take one. `length` covers name and argument; 0 when nothing matches.
struct FieldPrefixMatch {
  const FieldInfo* info = nullptr;
  size_t length = 0;
  std::optional<std::string> dotted_arg;
  std::optional<std::string> bracket_arg;
  bool unterminated_bracket = false;  // '[' with no ']': length stops before '['
};

std::span<const FieldInfo> all_fields();
const FieldInfo* find_field(std::string_view name);
FieldLookup lookup_field(std::string_view name);
// Length of the longest prefix of `text` that names a field (0 if none); for the
// output formatter's longest-match tokenizer.
size_t longest_field_prefix(std::string_view text);
FieldPrefixMatch match_field_prefix(std::string_view text);
// The class names in registry order ("evt", "process", "user", ...), for --list.
std::span<const std::string_view> field_classes();

}  // namespace eg
