// Unit tests for the command-line parser (engine/cli/command_line.h).
#include "engine/cli/command_line.h"

#include <gtest/gtest.h>

namespace eg::cli {
namespace {

CommandLine parse_ok(std::vector<std::string> args) {
  auto r = parse_command_line(args);
  EXPECT_TRUE(r.ok()) << r.error;
  return r.cmd;
}

TEST(CommandLine, RulesAreRepeatableAndOrdered) {
  auto c = parse_ok({"-r", "a.yaml", "-r", "dir", "-rb.yaml"});
  EXPECT_EQ(c.rules_paths, (std::vector<std::string>{"a.yaml", "dir", "b.yaml"}));
}

TEST(CommandLine, ValidateLongAndShort) {
  auto c = parse_ok({"-V", "a.yaml", "--validate", "b.yaml", "--validate=c.yaml"});
  EXPECT_EQ(c.validate_files, (std::vector<std::string>{"a.yaml", "b.yaml", "c.yaml"}));
}

TEST(CommandLine, ReplayConvenienceExpandsToOverridesInOrder) {
  auto c = parse_ok({"-o", "json_output=true", "-e", "x.scap", "-A", "-o", "priority=warning"});
  EXPECT_EQ(c.overrides, (std::vector<std::string>{"json_output=true", "engine.kind=replay",
                                                   "engine.replay.capture_file=x.scap",
                                                   "base_syscalls.all=true", "priority=warning"}));
}

TEST(CommandLine, TagSelectionConveniences) {
  auto c = parse_ok({"-t", "net", "-t", "fs"});
  EXPECT_EQ(c.overrides, (std::vector<std::string>{"rules[].disable.rule=*", "rules[].enable.tag=net",
                                                   "rules[].enable.tag=fs"}));
  auto d = parse_ok({"-T", "noisy", "-D", "shell"});
  EXPECT_EQ(d.overrides, (std::vector<std::string>{"rules[].disable.tag=noisy", "rules[].disable.rule=*shell*"}));
  EXPECT_FALSE(parse_command_line({"-t", "a", "-T", "b"}).ok());
}

TEST(CommandLine, ListWithOptionalSource) {
  auto c = parse_ok({"--list", "-N"});
  EXPECT_TRUE(c.list_fields);
  EXPECT_TRUE(c.names_only);
  EXPECT_EQ(c.list_source, "");
  auto d = parse_ok({"--list", "syscall"});
  EXPECT_EQ(d.list_source, "syscall");
}

TEST(CommandLine, BooleanFlags) {
  auto c = parse_ok({"-L", "--dry-run", "-U", "--version", "-h", "-v"});
  EXPECT_TRUE(c.list_rules && c.dry_run && c.unbuffered && c.version && c.help && c.verbose);
  EXPECT_EQ(parse_ok({"-l", "My rule"}).describe_rule, "My rule");
  EXPECT_EQ(parse_ok({"-c", "falco.yaml"}).config_file, "falco.yaml");
}

TEST(CommandLine, DeprecatedPrintFormat) {
  auto c = parse_ok({"-pc", "-p", "k", "-p", "x=%proc.pid"});
  EXPECT_EQ(c.extra_formats, (std::vector<std::string>{"x=%proc.pid"}));
}

TEST(CommandLine, Errors) {
  EXPECT_FALSE(parse_command_line({"--nosuch"}).ok());
  EXPECT_FALSE(parse_command_line({"-r"}).ok());
  EXPECT_FALSE(parse_command_line({"stray"}).ok());
  EXPECT_FALSE(parse_command_line({"-M", "abc"}).ok());
  EXPECT_FALSE(parse_command_line({"--enable-source", "a", "--disable-source", "b"}).ok());
}

TEST(CommandLine, UsageListsEveryFlag) {
  std::string u = usage_text();
  for (const char* f : {"-r", "--validate", "-L", "-l", "--list", "-N", "-o", "-c", "--dry-run",
                        "--help", "--version", "-e", "-A", "-T", "-t", "-U"})
    EXPECT_NE(u.find(f), std::string::npos) << f;
}

}  // namespace
}  // namespace eg::cli
