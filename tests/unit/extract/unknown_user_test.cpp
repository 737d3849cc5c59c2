// user.* and group.* for ids the capture's user and group lists do not know
// (a container's root, whose /etc/passwd a capture cannot carry): libsinsp
// reports id 0 as root (home /root, shell <NA>) and any other id as <NA>.
#include <gtest/gtest.h>

#include <map>

#include "engine/extract/extractor.h"
#include "engine/extract/value_render.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace eg {
namespace {

// The rendered user/group fields on an openat of a thread with these ids and
// empty user and group lists.
std::map<std::string, std::string> fields_of(uint32_t uid, uint32_t loginuid) {
  CaptureBuilder b;
  ThreadSnapshot t;
  t.tid = t.pid = 10;
  t.ptid = 1;
  t.comm = t.exe = "cat";
  t.uid = t.gid = uid;
  t.loginuid = loginuid;
  b.add_thread(t);
  b.add("openat", 10, 1'000'000'000ull, {{"fd", 3}, {"dirfd", -100}, {"name", "/etc/hostname"}, {"flags", 1}});
  std::string error;
  const std::vector<uint8_t> bytes = b.bytes();  // must outlive the reader
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  EXPECT_TRUE(reader) << error;
  std::map<std::string, std::string> out;
  if (!reader) return out;
  ZoneState zone;
  for (const auto& s : reader->section().threads) zone.seed_thread(s);
  CaptureEvent ev;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (!ev.visible) continue;
    for (const char* form : {"user.name", "user.homedir", "user.shell", "user.loginname", "group.name"}) {
      FieldLookup lookup = lookup_field(form);
      ExtractorRequest req;
      req.info = lookup.info;
      auto ex = make_extractor(req, &error);
      EXPECT_TRUE(ex) << form << ": " << error;
      FieldValues values;
      if (ex && !ex->extract(ctx, values)) values.clear();
      out[form] = render_text(render_spec(*lookup.info), values);
    }
    break;
  }
  return out;
}

TEST(UnknownUser, RootIdIsRoot) {
  auto f = fields_of(0, 0);
  EXPECT_EQ(f["user.name"], "root");
  EXPECT_EQ(f["user.homedir"], "/root");
  EXPECT_EQ(f["user.shell"], "<NA>");
  EXPECT_EQ(f["user.loginname"], "root");
  EXPECT_EQ(f["group.name"], "root");
}

TEST(UnknownUser, OtherIdsAreNotAvailable) {
  auto f = fields_of(1234, 0xFFFFFFFFu);
  EXPECT_EQ(f["user.name"], "<NA>");
  EXPECT_EQ(f["user.homedir"], "<NA>");
  EXPECT_EQ(f["user.shell"], "<NA>");
  EXPECT_EQ(f["user.loginname"], "<NA>");
  EXPECT_EQ(f["group.name"], "<NA>");
}

}  // namespace
}  // namespace eg
