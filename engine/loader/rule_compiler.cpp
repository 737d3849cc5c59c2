// The compile step (see rule_compiler.h). Split by item kind; each function
// throws LoadFailure on the first error, which compile_collected records.
#include "engine/loader/rule_compiler.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/compiler/event_types.h"
#include "engine/compiler/shared_results.h"
#include "engine/loader/ast_facts.h"
#include "engine/loader/condition_text.h"
#include "engine/loader/macro_resolver.h"
#include "engine/loader/output_fields.h"
#include "parser/condition/ast_inventory.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

constexpr const char* kContainerInfo = "%container.info";
constexpr const char* kContainerInfoWarning =
    "%container.info is deprecated and no more useful, and will be dropped by Falco 1.0.0. The "
    "container plugin will automatically add required fields to the output message.";

struct CompileState {
  const Collector& collector;
  const LoaderOptions& options;
  LoadSink& sink;
  CompileOutput& out;
  ListSubstitution expanded;                          // for substitution, collector order
  std::vector<bool> list_used;                        // by list position
  std::vector<const CachedParse*> macro_bodies;       // parsed, unresolved, by macro position
  std::vector<bool> macro_used;
  std::unordered_map<std::string, size_t> macro_pos;  // name -> position
  bool common_outputs_ok = true;                      // see scan_common_outputs
  std::string common_outputs_text;
  std::vector<std::string> common_outputs_fields;
  CompileCache& memo;
  ParseCache& cache;
  // Macro results shared by the rules (see shared_results.h, compile_cache.h).
  std::shared_ptr<SharedResults> shared_results;
  std::vector<std::string> body_labels;  // slot name of each macro's inlined body, by position
};

void push_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// ---- lists -------------------------------------------------------------------

void compile_lists(CompileState& st) {
  const auto& infos = st.collector.lists().items();
  std::vector<ExpandedList> expanded;
  st.list_used.assign(infos.size(), false);
  std::unordered_map<std::string, size_t> pos;
  for (size_t i = 0; i < infos.size(); ++i) pos[infos[i].name] = i;
  for (const auto& l : infos) {
    CompiledList c;
    c.name = l.name;
    for (const auto& item : l.items) {
      auto it = pos.find(item);
      const ListInfo* ref = it == pos.end() ? nullptr : &infos[it->second];
      if (ref && ref->index < l.visibility) {
        st.list_used[it->second] = true;
        push_unique(c.lists, item);
        c.items_compiled.insert(c.items_compiled.end(), ref->items.begin(), ref->items.end());
      } else {
        c.items.push_back(item);
        c.items_compiled.push_back(item);
      }
    }
    expanded.push_back(ExpandedList{c.name, c.items_compiled, false});
    st.out.lists.push_back(std::move(c));
  }
  st.expanded = ListSubstitution(std::move(expanded));
}

// Substitutes lists in a condition, recording which lists the text used.
std::string expand_lists(CompileState& st, const std::string& text, std::vector<std::string>* used) {
  std::vector<size_t> substituted;
  std::string result = st.expanded.apply(text, &substituted);
  for (size_t i : substituted) {
    st.list_used[i] = true;
    if (used) push_unique(*used, st.expanded.lists()[i].name);
  }
  return result;
}

// The lists and macros a condition names itself (not those of the macros it
// uses), read off its raw tree as Falco does: list names are elements of
// parenthesised lists, macros are identifiers naming a macro.
void own_references(CompileState& st, const std::string& cond, std::vector<std::string>& lists,
                    std::vector<std::string>& macros) {
  const TextNames* names = st.cache.names(cond);
  if (!names) return;
  for (const auto& v : names->list_values) {
    if (st.collector.lists().find(v)) push_unique(lists, v);
  }
  for (const auto& name : names->identifiers) {
    if (st.collector.macros().find(name)) push_unique(macros, name);
  }
}

