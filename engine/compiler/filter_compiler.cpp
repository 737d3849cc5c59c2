// compile_filter(): resolved AST -> filter tree (see filter.h). Boolean nodes
// map one to one; each check is compiled in Falco's order — left operand
// (field, argument, transformers), operator acceptance for its type, then the
// right side (a field: right-hand-side rules and type identity; constants:
// parsed for the left type, `evt.type` names validated).
#include <string>

#include "engine/compiler/check_key.h"
#include "engine/compiler/compare_op.h"
#include "engine/compiler/field_resolver.h"
#include "engine/compiler/filter.h"
#include "engine/compiler/filter_nodes.h"
#include "engine/compiler/operand_compiler.h"
#include "engine/compiler/operator_support.h"
#include "engine/compiler/rhs_field_rules.h"
#include "engine/compiler/value_test.h"

namespace eg {
namespace {

using ast::Expr;
using ast::Operand;

struct CompileError {
  std::string message;
  ast::Position pos;
};

class Compiler {
 public:
  Compiler(const FieldResolver& r, std::shared_ptr<SharedResults> shared) : resolver_(r), shared_(std::move(shared)) {}

  FilterPtr node(const Expr& e) {
    FilterPtr f = structure(e);
    if (f && shared_ && !e.macro.empty())
      f = make_shared_result_filter(shared_, shared_->slot_for(e.macro), std::move(f));
    return f;
  }

  CompileError error;

 private:
  FilterPtr structure(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::And:
      case Expr::Kind::Or: {
        std::vector<FilterPtr> children;
        for (const auto& c : e.children) {
          auto f = node(*c);
          if (!f) return nullptr;
          children.push_back(std::move(f));
        }
        if (children.size() == 1) return std::move(children.front());
        return e.kind == Expr::Kind::And ? make_and_filter(std::move(children))
                                         : make_or_filter(std::move(children));
      }
      case Expr::Kind::Not: {
        if (e.children.size() != 1) return fail("filter error: malformed 'not'", e.pos);
        auto f = node(*e.children[0]);
        return f ? make_not_filter(std::move(f)) : nullptr;
      }
      case Expr::Kind::Identifier:
        return fail("Undefined macro '" + e.name + "' used in filter.", e.pos);
      case Expr::Kind::Check:
        return check(e);
    }
    return nullptr;
  }

  const FieldResolver& resolver_;
  std::shared_ptr<SharedResults> shared_;

  // A check that other rules of this compile repeat shares one result per
  // event with them (check_key.h).
  FilterPtr share_result(const Expr& e, FilterPtr f) {
    if (!shared_) return f;
    auto key = shareable_check_key(e);
    if (!key) return f;
    return make_shared_result_filter(shared_, shared_->slot_for(*key), std::move(f));
  }

  FilterPtr fail(std::string message, ast::Position pos) {
    error = {std::move(message), pos};
    return nullptr;
  }

  FilterPtr check(const Expr& e) {
    std::string message;
    auto lhs = compile_operand(e.lhs, resolver_, &message);
    if (!lhs) return fail(message, e.pos);
    auto op = parse_compare_op(e.op);
    if (!op) return fail("filter error: unknown operator '" + e.op + "'", e.pos);
    auto modifier = parse_modifier(e.modifier);
    if (!modifier) return fail("filter error: unknown modifier '" + e.modifier + "'", e.pos);

    if (std::string err = operator_support_error(*op, e.op, lhs->type(), lhs->is_list());
        !err.empty())
      return fail(err, e.pos);
    if (std::string err = endpoint_operator_error(*lhs, *op, e.op); !err.empty())
      return fail(err, e.pos);

    if (*op == CompareOp::Exists || !e.rhs) return make_exists_check(std::move(lhs->extractor));
    const Operand& rhs = *e.rhs;
    if (rhs.kind == Operand::Kind::Field || rhs.kind == Operand::Kind::Transformer)
      return field_check(e, *op, std::move(*lhs), rhs);
    return constant_check(e, *op, *modifier, std::move(*lhs), rhs);
  }

  FilterPtr field_check(const Expr& e, CompareOp op, CompiledOperand lhs, const Operand& rhs_ast) {
    std::string message;
    auto rhs = compile_operand(rhs_ast, resolver_, &message);
    if (!rhs) return fail(message, e.pos);
    if (std::string err = rhs_field_error(op, lhs, *rhs); !err.empty()) return fail(err, e.pos);
    return make_field_check(std::move(lhs.extractor), op, std::move(rhs->extractor));
  }

  FilterPtr constant_check(const Expr& e, CompareOp op, Modifier modifier, CompiledOperand lhs,
                           const Operand& rhs) {
    ValueTestSpec spec;
    spec.op = op;
    spec.modifier = modifier;
    spec.type = lhs.type();
    if (rhs.kind == Operand::Kind::List) {
      spec.list_operand = true;
      for (const auto& v : rhs.args) spec.constants.push_back(v.value);
    } else {
      spec.constants.push_back(rhs.value);
    }
    if (lhs.field_name == "evt.type") {
      for (const auto& v : spec.constants)
        if (!resolver_.is_event_name(v)) return fail("unknown event type " + v, e.pos);
    }
    if (op == CompareOp::In && !lhs.transformed && lhs.field_name == "fd.net" &&
        spec.constants.size() > 1)
      spec.constants.resize(1);  // Falco's fd.net tests only the first network of a list
    std::string message;
    auto test = build_value_test(spec, &message);
    if (!test) return fail(message, e.pos);
    // With the engine's fields, these two depend on the event code alone.
    bool per_code = &resolver_ == &FieldResolver::engine() && !lhs.transformed &&
                    (lhs.field_name == "evt.type" || lhs.field_name == "evt.dir");
    auto f = make_constant_check(std::move(lhs.extractor), op, std::move(test));
    if (per_code) return make_per_code_check(std::move(f));
    return share_result(e, std::move(f));
  }
};

FilterCompileResult compile(const ast::Expr& expr, const FieldResolver& resolver,
                            std::shared_ptr<SharedResults> shared) {
  Compiler c(resolver, std::move(shared));
  FilterCompileResult r;
  r.filter = c.node(expr);
  if (!r.filter) {
    r.error = c.error.message.empty() ? "filter error: empty condition" : c.error.message;
    r.error_pos = c.error.pos;
  }
  return r;
}

}  // namespace

FilterCompileResult compile_filter(const ast::Expr& expr, const FieldResolver& resolver) {
  return compile(expr, resolver, nullptr);
}

FilterCompileResult compile_filter(const ast::Expr& expr) {
  return compile(expr, FieldResolver::engine(), nullptr);
}

FilterCompileResult compile_filter(const ast::Expr& expr, const std::shared_ptr<SharedResults>& shared) {
  return compile(expr, FieldResolver::engine(), shared);
}

}  // namespace eg
