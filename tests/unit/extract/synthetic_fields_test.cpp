// Field values on a small synthetic capture (independent of the shared corpus):
// systemd(1) -> bash(50) -> cat(100) opens /etc/shadow. Every field form listed
// in tests/data/extract/synthetic_open.json is extracted on the openat exit and
// rendered as text and JSON; the any-ancestor form of proc.aname is checked
// as conditions use it.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/extract/extractor.h"
#include "engine/extract/value_render.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"
#include "tests/unit/extract/extract_test_util.h"

namespace eg {
namespace {

using nlohmann::json;

ThreadSnapshot process(int64_t pid, int64_t ppid, std::string comm, std::string exe, std::string cwd) {
  ThreadSnapshot t;
  t.tid = t.pid = pid;
  t.ptid = ppid;
  t.comm = std::move(comm);
  t.exe = std::move(exe);
  t.cwd = std::move(cwd);
  return t;
}

std::vector<uint8_t> build_capture() {
  CaptureBuilder b;
  b.add_thread(process(1, 0, "systemd", "/sbin/init", "/"));
  b.add_thread(process(50, 1, "bash", "-bash", "/root/"));
  ThreadSnapshot cat = process(100, 50, "cat", "cat", "/root/");
  cat.args = {"/etc/shadow"};
  cat.env = {"HOME=/root", "PATH=/bin"};
  b.add_thread(cat);
  b.add_user(0, 0, "root", "/root", "/bin/bash");
  b.add_group(0, "root");
  b.add("openat", 100, 1'000'000'042ull,
        {{"fd", 3}, {"dirfd", -100}, {"name", "/etc/shadow"}, {"flags", 1}, {"mode", 0}});
  return b.bytes();
}

struct Replayed {
  std::unique_ptr<CaptureReader> reader;
  ZoneState zone;
  CaptureEvent ev;
  const EventContext* ctx = nullptr;
};

void replay_first_event(const std::vector<uint8_t>& bytes, Replayed& r) {
  std::string error;
  r.reader = CaptureReader::open_memory(bytes, {}, error);
  ASSERT_TRUE(r.reader) << error;
  const auto& s = r.reader->section();
  for (const auto& t : s.threads) r.zone.seed_thread(t);
  for (const auto& f : s.fds) r.zone.seed_fd(f);
  for (const auto& u : s.users) r.zone.seed_user(u);
  for (const auto& g : s.groups) r.zone.seed_group(g);
  while (r.reader->next(r.ev) == CaptureReader::Next::Event) {
    r.ctx = &r.zone.on_event(r.ev.raw, r.ev.num);
    if (r.ev.visible) return;
  }
  FAIL() << "no visible event";
}

std::unique_ptr<Extractor> make(const std::string& form, FieldLookup& lookup) {
  lookup = lookup_field(form);
  return testing::field_extractor(form);
}

TEST(SyntheticFields, OpenatByCat) {
  setenv("TZ", "UTC", 1);
  tzset();
  std::ifstream in(std::string(EG_SOURCE_DIR) + "/tests/data/extract/synthetic_open.json");
  ASSERT_TRUE(in) << "missing test data";
  json cases = json::parse(in);
  auto bytes = build_capture();
  Replayed r;
  replay_first_event(bytes, r);
  ASSERT_NE(r.ctx, nullptr);
  for (const auto& [form, want] : cases.items()) {
    if (form.starts_with("_")) continue;
    FieldLookup lookup;
    auto ex = make(form, lookup);
    ASSERT_TRUE(ex) << form;
    FieldValues values;
    if (!ex->extract(*r.ctx, values)) values.clear();
    RenderSpec spec = render_spec(*lookup.info);
    EXPECT_EQ(render_text(spec, values), want[0].get<std::string>()) << form;
    EXPECT_EQ(render_json(spec, values), want[1]) << form;
  }
}

TEST(SyntheticFields, AncestorCandidates) {
  auto bytes = build_capture();
  Replayed r;
  replay_first_event(bytes, r);
  ASSERT_NE(r.ctx, nullptr);
  FieldLookup lookup;
  auto aname = make("proc.aname", lookup);
  ASSERT_EQ(aname->match_mode(), MatchMode::AnyCandidate);
  FieldValues values;
  ASSERT_TRUE(aname->extract_candidates(*r.ctx, values));
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].str, "bash");
  EXPECT_EQ(values[1].str, "systemd");
}

}  // namespace
}  // namespace eg