// The cache entry of `text`, which parsed (its tree is shared, not to be
// changed).
const CachedParse& parse_or_fail(CompileState& st, const std::string& text, const LoadContext& cond_ctx) {
  const CachedParse& parsed = st.cache.parse(text);
  if (!parsed.ok()) {
    throw LoadFailure{LoadErrorCode::CompileCondition, parsed.error,
                      condition_context(cond_ctx, parsed.error_pos, text)};
  }
  return parsed;
}

bool has_identifier(const ast::Expr& e) {
  if (e.kind == ast::Expr::Kind::Identifier) return true;
  for (const auto& c : e.children) {
    if (has_identifier(*c)) return true;
  }
  return false;
}

void fail_resolution(const MacroResolution& res, const LoadContext& ctx, const std::string& text) {
  if (res.loop) {
    throw LoadFailure{LoadErrorCode::Validate, "reference loop in macro '" + res.loop->first + "'",
                      condition_context(ctx, res.loop->second, text)};
  }
  throw LoadFailure{LoadErrorCode::Validate,
                    "Undefined macro '" + res.first_unknown->first + "' used in filter.",
                    condition_context(ctx, res.first_unknown->second, text)};
}

// ---- macros ------------------------------------------------------------------

// Positions and bodies of the macros a resolution inlined.
MacroDeps macro_deps(CompileState& st, const std::set<std::string>& resolved) {
  MacroDeps deps;
  for (const auto& name : resolved) {
    size_t pos = st.macro_pos[name];
    deps.emplace_back(pos, st.macro_bodies[pos]);
  }
  return deps;
}

constexpr size_t kSeesAllMacros = SIZE_MAX;  // rules see every macro

// Do the inlined macros still have the bodies they had, and are they still
// visible to the item (a macro sees those defined before it)?
bool deps_unchanged(const CompileState& st, const MacroDeps& deps, size_t visibility) {
  const auto& infos = st.collector.macros().items();
  for (const auto& [pos, body] : deps) {
    if (st.macro_bodies[pos] != body || infos[pos].index >= visibility) return false;
  }
  return true;
}

void mark_used(CompileState& st, const MacroDeps& deps) {
  for (const auto& dep : deps) st.macro_used[dep.first] = true;
}

// Resolves macro `i` and reads its facts off the tree.
MacroMemo build_macro(CompileState& st, size_t i) {
  const auto& infos = st.collector.macros().items();
  const MacroInfo& m = infos[i];
  MacroMemo memo;
  memo.body = st.macro_bodies[i];
  // A body without macro references is its own resolved tree: share the
  // cached parse instead of copying it.
  std::shared_ptr<const ast::Expr> tree = memo.body->expr;
  if (has_identifier(*tree)) {
    ast::ExprPtr resolved = tree->clone();
    MacroResolution res = resolve_macros(resolved, [&](const std::string& name) -> const ast::Expr* {
      auto it = st.macro_pos.find(name);
      if (it == st.macro_pos.end() || infos[it->second].index >= m.visibility) return nullptr;
      return st.macro_bodies[it->second]->expr.get();
    });
    if (!res.ok()) fail_resolution(res, m.ctx, m.cond);
    memo.deps = macro_deps(st, res.resolved);
    tree = std::shared_ptr<const ast::Expr>(std::move(resolved));
  }
  CompiledMacro& c = memo.compiled;
  ConditionFacts facts = condition_facts(*tree);
  c.condition_fields = std::move(facts.fields);
  c.condition_operators = std::move(facts.operators);
  auto codes = syscall_rule_event_codes(*tree);
  if (codes.ok()) c.event_codes = codes.codes.codes();
  c.ast = std::move(tree);
  return memo;
}

