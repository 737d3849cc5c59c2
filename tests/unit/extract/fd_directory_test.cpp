// fd.directory and fd.typechar return views (fd_fields.cpp) instead of
// scratch copies: the directory of every shape of file name, of a directory
// fd (its whole name), and the type character of each kind of fd, on `read`
// events of fds seeded into the zone.
#include <gtest/gtest.h>

#include "engine/extract/extractor.h"
#include "engine/sources/capture_builder.h"
#include "tests/unit/capture_replay.h"
#include "tests/unit/extract/extract_test_util.h"
#include "tests/unit/state/state_test_util.h"

namespace eg {
namespace {

struct FdCase {
  FdKind kind;
  std::string name;
  std::string directory;  // "<NA>": no value
  std::string typechar;
};

const std::vector<FdCase>& cases() {
  static const std::vector<FdCase> c = {
      {FdKind::File, "/etc/passwd", "/etc", "f"},
      {FdKind::File, "/x", "/", "f"},
      {FdKind::File, "relative", "/", "f"},
      {FdKind::File, "/a/b/", "/a/b/", "f"},
      {FdKind::File, "/", "/", "f"},
      {FdKind::File, "", "/", "f"},
      {FdKind::Directory, "/var/lib/x", "/var/lib/x", "d"},
      {FdKind::Fifo, "pipe:[1]", "<NA>", "p"},
  };
  return c;
}

TEST(FdDirectory, EveryNameShapeAndKind) {
  CaptureBuilder b;
  b.add_thread(testing::make_thread(100, 100, 1, "cat", "/usr/bin/cat"));
  uint64_t ts = 1'000'000'000ull;
  for (size_t i = 0; i < cases().size(); ++i) {
    FdSnapshot f;
    f.tid = 100;
    f.fd = static_cast<int64_t>(10 + i);
    f.kind = cases()[i].kind;
    f.name = cases()[i].name;
    b.add_fd(f);
    b.add("read", 100, ts++, {{"fd", f.fd}, {"size", 1}});
  }
  auto directory = testing::field_extractor("fd.directory"), typechar = testing::field_extractor("fd.typechar");
  ASSERT_TRUE(directory && typechar);
  size_t i = 0;
  ZoneState zone;
  testing::replay_visible_events(b.bytes(), zone, [&](const EventContext& ctx, const CaptureEvent&) {
    if (ctx.fd == nullptr) return;
    ASSERT_LT(i, cases().size());
    EXPECT_EQ(testing::first_text(*directory, ctx), cases()[i].directory) << cases()[i].name;
    EXPECT_EQ(testing::first_text(*typechar, ctx), cases()[i].typechar) << cases()[i].name;
    ++i;
  });
  EXPECT_EQ(i, cases().size());
}

}  // namespace
}  // namespace eg
