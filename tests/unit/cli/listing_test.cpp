// Unit tests for --list, --list-events and -i output (engine/cli/field_listing.h, event_listing.h).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/cli/event_listing.h"
#include "engine/cli/field_listing.h"

namespace eg::cli {
namespace {

TEST(Listing, FieldNamesOnly) {
  std::string names = render_field_list("", true, "text");
  EXPECT_NE(names.find("\nproc.name\n"), std::string::npos);
  EXPECT_NE(names.find("\nfd.name\n"), std::string::npos);
  EXPECT_EQ(render_field_list("k8s_audit", false, "text"), "");
}

TEST(Listing, FieldJsonIsValid) {
  auto j = nlohmann::json::parse(render_field_list("syscall", false, "json"));
  ASSERT_TRUE(j.is_array());
  EXPECT_GT(j.size(), 100u);
  EXPECT_TRUE(j[0].contains("name") && j[0].contains("type") && j[0].contains("desc"));
}

TEST(Listing, EventsAndIgnoredSyscalls) {
  std::string events = render_event_list();
  EXPECT_NE(events.find("< execve("), std::string::npos);
  EXPECT_NE(events.find("> open(name, flags, mode)"), std::string::npos);
  std::string ignored = render_ignored_syscalls();
  EXPECT_EQ(ignored.rfind("Ignored syscall(s):\n- read\n", 0), 0u);
  EXPECT_NE(ignored.find("- sendfile\n"), std::string::npos);
  EXPECT_EQ(ignored.find("- sendto\n"), std::string::npos);  // state-changing: kept
}

}  // namespace
}  // namespace eg::cli
