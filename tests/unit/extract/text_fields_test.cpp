// Fields given by plain text functions (text_field, TextAccess): on events
// with an fd entry, with an fd the thread has no entry for (the null-fd
// forms), without fd and of a thread the state never saw, the function a
// condition calls gives exactly the one value extract() gives, or none.
#include <gtest/gtest.h>

#include "engine/extract/extractor_kit.h"
#include "engine/extract/field_bindings.h"
#include "engine/sources/capture_builder.h"
#include "tests/unit/capture_replay.h"
#include "tests/unit/state/state_test_util.h"

namespace eg {
namespace {

std::vector<uint8_t> build_capture() {
  CaptureBuilder b;
  b.add_thread(testing::make_thread(50, 50, 1, "bash", "/bin/bash"));
  ThreadSnapshot t = testing::make_thread(100, 100, 50, "cat", "/usr/bin/cat", "/root/");
  t.args = {"/etc/shadow", "-n"};
  b.add_thread(t);
  FdSnapshot f;
  f.tid = 100;
  f.fd = 4;
  f.kind = FdKind::File;
  f.name = "/var/log/syslog";
  b.add_fd(f);
  uint64_t ts = 1'000'000'000ull;
  b.add("openat", 100, ts++, {{"fd", 3}, {"dirfd", -100}, {"name", "/etc/shadow"}, {"flags", 1}, {"mode", 0}});
  b.add("read", 100, ts++, {{"fd", 4}, {"size", 1}});   // a seeded fd entry
  b.add("read", 100, ts++, {{"fd", 9}, {"size", 1}});   // an fd without entry
  b.add("openat", 100, ts++, {{"fd", -2}, {"dirfd", -100}, {"name", "/nope"}, {"flags", 1}, {"mode", 0}});
  b.add("getpid", 100, ts++, {});                        // no fd at all
  b.add("read", 777, ts++, {{"fd", 4}, {"size", 1}});   // a thread nobody announced
  return b.bytes();
}

TEST(TextFields, TextFunctionsGiveWhatExtractGives) {
  std::vector<std::pair<std::string, std::unique_ptr<Extractor>>> fields;
  for (auto table : all_binding_tables()) {
    for (const auto& b : table) {
      ExtractorRequest req;
      req.info = lookup_field(b.name).info;
      if (req.info == nullptr) continue;
      std::string err;
      auto ex = b.make(req, err);
      if (ex && ex->text_access().fn != nullptr) fields.emplace_back(std::string(b.name), std::move(ex));
    }
  }
  for (const char* name : {"proc.name", "proc.pname", "proc.exe", "proc.cmdline", "fd.name", "fd.typechar",
                           "fd.directory", "container.id"}) {
    bool found = false;
    for (const auto& f : fields) found = found || f.first == name;
    EXPECT_TRUE(found) << name << " has no text function";
  }
  int events = 0;
  ZoneState zone;
  testing::replay_visible_events(build_capture(), zone, [&](const EventContext& ctx, const CaptureEvent& ev) {
    ++events;
    for (auto& [name, ex] : fields) {
      FieldValues values;
      bool has = ex->extract(ctx, values);
      std::string want = has && !values.empty() ? std::string(values[0].str) : std::string();
      TextAccess text = ex->text_access();
      std::string_view s;
      bool text_has = text.fn(ctx, *text.scratch, s);
      ASSERT_EQ(text_has, has) << name << " on event " << ev.num;
      if (!has) continue;
      ASSERT_EQ(values.size(), 1u) << name;
      EXPECT_EQ(values[0].type, text.type) << name;
      EXPECT_EQ(s, want) << name << " on event " << ev.num;
    }
  });
  EXPECT_EQ(events, 6);
}

}  // namespace
}  // namespace eg
