// Lookups over the generated field table (fields/data/fields.tsv).
//
// Exact lookups are a binary search over a name-sorted index emitted by the
// generator, so nothing is built at start-up and lookups never allocate except
// for the returned argument strings. Prefix matching (output formatting)
// walks down the same index from where the text would sort.
#include "fields/field_registry.h"

#include <algorithm>
#include <vector>

#include "fields/field_table.h"

namespace eg {
namespace {

const FieldInfo* find_exact(std::string_view name) {
  auto table = detail::field_table();
  auto index = detail::field_index_by_name();
  auto it = std::lower_bound(index.begin(), index.end(), name,
                             [&](uint16_t i, std::string_view n) { return table[i].name < n; });
  if (it == index.end() || table[*it].name != name) return nullptr;
  return &table[*it];
}

bool is_dotted_arg_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_valid_dotted_arg(std::string_view arg) {
  return !arg.empty() && std::all_of(arg.begin(), arg.end(), is_dotted_arg_char);
}

bool takes_bracket_arg(const FieldInfo& f) {
  return f.has(kFieldArgAllowed) && !f.has(kFieldNoBracketArg);
}

// "evt.arg.fd" -> evt.arg + "fd": the longest dotted-arg field that is a proper
// prefix followed by '.' and a valid argument. Such a prefix ends right before
// one of the name's dots, so each dot (rightmost first) is one exact lookup.
FieldLookup lookup_dotted(std::string_view name) {
  for (size_t dot = name.rfind('.'); dot != std::string_view::npos && dot > 0; dot = name.rfind('.', dot - 1)) {
    const FieldInfo* f = find_exact(name.substr(0, dot));
    if (f == nullptr || !f->has(kFieldDottedArg)) continue;
    std::string_view arg = name.substr(dot + 1);
    if (!is_valid_dotted_arg(arg)) continue;
    return FieldLookup{f, std::string(arg), std::nullopt};
  }
  return {};
}

// "proc.aname[2]" -> proc.aname + "2" (the argument runs to the last ']').
FieldLookup lookup_bracketed(std::string_view name) {
  size_t open = name.find('[');
  if (open == std::string_view::npos || name.back() != ']') return {};
  const FieldInfo* f = find_exact(name.substr(0, open));
  if (f == nullptr) return {};
  FieldLookup out;
  out.info = f;
  out.bracket_arg = std::string(name.substr(open + 1, name.size() - open - 2));
  return out;
}

}  // namespace

std::span<const FieldInfo> all_fields() { return detail::field_table(); }

const FieldInfo* find_field(std::string_view name) { return find_exact(name); }

FieldLookup lookup_field(std::string_view name) {
  if (const FieldInfo* f = find_exact(name)) return FieldLookup{f, std::nullopt, std::nullopt};
  if (!name.empty() && name.back() == ']') return lookup_bracketed(name);
  return lookup_dotted(name);
}

namespace {

// The longest field name that `text` starts with (the first in table order
// among equal names). The prefixes of a text sort before it, longer after
// shorter, so the answer is the greatest name not above `text` that is one
// of its prefixes: walk down the name-sorted index from where `text` would
// go, while the names still begin with text's first character.
const FieldInfo* longest_prefix_field(std::string_view text) {
  if (text.empty()) return nullptr;
  auto table = detail::field_table();
  auto index = detail::field_index_by_name();
  auto it = std::upper_bound(index.begin(), index.end(), text,
                             [&](std::string_view t, uint16_t i) { return t < table[i].name; });
  while (it != index.begin()) {
    --it;
    std::string_view name = table[*it].name;
    if (name.empty() || name[0] != text[0]) return nullptr;
    if (!text.starts_with(name)) continue;
    uint16_t first = *it;
    while (it != index.begin() && table[*(it - 1)].name == name) first = std::min(first, *--it);
    return &table[first];
  }
  return nullptr;
}

}  // namespace

FieldPrefixMatch match_field_prefix(std::string_view text) {
  FieldPrefixMatch m;
  m.info = longest_prefix_field(text);
  if (m.info == nullptr) return m;
  m.length = m.info->name.size();
  std::string_view rest = text.substr(m.length);
  if (m.info->has(kFieldDottedArg) && rest.size() > 1 && rest[0] == '.' && is_dotted_arg_char(rest[1])) {
    size_t end = 1;
    while (end < rest.size() && is_dotted_arg_char(rest[end])) ++end;
    m.dotted_arg = std::string(rest.substr(1, end - 1));
    m.length += end;
  } else if (takes_bracket_arg(*m.info) && !rest.empty() && rest[0] == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      m.unterminated_bracket = true;
    } else {
      m.bracket_arg = std::string(rest.substr(1, close - 1));
      m.length += close + 1;
    }
  }
  return m;
}

size_t longest_field_prefix(std::string_view text) { return match_field_prefix(text).length; }

std::span<const std::string_view> field_classes() {
  static const std::vector<std::string_view> classes = [] {
    std::vector<std::string_view> out;
    for (const FieldInfo& f : detail::field_table()) {
      if (std::find(out.begin(), out.end(), f.field_class) == out.end()) out.push_back(f.field_class);
    }
    return out;
  }();
  return classes;
}

}  // namespace eg
