// evt.arg.NAME / evt.arg[N] remember the last flags param they rendered
// (evt_args.cpp): a run of events whose flags repeat, change, move to
// another event code or to another param must extract exactly what an
// extractor that never saw an earlier event extracts.
#include <gtest/gtest.h>

#include "engine/extract/extractor.h"
#include "engine/sources/capture_builder.h"
#include "tests/unit/capture_replay.h"
#include "tests/unit/extract/extract_test_util.h"
#include "tests/unit/state/state_test_util.h"

namespace eg {
namespace {

std::vector<uint8_t> build_capture() {
  CaptureBuilder b;
  b.add_thread(testing::make_thread(100, 100, 1, "cat", "/usr/bin/cat", "/root/"));
  uint64_t ts = 1'000'000'000ull;
  auto openat = [&](int64_t fd, uint64_t flags, uint64_t mode) {
    b.add("openat", 100, ts++, {{"fd", fd}, {"dirfd", -100}, {"name", "/tmp/x"}, {"flags", flags}, {"mode", mode}});
  };
  openat(3, 1, 0);
  openat(4, 1, 0);          // the same flags again
  openat(5, 0x1006, 0644);  // O_WRONLY|O_CREAT|O_CLOEXEC, another mode
  openat(6, 0x1006, 0600);  // same flags, other mode
  b.add("open", 100, ts++, {{"fd", 7}, {"name", "/tmp/y"}, {"flags", 0x1006}, {"mode", 0644}});  // another code
  openat(-2, 1, 0);         // failed open, flags seen two events ago
  b.add("close", 100, ts++, {{"fd", 3}});  // no flags param at all
  openat(8, 1, 0);
  return b.bytes();
}

TEST(ArgTextMemo, RepeatedFlagsExtractAsFreshExtractors) {
  using testing::field_extractor;
  using testing::first_text;
  const std::vector<std::string> forms = {"evt.arg.flags", "evt.arg.mode", "evt.arg[3]", "evt.arg[2]", "evt.arg.fd"};
  std::vector<std::unique_ptr<Extractor>> kept;
  for (const auto& f : forms) kept.push_back(field_extractor(f));
  for (const auto& k : kept) ASSERT_TRUE(k);
  int seen = 0;
  bool saw_creat = false;
  ZoneState zone;
  testing::replay_visible_events(build_capture(), zone, [&](const EventContext& ctx, const CaptureEvent& ev) {
    ++seen;
    for (size_t i = 0; i < forms.size(); ++i) {
      auto fresh = field_extractor(forms[i]);
      std::string want = first_text(*fresh, ctx);
      EXPECT_EQ(first_text(*kept[i], ctx), want) << forms[i] << " on event " << ev.num;
      if (forms[i] == "evt.arg.flags" && want.find("O_CREAT") != std::string::npos) saw_creat = true;
    }
  });
  EXPECT_EQ(seen, 8);
  EXPECT_TRUE(saw_creat);
}

}  // namespace
}  // namespace eg
