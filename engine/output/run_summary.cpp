// Rendering of the end-of-run summary (see run_summary.h).
#include "engine/output/run_summary.h"

#include <fmt/format.h>

namespace eg::output {

RunSummary::RunSummary(std::vector<std::string> rule_names)
    : names_(std::move(rule_names)), by_rule_(names_.size(), 0) {}

void RunSummary::count(size_t rule_index, Priority p) {
  if (rule_index < by_rule_.size()) ++by_rule_[rule_index];
  ++by_priority_[static_cast<size_t>(p) & 7];
  ++total_;
}

void RunSummary::merge(const RunSummary& other) {
  for (size_t i = 0; i < by_rule_.size() && i < other.by_rule_.size(); ++i) by_rule_[i] += other.by_rule_[i];
  for (size_t p = 0; p < by_priority_.size(); ++p) by_priority_[p] += other.by_priority_[p];
  total_ += other.total_;
}

std::string RunSummary::render() const {
  std::string out = fmt::format("Events detected: {}\nRule counts by severity:\n", total_);
  for (size_t p = 0; p < by_priority_.size(); ++p)
    if (by_priority_[p])
      out += fmt::format("   {}: {}\n", priority_short_name(static_cast<Priority>(p)), by_priority_[p]);
  out += "Triggered rules by rule name:\n";
  for (size_t i = 0; i < names_.size(); ++i)
    if (by_rule_[i]) out += fmt::format("   {}: {}\n", names_[i], by_rule_[i]);
  return out;
}

}  // namespace eg::output
