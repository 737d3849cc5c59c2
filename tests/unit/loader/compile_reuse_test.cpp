// The compile step reuses what earlier compiles of a loader resolved for
// unchanged macros and rules (engine/loader/compile_cache.h), and substitutes
// lists by the words of a text (ListSubstitution). Both must give exactly what
// compiling afresh and substituting list by list give: these tests load
// multi-file sequences that change the inputs of earlier items in every way
// the language allows and compare every report with a loader that reuses
// nothing, and compare ListSubstitution with substitute_lists on generated
// texts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "engine/loader/condition_text.h"
#include "engine/loader/rule_loader.h"
#include "loader_summary.h"
#include "parser/condition/ast_printer.h"
#include "tests/unit/file_text.h"

namespace fs = std::filesystem;

namespace {

using eg::testing::read_text;

// Everything a load reports, including the per-file results, -L in both
// forms, -V in JSON and the resolved trees and event codes of macros and rules.
std::string everything(const eg::RuleLoader& loader) {
  std::ostringstream os;
  os << eg::testing::summarize_load(loader);
  os << eg::render_validate_json(loader);
  for (const auto& r : loader.results()) os << eg::render_result_verbose(loader, r);
  if (loader.ok()) {
    try {
      os << eg::render_rules_list_json(loader) << eg::render_rules_list_text(loader);
    } catch (const std::exception& e) {
      os << "list error: " << e.what() << "\n";
    }
  }
  for (const auto& m : loader.macros()) {
    os << "macro " << m.name << " used=" << m.used << " " << (m.ast ? eg::ast::to_string(*m.ast) : "")
       << " codes=";
    for (auto c : m.event_codes) os << c << ",";
    os << "\n";
  }
  for (const auto& r : loader.rules()) {
    os << "rule " << r.name << " codes=";
    for (auto c : r.event_codes) os << c << ",";
    os << " filter=" << (r.filter != nullptr) << "\n";
  }
  for (const auto& l : loader.lists()) os << "list " << l.name << " used=" << l.used << "\n";
  return os.str();
}

void expect_same_as_afresh(const std::vector<eg::RulesFileInput>& files) {
  eg::RuleLoader reusing;
  eg::LoaderOptions fresh_options;
  fresh_options.reuse_compile_results = false;
  eg::RuleLoader fresh(fresh_options);
  for (size_t i = 0; i < files.size(); ++i) {
    reusing.load(files[i]);
    fresh.load(files[i]);
    ASSERT_EQ(everything(reusing), everything(fresh)) << "after file " << i << " (" << files[i].name << ")";
  }
}

std::string rule(const std::string& name, const std::string& cond, const std::string& extra = "") {
  return "- rule: " + name + "\n  desc: d\n  condition: " + cond + "\n  output: o %proc.name\n  priority: INFO\n" +
         extra;
}

}  // namespace

TEST(CompileReuse, UpstreamRulesFiles) {
  fs::path dir = fs::path(EG_SHARED_DIR) / "compat" / "rules";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "upstream rules not found at " << dir;
  std::vector<eg::RulesFileInput> files;
  for (const char* name : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    files.push_back({name, read_text(dir / name)});
  }
  expect_same_as_afresh(files);
}

TEST(CompileReuse, ListAppendedLaterChangesEarlierMacroAndRule) {
  expect_same_as_afresh({
      {"1.yaml", "- list: names\n  items: [cat]\n- macro: m\n  condition: proc.name in (names)\n" +
                     rule("r", "evt.type = open and m")},
      {"2.yaml", "- list: names\n  items: [dog]\n  append: true\n"},
      {"3.yaml", "- list: names\n  items: [cow]\n  override:\n    items: append\n"},
      {"4.yaml", "- list: more\n  items: [names, emu]\n" + rule("s", "evt.type = close and proc.name in (more)")},
  });
}

TEST(CompileReuse, ListDefinedLaterNamesAWordOfAnEarlierCondition) {
  expect_same_as_afresh({
      {"1.yaml", "- macro: m\n  condition: proc.name in (later, cat)\n" + rule("r", "evt.type = open and m") +
                     rule("r2", "evt.type = open and proc.pname in (later)")},
      {"2.yaml", "- list: later\n  items: [x, y]\n"},
      {"3.yaml", "- list: later\n  items: []\n"},
  });
}

TEST(CompileReuse, MacroReplacedOrAppendedLater) {
  expect_same_as_afresh({
      {"1.yaml", "- macro: inner\n  condition: proc.name = a\n- macro: outer\n  condition: evt.type = open and inner\n" +
                     rule("r", "outer") + rule("r2", "inner and evt.type = close")},
      {"2.yaml", "- macro: inner\n  condition: proc.name = b\n"},
      {"3.yaml", "- macro: inner\n  condition: or proc.name = c\n  append: true\n"},
      {"4.yaml", "- macro: outer\n  condition: and proc.pname = d\n  override:\n    condition: append\n"},
      {"5.yaml", "- macro: inner\n  condition: proc.name = e\n"},
  });
}