void compile_macros(CompileState& st) {
  const auto& infos = st.collector.macros().items();
  st.macro_used.assign(infos.size(), false);
  for (size_t i = 0; i < infos.size(); ++i) {
    st.macro_pos[infos[i].name] = i;
    std::string text = expand_lists(st, infos[i].cond, nullptr);
    st.macro_bodies.push_back(&parse_or_fail(st, text, infos[i].cond_ctx));
  }
  auto& memos = st.memo.macros;
  if (memos.size() < infos.size()) memos.resize(infos.size());
  for (size_t i = 0; i < infos.size(); ++i) {
    const MacroInfo& m = infos[i];
    auto& memo = memos[i];
    bool reuse = memo && memo->body == st.macro_bodies[i] && deps_unchanged(st, memo->deps, m.visibility);
    if (!reuse) memo = build_macro(st, i);
    mark_used(st, memo->deps);
    CompiledMacro c = memo->compiled;
    c.name = m.name;
    c.condition = m.cond;
    own_references(st, m.cond, c.used_lists, c.used_macros);
    st.out.macros.push_back(std::move(c));
  }
}

// ---- rules -------------------------------------------------------------------

bool is_unknown_filter_error(const std::string& msg) {
  return msg.find("nonexistent field") != std::string::npos ||
         msg.find("invalid formatting token") != std::string::npos ||
         msg.find("unknown event type") != std::string::npos ||
         msg.find("unknown filter:") != std::string::npos;
}

void remove_all(std::string& s, const std::string& what) {
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what)) s.erase(p, what.size());
}

// Builds and checks the output; false when the rule is skipped. The formats
// added to every output (extra formats, suggested suffix) are scanned once
// per compile step (CompileState::common_outputs).
bool build_output(CompileState& st, const RuleInfo& r, CompiledRule& c) {
  std::string own = r.output;
  std::string all = r.output;
  for (const auto& extra : st.options.extra_output_formats) all += " " + extra;
  if (all.find(kContainerInfo) != std::string::npos) {
    st.sink.warn(LoadWarningCode::DeprecatedItem, kContainerInfoWarning, r.ctx);
    remove_all(own, kContainerInfo);
  }
  auto deprecated = st.memo.deprecated_outputs.find(all);
  if (deprecated == st.memo.deprecated_outputs.end()) {
    deprecated = st.memo.deprecated_outputs.emplace(all, deprecated_output_fields(all)).first;
  }
  for (const auto& f : deprecated->second) {
    st.sink.warn(LoadWarningCode::DeprecatedItem,
                 "usage of deprecated field '" + f + "' has been detected in the rule output",
                 r.output_ctx, f);
  }
  auto scanned = st.memo.output_scans.find(own);
  if (scanned == st.memo.output_scans.end()) scanned = st.memo.output_scans.emplace(own, scan_output_format(own)).first;
  const OutputScan& scan = scanned->second;
  if (!scan.ok) {
    if (r.skip_if_unknown_filter) {
      st.sink.warn(LoadWarningCode::UnknownFilter, kOutputErrorMessage, r.output_ctx);
      return false;
    }
    throw LoadFailure{LoadErrorCode::CompileOutput, kOutputErrorMessage, r.output_ctx};
  }
  if (!st.common_outputs_ok) {
    throw LoadFailure{LoadErrorCode::CompileOutput, kOutputErrorMessage, r.output_ctx};
  }
  c.output_compiled = own + st.common_outputs_text;
  c.output_fields = scan.fields;
  c.output_fields.insert(c.output_fields.end(), st.common_outputs_fields.begin(), st.common_outputs_fields.end());
  return true;
}

// The suggested suffix and the configured extra formats, in that order.
void scan_common_outputs(CompileState& st) {
  std::vector<std::string> parts;
  if (!st.options.suggested_output_suffix.empty()) parts.push_back(st.options.suggested_output_suffix);
  for (const auto& extra : st.options.extra_output_formats) parts.push_back(extra);
  for (const auto& part : parts) {
    std::string own = part;
    remove_all(own, kContainerInfo);
    OutputScan scan = scan_output_format(own);
    st.common_outputs_ok = st.common_outputs_ok && scan.ok;
    st.common_outputs_text += " " + own;
    st.common_outputs_fields.insert(st.common_outputs_fields.end(), scan.fields.begin(), scan.fields.end());
  }
}

