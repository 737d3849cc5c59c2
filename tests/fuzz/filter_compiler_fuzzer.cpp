// libFuzzer target for the filter compiler: any condition the parser accepts
// must compile into a filter or fail with a message, and the event-code search
// must finish, with the real field registry and extractors. Never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/compiler/event_types.h"
#include "engine/compiler/filter.h"
#include "parser/condition/condition_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = eg::parse_condition(text);
  if (!parsed.ok()) return 0;
  auto compiled = eg::compile_filter(*parsed.expr);
  if (!compiled.ok() && compiled.error.empty()) std::abort();  // failures always say why
  auto codes = eg::syscall_rule_event_codes(*parsed.expr);
  if (codes.ok() && codes.codes.empty()) std::abort();  // the async code is always there
  return 0;
}
