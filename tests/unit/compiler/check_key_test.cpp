// shareable_check_key (engine/compiler/check_key.h): checks that decide the
// same verdict get the same key, and checks that may differ never do.
#include <gtest/gtest.h>

#include <set>

#include "engine/compiler/check_key.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

std::optional<std::string> key_of(std::string_view condition) {
  auto parsed = parse_condition(condition);
  EXPECT_TRUE(parsed.ok()) << condition << ": " << parsed.error;
  if (!parsed.ok()) return std::nullopt;
  return shareable_check_key(*parsed.expr);
}

TEST(CheckKey, SameCheckSameKeyWhateverTheSpacing) {
  EXPECT_EQ(key_of("proc.name in (cat, ls)"), key_of("proc.name in (cat,ls)"));
  EXPECT_EQ(key_of("fd.name startswith /etc/"), key_of("fd.name   startswith   /etc/"));
  EXPECT_EQ(key_of("evt.arg.flags contains O_TRUNC"), key_of("evt.arg.flags contains O_TRUNC"));
}

TEST(CheckKey, AnyDifferenceThatCanChangeTheVerdictGivesAnotherKey) {
  const char* checks[] = {
      "proc.name = cat",
      "proc.name = ca",
      "proc.name != cat",
      "proc.pname = cat",
      "proc.name in (cat, ls)",
      "proc.name in (cat, l)",
      "proc.name in (cat)",
      "proc.name in (cat,ls,x)",
      "proc.name in (\"cat, ls\")",
      "proc.name = \"cat\"",
      "proc.name = proc.pname",
      "proc.aname[2] = cat",
      "proc.aname[3] = cat",
      "proc.aname = cat",
      "evt.arg.flags contains O_TRUNC",
      "evt.arg[1] contains O_TRUNC",
      "evt.arg.mode contains O_TRUNC",
      "fd.name startswith /etc",
      "fd.name contains /etc",
      "fd.name startswith anyof (/etc)",
      "fd.name startswith allof (/etc)",
      "fd.name exists",
      "tolower(proc.name) = cat",
      "toupper(proc.name) = cat",
      "proc.name = val(proc.pname)",
      "proc.name = val(proc.aname[2])",
  };
  std::set<std::string> seen;
  for (const char* c : checks) {
    auto k = key_of(c);
    ASSERT_TRUE(k) << c;
    EXPECT_TRUE(seen.insert(*k).second) << "key of '" << c << "' collides";
  }
}

TEST(CheckKey, OnlyChecksThatDoNotRememberEventsHaveAKey) {
  EXPECT_FALSE(key_of("evt.deltatime > 10"));
  EXPECT_FALSE(key_of("evt.deltatime.s > 10"));
  EXPECT_FALSE(key_of("evt.deltatime.ns > 10"));
  EXPECT_FALSE(key_of("proc.name = cat and fd.num > 0"));  // not a check
  EXPECT_TRUE(key_of("evt.time > 10"));
}

}  // namespace
}  // namespace eg