TEST(CompileReuse, MacroVisibilityAfterRedefinition) {
  // A macro sees the macros defined before it; redefining it moves it later.
  expect_same_as_afresh({
      {"1.yaml", "- macro: a\n  condition: proc.name = a\n- macro: b\n  condition: a and evt.type = open\n" +
                     rule("r", "b")},
      {"2.yaml", "- macro: c\n  condition: proc.name = c\n"},
      {"3.yaml", "- macro: b\n  condition: c and evt.type = open\n"},
      {"4.yaml", "- macro: c\n  condition: b\n"},
  });
}

TEST(CompileReuse, RuleChangedByAppendOverrideAndExceptions) {
  std::string exc =
      "  exceptions:\n  - name: e1\n    fields: [proc.name, fd.name]\n    comps: [=, startswith]\n"
      "    values:\n    - [a, /tmp]\n";
  expect_same_as_afresh({
      {"1.yaml", rule("r", "evt.type = open", exc) + rule("s", "evt.type = close")},
      {"2.yaml", "- rule: r\n  condition: and proc.name != x\n  append: true\n"},
      {"3.yaml", "- rule: r\n  exceptions:\n  - name: e1\n    values:\n    - [b, /var]\n  append: true\n"},
      {"4.yaml", "- rule: s\n  condition: evt.type = connect\n  override:\n    condition: replace\n"},
      {"5.yaml", "- rule: s\n  enabled: false\n"},
      {"6.yaml", rule("r", "evt.type = openat")},
  });
}

TEST(CompileReuse, WarningsAndSkippedRulesRepeatPerFile) {
  expect_same_as_afresh({
      {"1.yaml", "- macro: unused\n  condition: evt.type = open\n- list: unused_list\n  items: [a]\n" +
                     rule("r", "evt.type = open and proc.name = \"proc.pname\" and evt.dir = <") +
                     rule("u", "evt.type = open and no.such.field = 1", "  skip-if-unknown-filter: true\n") +
                     rule("many", "proc.name = a")},
      {"2.yaml", rule("t", "evt.type = close")},
      {"3.yaml", "- rule: many\n  warn_evttypes: false\n  override:\n    warn_evttypes: replace\n"},
      {"4.yaml", "- rule: u\n  skip-if-unknown-filter: false\n  override:\n    skip-if-unknown-filter: replace\n"},
      {"5.yaml", rule("v", "evt.type = close")},
  });
}

TEST(CompileReuse, ErrorsInLaterFiles) {
  expect_same_as_afresh({
      {"1.yaml", "- macro: m\n  condition: evt.type = open\n" + rule("r", "m")},
      {"2.yaml", rule("bad", "m and undefined_macro")},
      {"3.yaml", rule("bad2", "evt.type = open and (")},
      {"4.yaml", "- macro: m\n  condition: m2\n- macro: m2\n  condition: m\n"},
      {"5.yaml", rule("ok", "m")},
  });
}

// ---- list substitution ----------------------------------------------------------

TEST(ListSubstitution, SameAsSubstitutingListByList) {
  std::mt19937 rng(7);
  const std::vector<std::string> names = {"a", "b", "ab", "list_x", "x y", "c(d", "", "e=f", "bin", "bin_dirs"};
  const std::vector<std::string> words = {"a",   "b",  "ab",  "list_x", "x",   "y",        "bin",  "bin_dirs",
                                          "abc", "(",  ")",   ",",      " ",   "\n",       "=",    "c(d",
                                          "in",  "and", "\"a b\"", "e=f", "proc.name", "bin/x", "\t", "'q'"};
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  for (int round = 0; round < 2000; ++round) {
    std::vector<eg::ExpandedList> lists;
    std::vector<std::string> used_names;
    for (const auto& n : names) {
      if (rng() % 3 == 0) continue;
      eg::ExpandedList l;
      l.name = n;
      size_t count = rng() % 4;
      for (size_t i = 0; i < count; ++i) l.items.push_back(rng() % 2 ? pick(words) : pick(names));
      lists.push_back(l);
    }
    std::shuffle(lists.begin(), lists.end(), rng);
    eg::ListSubstitution by_words(lists);
    for (int t = 0; t < 20; ++t) {
      std::string text;
      size_t len = rng() % 12;
      for (size_t i = 0; i < len; ++i) text += pick(words) + (rng() % 2 ? " " : "");
      std::vector<eg::ExpandedList> reference = lists;
      std::string want = eg::substitute_lists(text, reference);
      for (auto& l : by_words.lists()) l.used = false;
      std::vector<size_t> substituted;
      std::string got = by_words.apply(text, &substituted);
      ASSERT_EQ(got, want) << "text: [" << text << "]";
      std::vector<size_t> want_used;
      for (size_t i = 0; i < reference.size(); ++i) {
        EXPECT_EQ(by_words.lists()[i].used, reference[i].used) << text << " list " << reference[i].name;
        if (reference[i].used) want_used.push_back(i);
      }
      EXPECT_EQ(substituted, want_used) << text;
    }
  }
}
