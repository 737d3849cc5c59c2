// Walks of the condition tree for reports and warnings (see ast_facts.h).
#include "engine/loader/ast_facts.h"

#include <algorithm>
#include <array>
#include <functional>
#include <string_view>

#include "fields/field_registry.h"
#include "parser/condition/ast_inventory.h"

namespace eg {
namespace {

void push_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

void visit_checks(const ast::Expr& e, const std::function<void(const ast::Expr&)>& f) {
  if (e.kind == ast::Expr::Kind::Check) {
    f(e);
    return;
  }
  for (const auto& c : e.children) visit_checks(*c, f);
}

void operand_fields(const ast::Operand& op, std::vector<std::string>& out) {
  if (op.kind == ast::Operand::Kind::Field) {
    push_unique(out, op.name);
  } else if (op.kind == ast::Operand::Kind::Transformer) {
    for (const auto& a : op.args) operand_fields(a, out);
  }
}

void list_elements(const ast::Operand& op, std::vector<std::string>& out) {
  if (op.kind != ast::Operand::Kind::List) return;
  for (const auto& a : op.args) {
    if (a.kind == ast::Operand::Kind::Value) out.push_back(a.value);
  }
}

std::string without_spaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

constexpr std::array<std::string_view, 9> kTransformers{"tolower", "toupper", "b64", "basename",
                                                         "len", "join", "concat", "getopt", "val"};

bool looks_like_transformer(const std::string& s) {
  auto paren = s.find('(');
  if (paren == std::string::npos || s.back() != ')') return false;
  std::string_view name(s.data(), paren);
  return std::find(kTransformers.begin(), kTransformers.end(), name) != kTransformers.end();
}

// A regex without special characters, apart from a leading ^, a trailing $,
// or leading/trailing .*, .+, .?, could be a simpler operator.
bool regex_could_be_simpler(const std::string& re) {
  std::string_view s = re;
  if (!s.empty() && s.front() == '^') {
    s.remove_prefix(1);
  } else if (s.size() >= 2 && s[0] == '.' && (s[1] == '*' || s[1] == '+' || s[1] == '?')) {
    s.remove_prefix(2);
  }
  if (!s.empty() && s.back() == '$') {
    s.remove_suffix(1);
  } else if (s.size() >= 2 && s[s.size() - 2] == '.' &&
             (s.back() == '*' || s.back() == '+' || s.back() == '?')) {
    s.remove_suffix(2);
  }
  static constexpr std::string_view kSpecial = "\\^$.|?*+()[]{}";
  return s.find_first_of(kSpecial) == std::string_view::npos;
}

void value_warnings(const ast::Operand& v, std::vector<ConditionWarning>& out) {
  if (v.kind == ast::Operand::Kind::List) {
    for (const auto& a : v.args) value_warnings(a, out);
    return;
  }
  if (v.kind != ast::Operand::Kind::Value) return;
  std::string compact = without_spaces(v.value);
  if (compact.empty()) return;
  if (lookup_field(compact).info) {
    out.push_back({"'" + v.value + "' may be a valid field misused as a const string value", v.pos, {}});
  } else if (looks_like_transformer(compact)) {
    out.push_back(
        {"'" + v.value + "' may be a valid field transformer misused as a const string value", v.pos, {}});
  }
}

constexpr std::array<std::string_view, 7> kDeprecatedLatencyFields{
    "evt.latency", "evt.latency.s", "evt.latency.ns", "evt.latency.quantized", "evt.latency.human",
    "evt.wait_latency", "evt.rawtime.latency"};

}  // namespace

ConditionFacts condition_facts(const ast::Expr& expr) {
  ConditionFacts facts;
  facts.fields = ast::collect_fields(expr);
  facts.operators = ast::collect_operators(expr);
  visit_checks(expr, [&](const ast::Expr& c) {
    if (c.rhs) list_elements(*c.rhs, facts.list_values);
  });
  return facts;
}

std::vector<std::string> event_type_values(const ast::Expr& expr) {
  std::vector<std::string> out;
  visit_checks(expr, [&](const ast::Expr& c) {
    if (c.lhs.kind != ast::Operand::Kind::Field || (c.lhs.name != "evt.type" && c.lhs.name != "syscall.type")) return;
    if (!c.rhs || (c.op != "=" && c.op != "==" && c.op != "in")) return;
    if (c.rhs->kind == ast::Operand::Kind::Value) push_unique(out, c.rhs->value);
    if (c.rhs->kind == ast::Operand::Kind::List) {
      for (const auto& a : c.rhs->args) push_unique(out, a.value);
    }
  });
  return out;
}

std::vector<ConditionWarning> constant_warnings(const ast::Expr& expr) {
  std::vector<ConditionWarning> out;
  visit_checks(expr, [&](const ast::Expr& c) {
    if (!c.rhs) return;
    value_warnings(*c.rhs, out);
    if (c.op == "regex" && c.rhs->kind == ast::Operand::Kind::Value && regex_could_be_simpler(c.rhs->value)) {
      out.push_back({"regex check with '" + c.rhs->value +
                         "' may be optimized with simpler operators such as '=', 'contains', "
                         "'startswith', 'endswith'",
                     c.rhs->pos, {}});
    }
  });
  return out;
}

std::vector<ConditionWarning> deprecated_field_warnings(const ast::Expr& expr) {
  std::vector<ConditionWarning> out;
  visit_checks(expr, [&](const ast::Expr& c) {
    std::vector<std::string> fields;
    operand_fields(c.lhs, fields);
    for (const auto& f : fields) {
      if (f == "evt.dir") {
        out.push_back({"due to the drop of enter events, 'evt.dir = <' always evaluates to true, and "
                       "'evt.dir = >' always evaluates to false. The rule expression can be "
                       "simplified by removing the condition on 'evt.dir'",
                       {0, 0, 0},
                       f});
      } else if (std::find(kDeprecatedLatencyFields.begin(), kDeprecatedLatencyFields.end(), f) !=
                 kDeprecatedLatencyFields.end()) {
        out.push_back({"field is not available due to the drop of enter events.", {0, 0, 0}, f});
      }
    }
  });
  return out;
}

std::vector<std::string> deprecated_output_fields(const std::string& output) {
  std::vector<std::string> out;
  static constexpr std::array<std::string_view, 8> kFields{
      "evt.dir", "evt.latency", "evt.latency.s", "evt.latency.ns", "evt.latency.quantized",
      "evt.latency.human", "evt.wait_latency", "evt.rawtime.latency"};
  for (auto f : kFields) {
    if (output.find("%" + std::string(f)) != std::string::npos) out.emplace_back(f);
  }
  return out;
}

}  // namespace eg
