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
// The loader keeps one table for all its compiles (a later compile reuses the
// filters of unchanged rules), so the macro name it gives a body to name the
// slot also says which body it is (engine/loader/compile_cache.h): one slot
// name always stands for one body.
//
// begin_event() must be called before the rules see each event: the Ruleset
// does it for every table its rules use. A table belongs to one set of
// compiled filters, which one thread evaluates at a time.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace eg {

class SharedResults {
 public:
  // Compile time: the slot of macro `name` (the same slot for every use).
  uint32_t slot_for(const std::string& name);
  size_t slot_count() const { return entries_.size(); }

  // Evaluation: forget every stored result.
  void begin_event() {
    tag_ += 2;
    if (tag_ == 0) reset_entries();
  }
  // The stored result of `slot` for the current event, if any.
  bool lookup(uint32_t slot, bool* value) const { return read(entries_[slot], value); }
  void store(uint32_t slot, bool value) { write(entries_[slot], value); }

  // The same through a slot's entry, which stays where it is while slots are
  // added: the nodes that share a result keep it (make_shared_result_filter).
  uint32_t* entry(uint32_t slot) { return &entries_[slot]; }
  bool read(uint32_t entry, bool* value) const {
    if ((entry & ~1u) != tag_) return false;
    *value = (entry & 1u) != 0;
    return true;
  }
  void write(uint32_t& entry, bool value) const { entry = tag_ | (value ? 1u : 0u); }

  // How many lookups were answered from the table (for tests and benchmarks).
  struct Counters {
    uint64_t hits = 0;
    uint64_t misses = 0;
  };
  Counters& counters() { return counters_; }

 private:
  void reset_entries();

  std::unordered_map<std::string, uint32_t> slots_;
  // Per slot: the tag of the event its result belongs to, plus 1 when the
  // result is true. Tags are even and step by 2 per event; 0 is never stored.
  // A deque, so that entries do not move when slots are added.
  std::deque<uint32_t> entries_;
  uint32_t tag_ = 2;
  Counters counters_;
};

}  // namespace eg
