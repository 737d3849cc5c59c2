// The event codes a resolved condition can match (language reference §6.1).
//
// Used by the ruleset index (an event only visits rules whose set holds its
// code), by the loader for `-L` ("events") and for the LOAD_NO_EVTTYPE warning.
// The computation follows Falco's: negation is pushed to the leaves (De
// Morgan), `and` intersects, `or` unites, checks on `evt.type`/`syscall.type`
// with `=`/`==`/`!=`/`in` give the codes of the named events, a few constant
// checks on `evt.num` are known to be never/always true, and every other check
// is neutral (all codes, also under negation). The event table is reached
// through EventCodeSpace so that the algorithm can be tested on a small table.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compiler/event_code_set.h"
#include "parser/condition/ast.h"

namespace eg {

// The universe of event codes and the name lookup the computation needs.
struct EventCodeSpace {
  size_t num_codes = 0;         // PPM_EVENT_MAX: codes are [0, num_codes)
  uint16_t async_code = 402;    // PPME_ASYNCEVENT_E
  uint16_t plugin_code = 322;   // PPME_PLUGINEVENT_E
  // Codes of an event/syscall name (empty when unknown).
  std::function<std::vector<uint16_t>(std::string_view)> codes_for_name;

  // The space of the generated event table (fields/event_schema.h).
  static const EventCodeSpace& from_schema();
};

struct EventTypesResult {
  EventCodeSet codes;
  // Set when the condition cannot be searched, e.g. "right-hand field
  // comparisons on `evt.type`/`syscall.type` checks are not supported by event
  // code search" (Falco stops with a runtime error on those).
  std::string error;
  bool ok() const { return error.empty(); }
};

// The codes the condition itself can match (no async code added): what Falco
// computes for macros and, before adding the async code, for rules.
EventTypesResult condition_event_codes(const ast::Expr& expr, const EventCodeSpace& space);
EventTypesResult condition_event_codes(const ast::Expr& expr);  // from_schema()

// The set a rule of source `syscall` is indexed under: the condition's codes
// plus the async-event code.
EventTypesResult syscall_rule_event_codes(const ast::Expr& expr, const EventCodeSpace& space);
EventTypesResult syscall_rule_event_codes(const ast::Expr& expr);  // from_schema()

// The set of a rule of any other source: the plugin-event and async-event codes.
EventCodeSet non_syscall_rule_event_codes(const EventCodeSpace& space);
EventCodeSet non_syscall_rule_event_codes();  // from_schema()

// Falco warns (LOAD_NO_EVTTYPE) when a syscall rule matches more than this many codes.
inline constexpr size_t kMaxEventTypesWithoutWarning = 100;

}  // namespace eg
