// List substitution and exception text generation (see condition_text.h).
#include "engine/loader/condition_text.h"

#include <algorithm>

namespace eg {
namespace {

bool is_delimiter(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == ',' || c == '=';
}
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string join_items(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += quote_if_needed(items[i]);
  }
  return out;
}

void substitute_one(std::string& text, ExpandedList& list) {
  if (list.name.empty()) return;
  size_t start = 0;
  while (start < text.size()) {
    size_t found = text.find(list.name, start);
    if (found == std::string::npos) return;
    size_t end = found + list.name.size();
    bool before_ok = found == 0 || is_delimiter(text[found - 1]);
    bool after_ok = end >= text.size() || is_delimiter(text[end]);
    if (!before_ok || !after_ok) {
      start = found + 1;
      continue;
    }
    size_t from = found;
    while (from > 0 && is_blank(text[from - 1])) --from;
    size_t to = end;
    while (to < text.size() && is_blank(text[to])) ++to;
    std::string items = join_items(list.items);
    if (items.empty()) {
      if (from > 0 && text[from - 1] == ',') {
        --from;
      } else if (to < text.size() && text[to] == ',') {
        ++to;
      }
    }
    std::string replacement = (from > 0 ? " " : "") + items + " ";
    text.replace(from, to - from, replacement);
    list.used = true;
    start = from + replacement.size();
  }
}

std::string wrap_parens(const std::string& s) {
  return !s.empty() && s[0] == '(' ? s : "(" + s + ")";
}

[[noreturn]] void fail(const std::string& message, const LoadContext& ctx) {
  throw LoadFailure{LoadErrorCode::Validate, message, ctx};
}

bool takes_list(const std::string& op) {
  return op == "in" || op == "intersects" || op == "pmatch" || op.find(' ') != std::string::npos;
}

std::string single_field_text(const ExceptionInfo& ex) {
  std::string values;
  for (const auto& v : ex.values) {
    if (v.is_list) fail("Expected values array to contain a list of strings", ex.ctx);
    if (!values.empty()) values += ", ";
    values += quote_if_needed(v.item);
  }
  if (values.empty()) return {};
  return "(" + ex.fields.item + " " + ex.comps.item + " (" + values + "))";
}

std::string multi_field_text(const ExceptionInfo& ex) {
  std::string rows;
  for (const auto& row : ex.values) {
    if (!row.is_list || row.items.size() != ex.fields.items.size()) {
      fail("Fields and values lists must have equal length", ex.ctx);
    }
    std::string row_text = "(";
    for (size_t k = 0; k < row.items.size(); ++k) {
      const ExceptionEntry& val = row.items[k];
      const std::string& op = ex.comps.items[k].item;
      std::string term;
      if (val.is_list) {
        term = "(";
        for (size_t j = 0; j < val.items.size(); ++j) {
          if (j > 0) term += ", ";
          term += quote_if_needed(val.items[j].item);
        }
        term += ")";
      } else if (takes_list(op)) {
        term = wrap_parens(val.item);
      } else {
        term = quote_if_needed(val.item);
      }
      if (k > 0) row_text += " and ";
      row_text += " " + ex.fields.items[k].item + " " + op + " " + term;
    }
    row_text += ")";
    if (!rows.empty()) rows += " or ";
    rows += row_text;
  }
  if (rows.empty()) return {};
  return "(" + rows + ")";
}

}  // namespace

std::string quote_if_needed(const std::string& value) {
  bool has_space = value.find(' ') != std::string::npos;
  bool quoted = !value.empty() && (value[0] == '"' || value[0] == '\'');
  return has_space && !quoted ? "\"" + value + "\"" : value;
}

std::string substitute_lists(const std::string& condition, std::vector<ExpandedList>& lists) {
  std::string text = condition;
  for (auto& list : lists) substitute_one(text, list);
  return text;
}

ListSubstitution::ListSubstitution(std::vector<ExpandedList> lists) : lists_(std::move(lists)) {
  for (size_t i = 0; i < lists_.size(); ++i) {
    const std::string& name = lists_[i].name;
    bool plain = !name.empty() && std::none_of(name.begin(), name.end(), is_delimiter);
    if (plain) {
      by_word_.emplace(name, i);  // names are unique
    } else {
      always_.push_back(i);
    }
  }
  by_items_.resize(lists_.size());
}

void ListSubstitution::add_named(std::string_view text, size_t from, std::vector<size_t>& out) const {
  if (by_word_.empty()) return;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && is_delimiter(text[pos])) ++pos;
    size_t end = pos;
    while (end < text.size() && !is_delimiter(text[end])) ++end;
    if (end > pos) {
      auto it = by_word_.find(text.substr(pos, end - pos));
      if (it != by_word_.end() && it->second >= from) out.push_back(it->second);
    }
    pos = end;
  }
}

namespace {
void sort_unique(std::vector<size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
}  // namespace

std::vector<size_t> ListSubstitution::candidates(std::string_view text, size_t from) const {
  std::vector<size_t> out;
  for (size_t i : always_) {
    if (i >= from) out.push_back(i);
  }
  add_named(text, from, out);
  sort_unique(out);
  return out;
}

const std::vector<size_t>& ListSubstitution::named_by_items(size_t j) {
  auto& named = by_items_[j];
  if (!named) {
    named.emplace();
    add_named(join_items(lists_[j].items), 0, *named);
    sort_unique(*named);
  }
  return *named;
}

// Substituting list j only removes the words naming it and adds the words of
// its items (the replacement is set off by blanks), so the lists still to try
// are those already due plus those its items name.
std::string ListSubstitution::apply(const std::string& condition, std::vector<size_t>* substituted) {
  std::string text = condition;
  std::vector<size_t> due = candidates(text, 0);
  size_t k = 0;
  while (k < due.size()) {
    size_t j = due[k];
    ExpandedList& list = lists_[j];
    const bool was_used = list.used;
    list.used = false;
    substitute_one(text, list);
    const bool changed = list.used;
    list.used = was_used || changed;
    if (!changed) {
      ++k;
      continue;
    }
    if (substituted) substituted->push_back(j);
    std::vector<size_t> next(due.begin() + static_cast<std::ptrdiff_t>(k) + 1, due.end());
    for (size_t c : named_by_items(j)) {
      if (c > j) next.push_back(c);
    }
    sort_unique(next);
    due = std::move(next);
    k = 0;
  }
  return text;
}

std::string exceptions_condition_text(const std::vector<ExceptionInfo>& exceptions) {
  std::string out;
  for (const auto& ex : exceptions) {
    std::string fragment = ex.fields.is_list ? multi_field_text(ex) : single_field_text(ex);
    if (!fragment.empty()) out += " and not " + fragment;
  }
  return out;
}

}  // namespace eg
