// fd.directory and fd.typechar return views (fd_fields.cpp) instead of
// scratch copies: the directory of every shape of file name, of a directory
// fd (its whole name), and the type character of each kind of fd, on `read`
// events of fds seeded into the zone.
#include <gtest/gtest.h>

#include "engine/extract/extractor.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

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

std::unique_ptr<Extractor> make(const std::string& name) {
  ExtractorRequest req;
  req.info = lookup_field(name).info;
  std::string error;
  return make_extractor(req, &error);
}

std::string text_of(Extractor& ex, const EventContext& ctx) {
  FieldValues values;
  if (!ex.extract(ctx, values) || values.empty()) return "<NA>";
  return std::string(values[0].str);
}

TEST(FdDirectory, EveryNameShapeAndKind) {
  CaptureBuilder b;
  ThreadSnapshot t;
  t.tid = t.pid = 100;
  t.ptid = 1;
  t.comm = t.exe = "cat";
  b.add_thread(t);
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
  auto bytes = b.bytes();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  ZoneState zone;
  for (const auto& th : reader->section().threads) zone.seed_thread(th);
  for (const auto& f : reader->section().fds) zone.seed_fd(f);
  auto directory = make("fd.directory"), typechar = make("fd.typechar");
  ASSERT_TRUE(directory && typechar);
  CaptureEvent ev;
  size_t i = 0;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (!ev.visible || ctx.fd == nullptr) continue;
    ASSERT_LT(i, cases().size());
    EXPECT_EQ(text_of(*directory, ctx), cases()[i].directory) << cases()[i].name;
    EXPECT_EQ(text_of(*typechar, ctx), cases()[i].typechar) << cases()[i].name;
    ++i;
  }
  EXPECT_EQ(i, cases().size());
}

}  // namespace
}  // namespace eg