void exception_summaries(const RuleInfo& r, CompiledRule& c) {
  for (const auto& ex : r.exceptions) {
    RuleExceptionSummary s;
    s.name = ex.name;
    if (ex.fields.is_list) {
      for (const auto& f : ex.fields.items) s.fields.push_back(f.item);
    } else if (ex.fields.defined) {
      s.fields.push_back(ex.fields.item);
    }
    if (ex.comps.is_list) {
      for (const auto& f : ex.comps.items) s.comps.push_back(f.item);
    } else {
      s.comps.push_back(ex.comps.item);
    }
    if (!ex.values.empty()) {
      for (const auto& f : s.fields) push_unique(c.exception_fields, f);
    }
    for (const auto& o : s.comps) push_unique(c.exception_operators, o);
    c.exceptions.push_back(std::move(s));
  }
}

// The slot name of macro `name`'s body as rules inline it: the name and the
// id of its body text and of the labels of the macros it inlines (rules see
// every macro, so within a compile this is one body per name). Only called on
// macros of a successful resolution, which has no reference loop.
const std::string& body_label(CompileState& st, const std::string& name) {
  size_t pos = st.macro_pos.at(name);
  if (st.body_labels.size() < st.macro_bodies.size()) st.body_labels.resize(st.macro_bodies.size());
  if (!st.body_labels[pos].empty()) return st.body_labels[pos];
  const CachedParse* body = st.macro_bodies[pos];
  std::string key = std::to_string(reinterpret_cast<uintptr_t>(body));
  for (const auto& id : ast::collect_identifiers(*body->expr)) key += "\n" + body_label(st, id);
  size_t id = st.memo.body_ids.emplace(std::move(key), st.memo.body_ids.size()).first->second;
  st.body_labels[pos] = name + "\x1f" + std::to_string(id);
  return st.body_labels[pos];
}

void label_bodies(CompileState& st, ast::Expr& e) {
  if (!e.macro.empty()) e.macro = body_label(st, e.macro);
  for (auto& c : e.children) label_bodies(st, *c);
}

// Resolves a rule's condition (the cache entry of its text after exceptions
// and list substitution).
RuleMemo build_rule(CompileState& st, const RuleInfo& r, const CachedParse& body,
                    const std::string& condition) {
  RuleMemo memo;
  memo.body = &body;
  ast::ExprPtr tree = body.expr->clone();
  MacroResolution res = resolve_macros(tree, [&](const std::string& name) -> const ast::Expr* {
    auto it = st.macro_pos.find(name);
    return it == st.macro_pos.end() ? nullptr : st.macro_bodies[it->second]->expr.get();
  });
  // Past parsing, Falco names locations after the condition before list
  // substitution.
  if (!res.ok()) fail_resolution(res, r.ctx, condition);
  memo.deps = macro_deps(st, res.resolved);
  label_bodies(st, *tree);
  memo.tree = std::shared_ptr<const ast::Expr>(std::move(tree));
  return memo;
}

// What compile_rule reads off a tree whose filter compiled.
void analyze_rule(RuleMemo& memo) {
  const ast::Expr& tree = *memo.tree;
  memo.constant_warnings = constant_warnings(tree);
  EventTypesResult codes = syscall_rule_event_codes(tree);
  memo.codes_error = codes.error;
  if (codes.ok()) {
    memo.codes = codes.codes.codes();
    memo.own_code_count = condition_event_codes(tree).codes.size();
    memo.deprecated_warnings = deprecated_field_warnings(tree);
    ConditionFacts facts = condition_facts(tree);
    memo.fields = std::move(facts.fields);
    memo.operators = std::move(facts.operators);
  }
  memo.analyzed = true;
}

