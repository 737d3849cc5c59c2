// Parsed conditions by text. Everything is compiled again after each file
// (as Falco does), and most conditions do not change between files, so the
// loader keeps each text's parse result. Trees are immutable once cached and
// handed out shared: a caller that changes a tree (macro inlining) clones it.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include <vector>

#include "engine/loader/ast_facts.h"
#include "parser/condition/ast_inventory.h"
#include "parser/condition/condition_parser.h"

namespace eg {

// The names a condition mentions itself, read off its unresolved tree:
// elements of parenthesised lists (list names among them) and identifiers
// (macro names). Kept per text, as the tree is.
struct TextNames {
  std::vector<std::string> list_values;
  std::vector<std::string> identifiers;
};

struct CachedParse {
  std::shared_ptr<const ast::Expr> expr;  // set on success
  std::string error;
  ast::Position error_pos;
  bool ok() const { return expr != nullptr; }
  std::shared_ptr<const TextNames> names;  // filled on first use (ParseCache::names)
};

class ParseCache {
 public:
  // The cached result for `text` (parsing it on first use).
  const CachedParse& parse(const std::string& text) {
    auto it = results_.find(text);
    if (it == results_.end()) {
      ConditionParseResult parsed = parse_condition(text);
      CachedParse entry{std::shared_ptr<const ast::Expr>(std::move(parsed.expr)), std::move(parsed.error),
                        parsed.error_pos, nullptr};
      it = results_.emplace(text, std::move(entry)).first;
    }
    return it->second;
  }

  // The parse of `text` and the names it mentions (null when it does not parse).
  const TextNames* names(const std::string& text) {
    const CachedParse& parsed = parse(text);
    if (!parsed.ok()) return nullptr;
    if (!parsed.names) {
      TextNames n;
      n.list_values = condition_facts(*parsed.expr).list_values;
      n.identifiers = ast::collect_identifiers(*parsed.expr);
      results_[text].names = std::make_shared<const TextNames>(std::move(n));
    }
    return parsed.names.get();
  }

 private:
  std::unordered_map<std::string, CachedParse> results_;
};

}  // namespace eg
