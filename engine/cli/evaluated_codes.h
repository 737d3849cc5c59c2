// The event codes that have rules to evaluate in a run. The run loops ask it
// per event: an event of any other code still updates the state, but skips
// the lookup of its fd (ZoneState::ContextUse::StateOnly) and the ruleset,
// which is most events of a busy host (reads, writes, stats, closes...).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/ruleset/ruleset.h"
#include "engine/state/zone_state.h"

namespace eg::cli {

class EvaluatedCodes {
 public:
  // From the ruleset's buckets, after its rule selection is final.
  explicit EvaluatedCodes(Ruleset& ruleset);

  bool has_rules(uint16_t code) const { return code < has_rules_.size() && has_rules_[code]; }
  ZoneState::ContextUse context_use(uint16_t code) const {
    return has_rules(code) ? ZoneState::ContextUse::Rules : ZoneState::ContextUse::StateOnly;
  }

 private:
  std::vector<char> has_rules_;  // by event code
};

}  // namespace eg::cli
