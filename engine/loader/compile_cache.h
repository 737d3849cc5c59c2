// What the compile step keeps from one compile to the next. Falco compiles
// every item again after each file; most items of the earlier files come out
// the same, and what they come out as depends on a few texts only:
//   - a macro's resolved tree on its body after list substitution and on the
//     bodies of the macros it inlines (which must still be visible to it);
//   - a rule's resolved tree, and what is read off it (event codes, facts,
//     warnings on constants and deprecated fields), on its condition after
//     exceptions and list substitution and on the bodies of the macros it
//     inlines.
// Bodies are named by their ParseCache entry (one entry per text, never
// removed), so "the same text" is one pointer comparison. Memos are kept per
// item position (collector positions never change) and replaced when their
// inputs differ. Positions and warnings are kept relative to the condition;
// contexts are built again from the item of the current compile.
//
// A rule whose tree did not change keeps its compiled filter too. Filters
// share macro results through one SharedResults table for all compiles of the
// loader; its slots are named by what an inlined body is (macro name plus an
// id of its body and of the bodies it inlines, `body_ids`), not by the macro
// name alone, because a later file may give a macro another body.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <map>
#include <unordered_map>

#include "engine/compiler/filter.h"
#include "engine/compiler/shared_results.h"
#include "engine/loader/ast_facts.h"
#include "engine/loader/output_fields.h"
#include "engine/loader/parse_cache.h"
#include "engine/loader/rule_loader.h"

namespace eg {

// The macros inlined while resolving: position and the body each had.
using MacroDeps = std::vector<std::pair<size_t, const CachedParse*>>;

struct MacroMemo {
  const CachedParse* body = nullptr;  // the macro's own body
  MacroDeps deps;
  CompiledMacro compiled;  // ast, condition_fields/operators, event_codes
};

struct RuleMemo {
  const CachedParse* body = nullptr;  // the full condition after list substitution
  MacroDeps deps;
  std::shared_ptr<const ast::Expr> tree;  // resolved, inlined bodies labelled with their slot names
  std::shared_ptr<Filter> filter;         // set once the tree compiled
  // Read off the tree once its filter compiled (compile_rule).
  bool analyzed = false;
  std::vector<ConditionWarning> constant_warnings;
  std::string codes_error;
  std::vector<uint16_t> codes;
  size_t own_code_count = 0;
  std::vector<ConditionWarning> deprecated_warnings;
  std::vector<std::string> fields;
  std::vector<std::string> operators;
};

struct CompileCache {
  ParseCache parse;
  std::vector<std::optional<MacroMemo>> macros;  // by macro position
  std::vector<std::optional<RuleMemo>> rules;    // by rule position
  std::shared_ptr<SharedResults> shared_results = std::make_shared<SharedResults>();
  std::map<std::string, size_t> body_ids;  // body key (see rule_compiler.cpp body_label) -> id
  // Output formats are checked by text (build_output): the scan of a rule's
  // own format and the deprecated fields of the full one.
  std::unordered_map<std::string, OutputScan> output_scans;
  std::unordered_map<std::string, std::vector<std::string>> deprecated_outputs;
};

}  // namespace eg
