// The syscall request of zone streams (engine/sources/edera/syscall_selection.h):
// the rules' syscalls plus the state-changing ones, in either numbering.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/sources/edera/syscall_selection.h"
#include "fields/event_schema.h"

namespace eg::edera {
namespace {

bool contains(const std::vector<uint32_t>& v, uint32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(SyscallSelection, RulesSyscallsPlusStateTracking) {
  const std::vector<uint16_t> codes = {*current_event_code("mkdirat", '<')};
  auto native = syscalls_for_rules(codes, SyscallNumbering::Native);
  EXPECT_TRUE(contains(native, syscall_by_name("mkdirat")->nr));
  // State tracking: process, fd and cwd changes are always requested.
  for (const char* s : {"clone", "execve", "openat", "close", "connect", "dup2", "chdir"})
    EXPECT_TRUE(contains(native, syscall_by_name(s)->nr)) << s;
  EXPECT_FALSE(contains(native, syscall_by_name("getpid")->nr));
  EXPECT_TRUE(std::is_sorted(native.begin(), native.end()));
}

TEST(SyscallSelection, PpmScNumbering) {
  const std::vector<uint16_t> codes = {*current_event_code("mkdirat", '<')};
  auto sc = syscalls_for_rules(codes, SyscallNumbering::PpmSc);
  EXPECT_TRUE(contains(sc, syscall_by_name("mkdirat")->ppm_sc));
  EXPECT_EQ(sc.size(), syscalls_for_rules(codes, SyscallNumbering::Native).size());
}

TEST(SyscallSelection, ParsesTheConfigValues) {
  SyscallRequest r;
  SyscallNumbering n;
  EXPECT_TRUE(parse_syscall_request("rules", r));
  EXPECT_EQ(r, SyscallRequest::Rules);
  EXPECT_TRUE(parse_syscall_request("zone_default", r));
  EXPECT_FALSE(parse_syscall_request("all", r));
  EXPECT_TRUE(parse_syscall_numbering("native", n));
  EXPECT_EQ(n, SyscallNumbering::Native);
  EXPECT_FALSE(parse_syscall_numbering("x86", n));
}

}  // namespace
}  // namespace eg::edera