void compile_rule(CompileState& st, size_t pos, const RuleInfo& r) {
  CompiledRule c;
  std::string condition = r.cond;
  if (!r.exceptions.empty()) condition = "(" + condition + ")" + exceptions_condition_text(r.exceptions);
  if (!build_output(st, r, c)) return;

  std::string text = expand_lists(st, condition, nullptr);
  const CachedParse& body = parse_or_fail(st, text, r.cond_ctx);
  auto& memos = st.memo.rules;
  if (memos.size() <= pos) memos.resize(pos + 1);
  auto& memo = memos[pos];
  if (!memo || memo->body != &body || !deps_unchanged(st, memo->deps, kSeesAllMacros)) {
    memo = build_rule(st, r, body, condition);
  }
  mark_used(st, memo->deps);
  const ast::Expr& tree = *memo->tree;

  if (!memo->filter) {
    FilterCompileResult compiled = compile_filter(tree, st.shared_results);
    if (!compiled.ok()) {
      LoadContext ctx = condition_context(r.cond_ctx, compiled.error_pos, condition);
      if (r.skip_if_unknown_filter && is_unknown_filter_error(compiled.error)) {
        st.sink.warn(LoadWarningCode::UnknownFilter, compiled.error, ctx);
        return;
      }
      throw LoadFailure{LoadErrorCode::CompileCondition, compiled.error, ctx};
    }
    memo->filter = std::shared_ptr<Filter>(std::move(compiled.filter));
  }
  if (!memo->analyzed) analyze_rule(*memo);
  for (const auto& w : memo->constant_warnings) {
    st.sink.warn(LoadWarningCode::CompileCondition, w.message,
                 condition_context(r.cond_ctx, w.pos, condition));
  }
  if (!memo->codes_error.empty()) {
    st.out.fatal = memo->codes_error;
    return;
  }
  if (r.warn_evttypes && memo->own_code_count > kMaxEventTypesWithoutWarning) {
    st.sink.warn(LoadWarningCode::NoEvttype,
                 "Rule matches too many evt.type values. This has a significant performance penalty.",
                 r.ctx);
  }
  for (const auto& w : memo->deprecated_warnings) {
    st.sink.warn(LoadWarningCode::DeprecatedItem, w.message,
                 condition_context_at_start(r.cond_ctx, condition), w.deprecated_field);
  }

  c.name = r.name;
  c.description = r.desc;
  c.priority = r.priority;
  c.source = r.source;
  c.tags = r.tags;
  c.enabled = r.enabled;
  c.capture = r.capture;
  c.capture_duration = r.capture_duration;
  c.condition = r.cond;
  c.output = r.output;
  exception_summaries(r, c);
  own_references(st, r.cond, c.used_lists, c.used_macros);
  c.condition_fields = memo->fields;
  c.condition_operators = memo->operators;
  c.event_codes = memo->codes;
  c.filter = memo->filter;
  c.shared_results = st.shared_results;
  c.ast = memo->tree;
  st.out.rules.push_back(std::move(c));
}

void warn_unused(CompileState& st) {
  const auto& macros = st.collector.macros().items();
  for (size_t i = 0; i < macros.size(); ++i) {
    st.out.macros[i].used = st.macro_used[i];
    if (!st.macro_used[i]) {
      st.sink.warn(LoadWarningCode::UnusedMacro, "Macro not referred to by any other rule/macro",
                   macros[i].ctx);
    }
  }
  const auto& lists = st.collector.lists().items();
  for (size_t i = 0; i < lists.size(); ++i) {
    st.out.lists[i].used = st.list_used[i];
    if (!st.list_used[i]) {
      st.sink.warn(LoadWarningCode::UnusedList, "List not referred to by any other rule/macro", lists[i].ctx);
    }
  }
}

}  // namespace

bool compile_collected(const Collector& collector, const LoaderOptions& options, CompileCache& cache,
                       LoadSink& sink, CompileOutput& out) {
  out = CompileOutput{};
  if (!options.reuse_compile_results) cache = CompileCache{};
  CompileState st{collector, options, sink, out, {}, {}, {}, {}, {}, true, {}, {}, cache, cache.parse,
                  cache.shared_results, {}};
  scan_common_outputs(st);
  try {
    compile_lists(st);
    compile_macros(st);
    const auto& rules = collector.rules().items();
    for (size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].unknown_source) continue;
      compile_rule(st, i, rules[i]);
      if (out.fatal) return false;
    }
  } catch (const LoadFailure& f) {
    sink.fail(f.code, f.message, f.context);
    return false;
  }
  warn_unused(st);
  return true;
}

}  // namespace eg
