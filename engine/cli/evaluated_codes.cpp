// EvaluatedCodes (see evaluated_codes.h).
#include "engine/cli/evaluated_codes.h"

#include "fields/event_schema.h"

namespace eg::cli {

EvaluatedCodes::EvaluatedCodes(Ruleset& ruleset) : has_rules_(all_events().size(), 0) {
  for (size_t code = 0; code < has_rules_.size(); ++code)
    has_rules_[code] = !ruleset.bucket(static_cast<uint16_t>(code)).empty();
}

}  // namespace eg::cli
