// The end-of-run summary Falco prints on stdout (language reference §9.4):
// alerts counted by priority and by rule, rules listed in rule order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/loader/priority.h"

namespace eg::output {

class RunSummary {
 public:
  // `rule_names` in rule order; count() takes an index into it.
  explicit RunSummary(std::vector<std::string> rule_names);
  void count(size_t rule_index, Priority p);
  // Adds another summary's counts (same rule list), e.g. one per worker thread.
  void merge(const RunSummary& other);
  uint64_t total() const { return total_; }
  std::string render() const;

 private:
  std::vector<std::string> names_;
  std::vector<uint64_t> by_rule_;
  std::array<uint64_t, 8> by_priority_{};
  uint64_t total_ = 0;
};

}  // namespace eg::output
