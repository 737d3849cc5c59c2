// Results of macro bodies and repeated checks shared by the rules of one
// compile, per event.
//
// Upstream rules repeat the same macros: on an `openat` twenty-odd rules each
// start with `open_read` or `open_write`, then `sensitive_files`,
// `proc_name_exists` and so on. Within one compile a macro name stands for one
// body, so its value on an event is the same in every rule. The compiler
// wraps each inlined macro body in a node that asks this table first (see
// make_shared_result_filter); the first rule that evaluates the macro on an
// event stores its result and the others read it. Evaluation is pure (state
// does not change while rules run), so the verdicts are those of evaluating
// every rule separately, as Falco does. The same holds for a single check
// that several rules repeat outside macros: its slot is named by the check's
// key (check_key.h).
//
// begin_event() must be called before the rules see each event: the Ruleset
// does it for every table its rules use. A table belongs to one set of
// compiled filters, which one thread evaluates at a time.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace eg {

class SharedResults {
 public:
  // Compile time: the slot of macro `name` (the same slot for every use).
  uint32_t slot_for(const std::string& name);
  size_t slot_count() const { return stamps_.size(); }

  // Evaluation: forget every stored result.
  void begin_event() {
    if (++stamp_ == 0) reset_stamps();
  }
  // The stored result of `slot` for the current event, if any.
  bool lookup(uint32_t slot, bool* value) const {
    if (stamps_[slot] != stamp_) return false;
    *value = values_[slot] != 0;
    return true;
  }
  void store(uint32_t slot, bool value) {
    stamps_[slot] = stamp_;
    values_[slot] = value ? 1 : 0;
  }

  // How many lookups were answered from the table (for tests and benchmarks).
  struct Counters {
    uint64_t hits = 0;
    uint64_t misses = 0;
  };
  Counters& counters() { return counters_; }

 private:
  void reset_stamps();

  std::unordered_map<std::string, uint32_t> slots_;
  std::vector<uint32_t> stamps_;  // stamp_ of the event the value belongs to
  std::vector<uint8_t> values_;
  uint32_t stamp_ = 1;            // slots start at 0 = never stored
  Counters counters_;
};

}  // namespace eg
