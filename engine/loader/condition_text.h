// Text-level steps of building a condition (§2.6 and §3.3): list names are
// replaced textually by their items, and exceptions are turned into condition
// text appended to the rule's condition. Both run before parsing, exactly as
// Falco does, so that their quirks (no quoting protection, raw items) match.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// The same substitution for the many conditions of one compile step. A list
// whose name holds no delimiter character can only match a whole word of the
// text, so each text is split into words once and only the lists named by a
// word are tried (again after each substitution, which brings new words);
// the others would leave the text as it is. Lists with other names are always
// tried, as substitute_lists does.
class ListSubstitution {
 public:
  ListSubstitution() = default;
  explicit ListSubstitution(std::vector<ExpandedList> lists);
  // Substitutes `condition`; appends the positions of the lists substituted
  // (ascending) to `substituted`, and marks them used as substitute_lists does.
  std::string apply(const std::string& condition, std::vector<size_t>* substituted = nullptr);
  std::vector<ExpandedList>& lists() { return lists_; }

 private:
  // Positions (>= from, ascending) of the lists to try on `text`.
  std::vector<size_t> candidates(std::string_view text, size_t from) const;
  // Appends the positions (>= from) of plain-named lists named by a word of `text`.
  void add_named(std::string_view text, size_t from, std::vector<size_t>& out) const;
  // The plain-named lists named by the items of list j as substituted (ascending).
  const std::vector<size_t>& named_by_items(size_t j);

  std::vector<ExpandedList> lists_;
  std::unordered_map<std::string_view, size_t> by_word_;  // plain names -> position
  std::vector<size_t> always_;                            // the other names, ascending
  std::vector<std::optional<std::vector<size_t>>> by_items_;  // named_by_items, by position
};

// Falco's quoting of a value inserted as text: quotes only if it contains a
// space and does not already start with a quote.
std::string quote_if_needed(const std::string& value);

// " and not (...)" fragments of all exceptions that produce one; throws
// LoadFailure (LOAD_ERR_VALIDATE) for malformed values.
std::string exceptions_condition_text(const std::vector<ExceptionInfo>& exceptions);

}  // namespace eg
