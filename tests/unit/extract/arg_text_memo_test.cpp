// evt.arg.NAME / evt.arg[N] remember the last flags param they rendered
// (evt_args.cpp): a run of events whose flags repeat, change, move to
// another event code or to another param must extract exactly what an
// extractor that never saw an earlier event extracts.
#include <gtest/gtest.h>

#include "engine/extract/extractor.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace eg {
namespace {

std::vector<uint8_t> build_capture() {
  CaptureBuilder b;
  ThreadSnapshot t;
  t.tid = t.pid = 100;
  t.ptid = 1;
  t.comm = t.exe = "cat";
  t.cwd = "/root/";
  b.add_thread(t);
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

std::unique_ptr<Extractor> make_arg(const std::string& form) {
  FieldLookup lookup = lookup_field(form);
  if (lookup.info == nullptr) return nullptr;
  ExtractorRequest req;
  req.info = lookup.info;
  req.arg = lookup.bracket_arg ? lookup.bracket_arg : lookup.dotted_arg;
  std::string error;
  return make_extractor(req, &error);
}

std::string text_of(Extractor& ex, const EventContext& ctx) {
  FieldValues values;
  if (!ex.extract(ctx, values) || values.empty()) return "<NA>";
  return std::string(values[0].str);
}

TEST(ArgTextMemo, RepeatedFlagsExtractAsFreshExtractors) {
  auto bytes = build_capture();
  std::string error;
  auto reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(reader) << error;
  ZoneState zone;
  for (const auto& th : reader->section().threads) zone.seed_thread(th);
  const std::vector<std::string> forms = {"evt.arg.flags", "evt.arg.mode", "evt.arg[3]", "evt.arg[2]", "evt.arg.fd"};
  std::vector<std::unique_ptr<Extractor>> kept;
  for (const auto& f : forms) kept.push_back(make_arg(f));
  for (const auto& k : kept) ASSERT_TRUE(k);
  CaptureEvent ev;
  int seen = 0;
  bool saw_creat = false;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (!ev.visible) continue;
    ++seen;
    for (size_t i = 0; i < forms.size(); ++i) {
      auto fresh = make_arg(forms[i]);
      std::string want = text_of(*fresh, ctx);
      EXPECT_EQ(text_of(*kept[i], ctx), want) << forms[i] << " on event " << ev.num;
      if (forms[i] == "evt.arg.flags" && want.find("O_CREAT") != std::string::npos) saw_creat = true;
    }
  }
  EXPECT_EQ(seen, 8);
  EXPECT_TRUE(saw_creat);
}

}  // namespace
}  // namespace eg
