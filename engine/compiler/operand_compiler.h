// Compiles one operand of a check — a field, a transformer expression such as
// `toupper(basename(proc.exepath))`, or `val(field)` — into an Extractor,
// with Falco's messages for unknown fields, bad field arguments and
// transformer type errors (§4.4). Also used by output formats (`%toupper(x)`).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/compiler/field_resolver.h"
#include "parser/condition/ast.h"

namespace eg {

struct CompiledOperand {
  std::unique_ptr<Extractor> extractor;
  const FieldInfo* field = nullptr;  // the innermost plain field (first argument chain)
  std::string field_name;            // its registry name, as Falco's messages print it
  bool transformed = false;          // wrapped in a transformer other than val()
  bool is_val = false;               // written as val(field)
  FieldType type() const { return extractor->type(); }
  bool is_list() const { return extractor->is_list(); }
};

// nullopt with `error` set on failure.
std::optional<CompiledOperand> compile_operand(const ast::Operand& operand,
                                               const FieldResolver& resolver, std::string* error);

}  // namespace eg
