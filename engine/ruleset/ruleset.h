// The active rules and their event-type index: what the event loop asks, for
// each event, "which rules match?" (language reference §6, §7.5, §7.6).
//
// Rules are kept in load order (Falco's rule order, §2.11). select() decides
// which are active and rebuilds the index: for every event code, the active
// rules whose event-code set contains it, in rule order. Evaluation then only
// visits that bucket and stops at the first match (`rule_matching: first`, the
// default) or collects every match in order (`all`). Filters keep per-check
// scratch storage, so one Ruleset is evaluated by one thread at a time.
//
// Most rules of a bucket start with a shared macro (open_read, spawned_process,
// ...): a rule whose guard (Filter::guard) another rule already found false
// for the event is skipped without walking its filter. Its verdict is false
// either way, so the order and the matching modes are unchanged.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "engine/compiler/event_code_set.h"
#include "engine/compiler/filter.h"
#include "engine/compiler/shared_results.h"
#include "engine/loader/priority.h"
#include "engine/ruleset/rule_selection.h"

namespace eg {

struct CompiledRule;  // engine/loader/rule_loader.h

enum class RuleMatching : uint8_t { First, All };

struct RulesetRule {
  std::string name;
  Priority priority = Priority::Debug;
  std::string source = "syscall";
  std::set<std::string> tags;
  bool enabled = true;              // from the rules files (before selection)
  std::shared_ptr<Filter> filter;
  std::shared_ptr<SharedResults> shared_results;  // may be null (filters compiled alone)
  EventCodeSet event_codes;
  size_t load_index = 0;            // position in load order (index into the loader's rules)
};

class Ruleset {
 public:
  Ruleset() = default;
  // The loader's compiled rules, in their order (load_index = position).
  static Ruleset from_compiled(const std::vector<CompiledRule>& rules);

  void add(RulesetRule rule);  // appends in rule order; call select() afterwards

  // Applies the selection and rebuilds the index. With no call, every rule
  // that is enabled and of source `syscall` is active.
  void select(const RuleSelection& selection);
  // Sets the active rules directly (one flag per rule, in rule order) for a
  // caller that applies its own selection; rules without a filter stay inactive.
  void set_active(std::vector<bool> active);

  // Matching rules for one event of code `code`, appended to `out` in rule
  // order (at most one with RuleMatching::First). Returns how many were added.
  size_t evaluate(const EventContext& ctx, uint16_t code, RuleMatching matching,
                  std::vector<const RulesetRule*>& out);
  // The first matching rule, or nullptr.
  const RulesetRule* first_match(const EventContext& ctx, uint16_t code);

  std::span<const RulesetRule> rules() const { return rules_; }
  bool is_active(size_t i) {
    ensure_selected();
    return i < active_.size() && active_[i];
  }
  size_t active_count();
  // Active rules that would be evaluated for `code`, in order (for tests and stats).
  std::span<const uint32_t> bucket(uint16_t code);

 private:
  // What evaluation reads of one rule of a bucket, side by side for the
  // rules of an event code (a RulesetRule is a few hundred bytes of names
  // and tags the loop does not need).
  struct BucketEntry {
    Filter* filter;
    FilterGuard guard;  // see above
    uint32_t rule;      // index into rules_
  };

  std::vector<RulesetRule> rules_;
  std::vector<bool> active_;
  std::vector<std::vector<uint32_t>> by_code_;
  std::vector<std::vector<BucketEntry>> entries_by_code_;  // by_code_ for evaluation
  std::vector<std::shared_ptr<SharedResults>> shared_results_;  // distinct tables of the rules
  bool selected_ = false;
  void begin_event();
  static bool known_false(const FilterGuard& guard);
  void rebuild_index();
  void ensure_selected();
};

}  // namespace eg
