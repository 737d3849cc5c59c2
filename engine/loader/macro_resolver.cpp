// Macro substitution with loop detection (see macro_resolver.h).
#include "engine/loader/macro_resolver.h"

#include <algorithm>

namespace eg {
namespace {

struct Resolver {
  const std::function<const ast::Expr*(const std::string&)>& lookup;
  MacroResolution& out;
  std::vector<std::string> path;

  void run(ast::ExprPtr& node, bool top) {
    if (out.loop) return;
    if (node->kind == ast::Expr::Kind::Identifier) {
      substitute(node, top);
      return;
    }
    for (auto& child : node->children) run(child, top);
  }

  void substitute(ast::ExprPtr& node, bool top) {
    const std::string name = node->name;
    if (top) out.direct.push_back(name);
    const ast::Expr* macro = lookup(name);
    if (!macro) {
      if (!out.first_unknown) out.first_unknown = std::make_pair(name, node->pos);
      return;
    }
    if (std::find(path.begin(), path.end(), name) != path.end()) {
      out.loop = std::make_pair(name, node->pos);
      return;
    }
    path.push_back(name);
    ast::ExprPtr copy = macro->clone();
    run(copy, false);
    path.pop_back();
    out.resolved.insert(name);
    if (copy->macro.empty()) copy->macro = name;  // a macro that is another macro's name keeps the inner one
    node = std::move(copy);
  }
};

}  // namespace

MacroResolution resolve_macros(ast::ExprPtr& expr,
                               const std::function<const ast::Expr*(const std::string&)>& lookup) {
  MacroResolution out;
  Resolver r{lookup, out, {}};
  r.run(expr, true);
  return out;
}

}  // namespace eg
