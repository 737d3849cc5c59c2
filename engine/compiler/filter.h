// A compiled condition: a tree of typed checks evaluated on one event.
// compile_filter() (filter_compiler.cpp) builds it from the AST after macros
// and lists are resolved; the node types are in filter_nodes.h. A Filter keeps
// scratch storage in its checks, so one tree is evaluated by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "parser/condition/ast.h"

namespace eg {

struct EventContext;
class FieldResolver;  // engine/compiler/field_resolver.h
class SharedResults;  // engine/compiler/shared_results.h

// A shared result (shared_results.h) that must be true for a filter to be
// true: the first macro or repeated check of the filter's top-level `and`.
// Once another rule has stored it false for the event, the filter is false
// without being walked (Ruleset::evaluate reads it inline). Only the first:
// reading every shared child of every rule costs more than it saves.
struct FilterGuard {
  SharedResults* table = nullptr;  // null: the filter has no guard
  const uint32_t* entry = nullptr;
};

class Filter {
 public:
  virtual ~Filter() = default;
  virtual bool evaluate(const EventContext& ctx) = 0;
  virtual FilterGuard guard() const { return {}; }
};
using FilterPtr = std::unique_ptr<Filter>;

struct FilterCompileResult {
  FilterPtr filter;   // set on success
  std::string error;  // Falco's message, e.g. "filter error: ..." / "unknown event type foo"
  // Where the compiler gave up: the position of the check (or operand) being
  // compiled, as carried by the AST; the loader adds it to the condition's
  // YAML position for the "condition expression" location of the error.
  ast::Position error_pos;
  bool ok() const { return filter != nullptr; }
};

// Compiles a fully resolved condition (no macro identifiers left) of source
// `syscall`: resolves every field through the registry, type-checks operators,
// parses constants once (numbers, IPs, CIDRs, ports), builds hash sets / tries
// for `in` / `pmatch` / prefix lists and RE2 objects for `regex`.
// Errors are Falco's texts (§4-§5 of the language reference); error_pos is the
// position of the failing check. Evaluation: and/or short-circuit left to
// right; a check whose field has no value is false (`not` inverts).
FilterCompileResult compile_filter(const ast::Expr& expr);
// The same with another field resolver (tests use fake fields).
FilterCompileResult compile_filter(const ast::Expr& expr, const FieldResolver& resolver);
// The loader's form: every inlined macro body (an AST node with `macro` set)
// gets its slot in `shared`, so that the rules compiled with the same table
// evaluate each macro once per event. The caller must call
// shared->begin_event() before each event (the Ruleset does).
FilterCompileResult compile_filter(const ast::Expr& expr, const std::shared_ptr<SharedResults>& shared);

}  // namespace eg
