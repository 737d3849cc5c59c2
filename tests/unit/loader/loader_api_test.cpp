// Loader API tests: the upstream rules files, multi-file semantics, plugin
// requirement messages, priorities, snippets and report rendering.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/loader/priority.h"
#include "engine/loader/rule_loader.h"
#include "parser/rules/rules_yaml.h"
#include "tests/unit/file_text.h"

namespace fs = std::filesystem;

namespace {

using eg::testing::read_text;

std::string all_messages(const eg::RuleLoader& loader) {
  std::string s;
  for (const auto& r : loader.results()) {
    for (const auto& e : r.errors) s += r.name + ": error: " + e.message + "\n";
    for (const auto& w : r.warnings) s += r.name + ": warning: " + w.message + "\n";
  }
  return s;
}

const char* kRule = R"(- rule: r
  desc: d
  condition: evt.type = open
  output: o
  priority: INFO
)";

}  // namespace

TEST(UpstreamRules, LoadWithoutErrorsOrWarnings) {
  fs::path dir = fs::path(EG_SHARED_DIR) / "compat" / "rules";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "upstream rules not found at " << dir;
  eg::RuleLoader loader;
  const std::vector<std::pair<std::string, size_t>> files = {
      {"falco_rules.yaml", 25}, {"falco-incubating_rules.yaml", 25 + 31}, {"falco-sandbox_rules.yaml", 25 + 31 + 37}};
  for (const auto& [name, cumulative] : files) {
    loader.load({name, read_text(dir / name)});
    ASSERT_TRUE(loader.ok()) << all_messages(loader);
    EXPECT_EQ(loader.rules().size(), cumulative) << name;
  }
  EXPECT_EQ(all_messages(loader), "");
  EXPECT_FALSE(loader.check_plugin_requirements().has_value());
  size_t disabled = 0;
  for (const auto& r : loader.rules()) disabled += r.enabled ? 0 : 1;
  EXPECT_EQ(disabled, 12u);
  EXPECT_EQ(loader.required_engine_version(), "0.57.0");
  for (const auto& r : loader.rules()) {
    EXPECT_TRUE(r.filter != nullptr) << r.name;
    EXPECT_FALSE(r.event_codes.empty()) << r.name;
  }
}

TEST(MultiFile, MacroMustBeDefinedInSameOrEarlierFile) {
  eg::RuleLoader loader;
  loader.load({"1.yaml", "- rule: r\n  desc: d\n  condition: later_macro\n  output: o\n  priority: INFO\n"});
  loader.load({"2.yaml", "- macro: later_macro\n  condition: evt.type = open\n"});
  ASSERT_EQ(loader.results().size(), 2u);
  EXPECT_FALSE(loader.results()[0].successful);
  EXPECT_EQ(loader.results()[0].errors.at(0).message, "Undefined macro 'later_macro' used in filter.");
  EXPECT_TRUE(loader.results()[1].successful);
}

TEST(MultiFile, ListMayBeDefinedInLaterFile) {
  eg::RuleLoader loader;
  loader.load({"1.yaml", "- rule: r\n  desc: d\n  condition: evt.type = open and proc.name in (names)\n"
                         "  output: o\n  priority: INFO\n"});
  loader.load({"2.yaml", "- list: names\n  items: [cat]\n"});
  EXPECT_TRUE(loader.results()[1].successful) << all_messages(loader);
  ASSERT_EQ(loader.rules().size(), 1u);
  EXPECT_EQ(loader.rules()[0].used_lists, std::vector<std::string>{"names"});
}

TEST(MultiFile, CompileWarningsRepeatForEveryFile) {
  eg::RuleLoader loader;
  loader.load({"1.yaml", "- macro: unused\n  condition: evt.type = open\n"});
  loader.load({"2.yaml", kRule});
  ASSERT_EQ(loader.results().size(), 2u);
  EXPECT_EQ(loader.results()[0].warnings.size(), 1u);
  EXPECT_EQ(loader.results()[1].warnings.size(), 1u);
  EXPECT_EQ(loader.results()[1].warnings[0].context.file_name(), "1.yaml");
}

