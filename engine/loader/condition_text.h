// Text-level steps of building a condition (§2.6 and §3.3): list names are
// replaced textually by their items, and exceptions are turned into condition
// text appended to the rule's condition. Both run before parsing, exactly as
// Falco does, so that their quirks (no quoting protection, raw items) match.
#pragma once

#include <string>
#include <vector>

#include "engine/loader/collector.h"

namespace eg {

struct ExpandedList {
  std::string name;
  std::vector<std::string> items;
  bool used = false;
};

// Replaces every delimited occurrence of each list's name (in the given order)
// with its items; marks the lists that were substituted.
std::string substitute_lists(const std::string& condition, std::vector<ExpandedList>& lists);

// Falco's quoting of a value inserted as text: quotes only if it contains a
// space and does not already start with a quote.
std::string quote_if_needed(const std::string& value);

// " and not (...)" fragments of all exceptions that produce one; throws
// LoadFailure (LOAD_ERR_VALIDATE) for malformed values.
std::string exceptions_condition_text(const std::vector<ExceptionInfo>& exceptions);

}  // namespace eg
