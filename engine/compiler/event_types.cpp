// Event-code search over a resolved condition (see event_types.h).
#include "engine/compiler/event_types.h"

#include <charconv>

namespace eg {
namespace {

using ast::Expr;
using ast::Operand;

bool is_event_type_field(const Operand& o) {
  return o.kind == Operand::Kind::Field && !o.arg &&
         (o.name == "evt.type" || o.name == "syscall.type");
}

bool is_event_type_operator(const std::string& op) {
  return op == "=" || op == "==" || op == "!=" || op == "in";
}

bool mentions_event_type(const Operand& o) {
  if (is_event_type_field(o)) return true;
  if (o.kind != Operand::Kind::Transformer) return false;
  for (const auto& a : o.args)
    if (mentions_event_type(a)) return true;
  return false;
}

// What a leaf check tells about event codes.
enum class LeafKind { Neutral, Never, Always };

bool parse_unsigned(const std::string& text, uint64_t& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// Constant checks on evt.num that can never / always be true (evt.num starts at 1).
LeafKind classify_event_number_check(const Expr& e) {
  if (!e.rhs) return LeafKind::Neutral;
  const Operand& rhs = *e.rhs;
  if (e.op == "in") {
    if (rhs.kind != Operand::Kind::List) return LeafKind::Neutral;
    for (const auto& v : rhs.args) {
      uint64_t n = 0;
      if (v.kind != Operand::Kind::Value || !parse_unsigned(v.value, n) || n != 0)
        return LeafKind::Neutral;
    }
    return LeafKind::Never;
  }
  uint64_t n = 0;
  if (rhs.kind != Operand::Kind::Value || !parse_unsigned(rhs.value, n)) return LeafKind::Neutral;
  if (((e.op == "=" || e.op == "==") && n == 0) || (e.op == "<" && n <= 1) ||
      (e.op == "<=" && n == 0))
    return LeafKind::Never;
  if ((e.op == "!=" && n == 0) || (e.op == ">" && n == 0) || (e.op == ">=" && n <= 1))
    return LeafKind::Always;
  return LeafKind::Neutral;
}

class CodeSearch {
 public:
  explicit CodeSearch(const EventCodeSpace& space)
      : space_(space), all_(EventCodeSet::all(space.num_codes)) {}

  EventCodeSet walk(const Expr& e, bool negated) {
    switch (e.kind) {
      case Expr::Kind::And: return combine(e, /*intersect=*/!negated, negated);
      case Expr::Kind::Or: return combine(e, /*intersect=*/negated, negated);
      case Expr::Kind::Not:
        return e.children.empty() ? all_ : walk(*e.children[0], !negated);
      case Expr::Kind::Check: return check(e, negated);
      case Expr::Kind::Identifier: return all_;
    }
    return all_;
  }

  std::string error;

 private:
  const EventCodeSpace& space_;
  EventCodeSet all_;

  EventCodeSet combine(const Expr& e, bool intersect, bool negated) {
    EventCodeSet acc = intersect ? all_ : EventCodeSet{};
    for (const auto& c : e.children) {
      EventCodeSet s = walk(*c, negated);
      acc = intersect ? acc.intersected(s) : acc.merged(s);
    }
    return acc;
  }

  EventCodeSet with_negation(const EventCodeSet& codes, bool negated) const {
    return negated ? all_.minus(codes) : codes;
  }

  EventCodeSet check(const Expr& e, bool negated) {
    const bool unary = !e.rhs.has_value();
    if (unary || is_event_type_operator(e.op)) {
      if (e.lhs.kind == Operand::Kind::Transformer && mentions_event_type(e.lhs)) {
        fail("event code search does not support `evt.type` checks with transformers");
        return all_;
      }
    }
    if (unary) {
      if (is_event_type_field(e.lhs) && e.op == "exists") return with_negation(all_, negated);
      return all_;
    }
    if (is_event_type_field(e.lhs) && is_event_type_operator(e.op)) return type_check(e, negated);
    if (e.lhs.kind == Operand::Kind::Field && e.lhs.name == "evt.num" && !e.lhs.arg) {
      switch (classify_event_number_check(e)) {
        case LeafKind::Never: return with_negation(EventCodeSet{}, negated);
        case LeafKind::Always: return with_negation(all_, negated);
        case LeafKind::Neutral: return all_;
      }
    }
    return all_;
  }

  EventCodeSet type_check(const Expr& e, bool negated) {
    const Operand& rhs = *e.rhs;
    EventCodeSet named;
    if (rhs.kind == Operand::Kind::Value) {
      add_name(named, rhs.value);
    } else if (rhs.kind == Operand::Kind::List) {
      for (const auto& v : rhs.args) add_name(named, v.value);
    } else {
      fail("right-hand field comparisons on `evt.type`/`syscall.type` checks are not "
           "supported by event code search");
      return all_;
    }
    return with_negation(named, negated != (e.op == "!="));
  }

  void add_name(EventCodeSet& set, const std::string& name) {
    if (!space_.codes_for_name) return;
    for (uint16_t c : space_.codes_for_name(name))
      if (c < space_.num_codes) set.insert(c);
  }

  void fail(std::string message) {
    if (error.empty()) error = std::move(message);
  }
};

}  // namespace

EventTypesResult condition_event_codes(const ast::Expr& expr, const EventCodeSpace& space) {
  CodeSearch search(space);
  EventTypesResult r;
  r.codes = search.walk(expr, false);
  r.error = std::move(search.error);
  return r;
}

EventTypesResult syscall_rule_event_codes(const ast::Expr& expr, const EventCodeSpace& space) {
  EventTypesResult r = condition_event_codes(expr, space);
  r.codes.insert(space.async_code);
  return r;
}

EventCodeSet non_syscall_rule_event_codes(const EventCodeSpace& space) {
  return EventCodeSet{space.plugin_code, space.async_code};
}

}  // namespace eg