TEST(MultiFile, RuleOrderIsFirstDefinition) {
  eg::RuleLoader loader;
  loader.load({"1.yaml", std::string(kRule) + "- rule: s\n  desc: d\n  condition: evt.type = close\n  output: o\n  priority: INFO\n"});
  loader.load({"2.yaml", std::string(kRule)});
  ASSERT_EQ(loader.rules().size(), 2u);
  EXPECT_EQ(loader.rules()[0].name, "r");
  EXPECT_EQ(loader.rules()[1].name, "s");
}

TEST(PluginRequirements, UnknownPluginIsReported) {
  eg::RuleLoader loader;
  loader.load({"r.yaml",
               "- required_plugin_versions:\n    - name: k8saudit\n      version: 0.1.0\n      alternatives:\n"
               "        - name: k8saudit-eks\n          version: 0.2.0\n"});
  ASSERT_TRUE(loader.ok());
  EXPECT_EQ(loader.check_plugin_requirements().value_or(""),
            "Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0), k8saudit-eks (>= 0.2.0)");
}

TEST(PluginRequirements, IncompatibleContainerVersion) {
  eg::RuleLoader loader;
  loader.load({"r.yaml", "- required_plugin_versions:\n    - name: container\n      version: 0.99.0\n"});
  EXPECT_EQ(loader.check_plugin_requirements().value_or(""),
            "Plugin 'container' version '0.7.1' is not compatible with required plugin version '0.99.0'");
}

TEST(Priority, AllSpellings) {
  EXPECT_EQ(eg::parse_priority("EMERGENCY"), eg::Priority::Emergency);
  EXPECT_EQ(eg::parse_priority("alert"), eg::Priority::Alert);
  EXPECT_EQ(eg::parse_priority("Critical"), eg::Priority::Critical);
  EXPECT_EQ(eg::parse_priority("error"), eg::Priority::Error);
  EXPECT_EQ(eg::parse_priority("WaRnInG"), eg::Priority::Warning);
  EXPECT_EQ(eg::parse_priority("notice"), eg::Priority::Notice);
  EXPECT_EQ(eg::parse_priority("info"), eg::Priority::Informational);
  EXPECT_EQ(eg::parse_priority("INFORMATIONAL"), eg::Priority::Informational);
  EXPECT_EQ(eg::parse_priority("debug"), eg::Priority::Debug);
  EXPECT_FALSE(eg::parse_priority("warn").has_value());
  EXPECT_FALSE(eg::parse_priority("4").has_value());
  EXPECT_EQ(eg::priority_long_name(eg::Priority::Informational), "Informational");
  EXPECT_EQ(eg::priority_short_name(eg::Priority::Informational), "INFO");
}

TEST(Snippet, LineWithCaret) {
  EXPECT_EQ(eg::render_snippet("- list: a\n  items: [x]\n", 2), "- list: a\n  ^\n");
  EXPECT_EQ(eg::render_snippet("abc", 99), "abc\n  ^\n");
  EXPECT_EQ(eg::render_snippet("", 0), "<No context available>\n");
  std::string long_line(300, 'x');
  std::string s = eg::render_snippet(long_line, 150);
  EXPECT_EQ(s.substr(0, 3), "...");
}

TEST(Render, ValidateTextAndJson) {
  eg::RuleLoader loader;
  loader.load({"ok.yaml", kRule});
  loader.load({"bad.yaml", "- rule: x\n  desc: d\n"});
  eg::ValidateTextOutput text = eg::render_validate_text(loader);
  EXPECT_EQ(text.stdout_text,
            "ok.yaml: Ok\nbad.yaml: Invalid\n1 Errors:\nIn rules content: (bad.yaml:0:0)\n"
            "    rule 'x': (bad.yaml:0:2)\n------\n- rule: x\n  ^\n------\n"
            "LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Item has no "
            "mapping for key 'condition'\n\n");
  EXPECT_EQ(text.stderr_text, "Error: " + text.stdout_text);
  std::string json = eg::render_validate_json(loader);
  EXPECT_NE(json.find("\"codedesc\":\"Error validating internal structure of YAML file\""), std::string::npos);
  EXPECT_EQ(json.back(), '\n');
}

TEST(Render, ListText) {
  eg::RuleLoader loader;
  loader.load({"ok.yaml", kRule});
  EXPECT_EQ(eg::render_rules_list_text(loader),
            "Rule                                               Description\n"
            "----                                               -----------\n"
            "r                                                  d \n\n");
}
