// EventCodeSpace backed by the generated event table (fields/event_schema.h),
// and the convenience overloads that use it. Kept apart from event_types.cpp
// so that the search itself links without the generated table.
#include "engine/compiler/event_types.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

uint16_t code_of_id(std::string_view id, uint16_t fallback) {
  for (const auto& e : all_events())
    if (e.id == id) return e.code;
  return fallback;
}

EventCodeSpace make_schema_space() {
  EventCodeSpace s;
  s.num_codes = all_events().size();
  s.async_code = code_of_id("PPME_ASYNCEVENT_E", 402);
  s.plugin_code = code_of_id("PPME_PLUGINEVENT_E", 322);
  s.codes_for_name = [](std::string_view name) { return event_codes_for_name(name); };
  return s;
}

}  // namespace

const EventCodeSpace& EventCodeSpace::from_schema() {
  static const EventCodeSpace space = make_schema_space();
  return space;
}

EventTypesResult condition_event_codes(const ast::Expr& expr) {
  return condition_event_codes(expr, EventCodeSpace::from_schema());
}

EventTypesResult syscall_rule_event_codes(const ast::Expr& expr) {
  return syscall_rule_event_codes(expr, EventCodeSpace::from_schema());
}

EventCodeSet non_syscall_rule_event_codes() {
  return non_syscall_rule_event_codes(EventCodeSpace::from_schema());
}

}  // namespace eg
