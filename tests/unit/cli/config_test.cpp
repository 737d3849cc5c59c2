// Unit tests for configuration overrides and the typed configuration
// (engine/cli/config_overrides.h, engine/cli/app_config.h).
#include <gtest/gtest.h>

#include "engine/cli/app_config.h"
#include "engine/cli/config_overrides.h"

namespace eg::cli {
namespace {

AppConfig config_of(const std::string& yaml, std::vector<std::string> overrides = {}) {
  YAML::Node root = yaml.empty() ? YAML::Node(YAML::NodeType::Map) : YAML::Load(yaml);
  for (const auto& o : overrides) EXPECT_EQ(apply_override(root, o), "") << o;
  auto r = read_app_config(root);
  EXPECT_TRUE(r.ok()) << r.error;
  return r.config;
}

TEST(KeyPath, Steps) {
  std::vector<KeyStep> s;
  ASSERT_TRUE(parse_key_path("rules[].disable.rule", s));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].name, "rules");
  EXPECT_EQ(s[1].kind, KeyStep::Append);
  EXPECT_EQ(s[3].name, "rule");
  ASSERT_TRUE(parse_key_path("a[2].b\\.c", s));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1].index, 2u);
  EXPECT_EQ(s[2].name, "b.c");
  EXPECT_FALSE(parse_key_path("a[", s));
  EXPECT_FALSE(parse_key_path("a..b", s));
  EXPECT_FALSE(parse_key_path("[1]", s));
  EXPECT_FALSE(parse_key_path("a[x]", s));
}

TEST(Overrides, ScalarsMapsAndAppends) {
  YAML::Node root(YAML::NodeType::Map);
  EXPECT_EQ(apply_override(root, "json_output=true"), "");
  EXPECT_EQ(apply_override(root, "http_output.url=http://x:1/a=b"), "");
  EXPECT_EQ(apply_override(root, "rules[].disable.rule=*"), "");
  EXPECT_EQ(apply_override(root, "rules[].enable.tag=net"), "");
  EXPECT_EQ(apply_override(root, "append_output[]={extra_output: x, suggested_output: true}"), "");
  EXPECT_EQ(root["json_output"].Scalar(), "true");
  EXPECT_EQ(root["http_output"]["url"].Scalar(), "http://x:1/a=b");
  ASSERT_EQ(root["rules"].size(), 2u);
  EXPECT_EQ(root["rules"][0]["disable"]["rule"].Scalar(), "*");
  EXPECT_EQ(root["rules"][1]["enable"]["tag"].Scalar(), "net");
  EXPECT_EQ(root["append_output"][0]["extra_output"].Scalar(), "x");
  EXPECT_NE(apply_override(root, "novalue"), "");
  EXPECT_NE(apply_override(root, "=x"), "");
}

TEST(Overrides, IndexReplacesElement) {
  YAML::Node root = YAML::Load("rules_files: [a.yaml, b.yaml]");
  EXPECT_EQ(apply_override(root, "rules_files[1]=c.yaml"), "");
  EXPECT_EQ(root["rules_files"][1].Scalar(), "c.yaml");
  EXPECT_EQ(root["rules_files"].size(), 2u);
}

TEST(AppConfig, Defaults) {
  AppConfig c = config_of("");
  EXPECT_FALSE(c.outputs.json_output);
  EXPECT_TRUE(c.outputs.json_include_output_property);
  EXPECT_FALSE(c.outputs.json_include_message_property);
  EXPECT_TRUE(c.outputs.stdout_output.enabled);
  ASSERT_EQ(c.outputs.append_output.size(), 1u);
  EXPECT_TRUE(c.outputs.append_output[0].suggested_output);
  EXPECT_EQ(c.min_priority, 7);
  EXPECT_FALSE(c.rule_matching_all);
  EXPECT_FALSE(c.rules_files_set);
}

TEST(AppConfig, OverridesAppendToDefaultAppendOutput) {
  // -o append_output[]... appends after the default suggested_output entry only
  // when the config file defines append_output; from the built-in defaults the
  // YAML tree has no key, so the entry list becomes exactly the override.
  AppConfig c = config_of("append_output:\n  - suggested_output: true\n",
                          {"append_output[].extra_output=pid=%proc.pid"});
  ASSERT_EQ(c.outputs.append_output.size(), 2u);
  EXPECT_EQ(c.outputs.append_output[1].extra_output, "pid=%proc.pid");
}

TEST(AppConfig, TypedKeys) {
  AppConfig c = config_of(
      "priority: WARNING\nrule_matching: ALL\njson_output: true\ntime_format_iso_8601: true\n"
      "rules_files: [a.yaml, d]\nrules:\n  - disable: {rule: '*'}\n  - enable: {tag: net}\n"
      "http_output: {enabled: true, url: 'http://127.0.0.1:2801/', max_consecutive_timeouts: 2}\n"
      "file_output: {enabled: true, filename: /tmp/x, keep_alive: true}\n"
      "append_output:\n  - match: {tags: [a, b], rule: r}\n    extra_output: on %evt.cpu\n"
      "    extra_fields:\n      - home: \"%user.name\"\n      - evt.hostname\n",
      {"engine.kind=replay", "engine.replay.capture_file=x.scap"});
  EXPECT_EQ(c.min_priority, 4);
  EXPECT_TRUE(c.rule_matching_all);
  EXPECT_TRUE(c.outputs.json_output);
  EXPECT_TRUE(c.outputs.time_format_iso_8601);
  EXPECT_EQ(c.rules_files, (std::vector<std::string>{"a.yaml", "d"}));
  ASSERT_EQ(c.rule_selection.size(), 2u);
  EXPECT_FALSE(c.rule_selection[0].enable);
  EXPECT_EQ(*c.rule_selection[0].rule, "*");
  EXPECT_EQ(*c.rule_selection[1].tag, "net");
  EXPECT_TRUE(c.outputs.http_output.enabled);
  EXPECT_EQ(c.outputs.http_output.max_consecutive_timeouts, 2u);
  EXPECT_TRUE(c.outputs.file_output.keep_alive);
  ASSERT_EQ(c.outputs.append_output.size(), 1u);
  const auto& e = c.outputs.append_output[0];
  EXPECT_EQ(e.match_tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(*e.match_rule, "r");
  ASSERT_EQ(e.extra_fields.size(), 2u);
  EXPECT_EQ(e.extra_fields[0].key, "home");
  EXPECT_FALSE(e.extra_fields[0].raw);
  EXPECT_TRUE(e.extra_fields[1].raw);
  EXPECT_EQ(c.engine_kind, "replay");
  EXPECT_EQ(c.capture_file, "x.scap");
}

TEST(AppConfig, FatalErrors) {
  for (const char* y : {"priority: warn", "rule_matching: some", "rules: [{enable: {}}]",
                        "json_output: maybe", "rules_files: [a]\nrules_file: b"}) {
    auto r = read_app_config(YAML::Load(y));
    EXPECT_FALSE(r.ok()) << y;
  }
}

}  // namespace
}  // namespace eg::cli
