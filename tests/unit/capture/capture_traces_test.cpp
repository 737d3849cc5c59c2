// Golden tests of the capture reader over the shared traces: the events that
// reach the rules, their Falco evt.num and evt.type, and the rendering of their
// arguments must equal what Falco 0.44 recorded (expected/NAME.fields.jsonl.gz);
// the raw record stream must equal the independent walker's (scap_walk.py).
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <sstream>

#include "capture_test_support.h"
#include "engine/sources/capture_reader.h"
#include "fields/param_decoder.h"
#include "fields/param_render.h"

namespace eg {
namespace {

using eg::testing::have_shared_corpus;
using eg::testing::trace_path;

const char* const kTraces[] = {"curl_google", "curl_google_comments", "single_ipv6_conn",
                               "test_ipv6_client"};

struct Seen {
  uint64_t num;
  std::string type;
  std::string args;       // rendered without state
  std::string arg[3];     // evt.arg[0..2]
  bool context_free[3];   // param i renders the same with and without state
  bool all_context_free;
};

// Rendering with a known thread but no state: fds, pids, fd lists and users
// then render differently from Falco; everything else must be identical.
struct ThreadOnly : ParamRenderContext {
  bool has_thread() const override { return true; }
};

bool needs_state(FieldType t) {
  return t == FieldType::FD || t == FieldType::PID || t == FieldType::FDLIST ||
         t == FieldType::UID || t == FieldType::GID;
}

std::vector<Seen> read_visible(const std::string& path, std::string& error) {
  std::vector<Seen> out;
  auto reader = CaptureReader::open_file(path, {}, error);
  if (!reader) return out;
  CaptureEvent ev;
  ThreadOnly ctx;
  CaptureReader::Next r;
  while ((r = reader->next(ev)) == CaptureReader::Next::Event) {
    if (!ev.visible) continue;
    Seen s{ev.num, std::string(event_type_name(ev.raw)), render_args(ev.raw, ctx), {}, {}, true};
    const EventInfo* info = event_info(ev.raw.type);
    for (uint32_t i = 0; i < ev.raw.nparams && i < info->params.size(); ++i) {
      bool free = !needs_state(info->params[i].type);
      s.all_context_free = s.all_context_free && free;
      if (i < 3) {
        RenderedParam p;
        render_param(ev.raw, i, ctx, p);
        s.arg[i] = p.arg_text();
        s.context_free[i] = free;
      }
    }
    out.push_back(std::move(s));
  }
  if (r == CaptureReader::Next::Error) error = reader->error();
  return out;
}

// Parsed once per trace: the golden files are large and the machine is shared.
const std::vector<nlohmann::json>& expected_for(const std::string& name) {
  static std::map<std::string, std::vector<nlohmann::json>> cache;
  auto it = cache.find(name);
  if (it == cache.end())
    it = cache.emplace(name, eg::testing::read_jsonl_gz(eg::testing::expected_fields_path(name)))
             .first;
  return it->second;
}

class TraceTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    if (!have_shared_corpus()) GTEST_SKIP() << "shared corpus not found at " EG_SHARED_DIR;
  }
};

TEST_P(TraceTest, EventsReachingRulesMatchFalco) {
  std::string error;
  std::vector<Seen> ours = read_visible(trace_path(GetParam()), error);
  ASSERT_EQ(error, "");
  const auto& expected = expected_for(GetParam());
  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(ours.size(), expected.size());
  for (size_t k = 0; k < ours.size(); ++k) {
    ASSERT_EQ(ours[k].num, expected[k]["evt.num"].get<uint64_t>()) << "event index " << k;
    ASSERT_EQ(ours[k].type, expected[k]["evt.type"].get<std::string>())
        << "evt.num " << ours[k].num;
  }
}

TEST_P(TraceTest, ArgumentRenderingMatchesFalco) {
  std::string error;
  std::vector<Seen> ours = read_visible(trace_path(GetParam()), error);
  const auto& expected = expected_for(GetParam());
  ASSERT_EQ(ours.size(), expected.size());
  size_t compared_args = 0, compared_arg = 0;
  for (size_t k = 0; k < ours.size(); ++k) {
    const auto& e = expected[k];
    if (ours[k].all_context_free) {
      std::string args = e["evt.args"].is_null() ? "" : e["evt.args"].get<std::string>();
      EXPECT_EQ(ours[k].args, args) << "evt.num " << ours[k].num;
      ++compared_args;
    }
    for (int i = 0; i < 3; ++i) {
      const auto& a = e["evt.arg[" + std::to_string(i) + "]"];
      if (a.is_null() || !ours[k].context_free[i]) continue;
      EXPECT_EQ(ours[k].arg[i], a.get<std::string>()) << "evt.num " << ours[k].num << " arg " << i;
      ++compared_arg;
    }
  }
  EXPECT_GT(compared_args, ours.size() / 2);
  EXPECT_GT(compared_arg, ours.size());
}

// With conversion off the reader yields every stored record; the walker of the
// shared tools (written independently from the spec) must list the same ones.
TEST_P(TraceTest, RawRecordsMatchScapWalk) {
  if (!eg::testing::have_program("python3")) GTEST_SKIP() << "python3 not installed";
  std::string walker = eg::testing::shared_dir() + "/tools/scap_walk.py";
  int status = 0;
  std::string out = eg::testing::run_command(
      "python3 " + walker + " --events " + trace_path(GetParam()) + " 2>/dev/null", status);
  ASSERT_EQ(status, 0) << out;
  std::vector<std::string> walked;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    // Event lines are "NUM NAME DIR" from column 0; summary lines are indented.
    if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) continue;
    std::istringstream f(line);
    std::string num, name, dir;
    if (!(f >> num >> name >> dir) || num.find_first_not_of("0123456789") != std::string::npos)
      continue;
    walked.push_back(name + " " + dir);
  }
  std::string error;
  auto reader = CaptureReader::open_file(trace_path(GetParam()), {.convert = false}, error);
  ASSERT_TRUE(reader) << error;
  std::vector<std::string> ours;
  CaptureEvent ev;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    const EventInfo* info = event_info(ev.raw.type);
    ours.push_back(std::string(event_type_name(ev.raw)) + " " + info->dir);
  }
  EXPECT_EQ(reader->error(), "");
  EXPECT_EQ(ours, walked);
}

TEST_P(TraceTest, MetadataIsRead) {
  std::string error;
  auto reader = CaptureReader::open_file(trace_path(GetParam()), {}, error);
  ASSERT_TRUE(reader) << error;
  const CaptureSection& s = reader->section();
  EXPECT_TRUE(s.has_machine);
  EXPECT_FALSE(s.machine.hostname.empty());
  EXPECT_FALSE(s.threads.empty());
  EXPECT_FALSE(s.fds.empty());
  EXPECT_FALSE(s.users.empty());
  EXPECT_FALSE(s.interfaces.empty());
  for (const ThreadSnapshot& t : s.threads) {
    EXPECT_GT(t.tid, 0);
    EXPECT_FALSE(t.comm.empty()) << t.tid;
  }
}

INSTANTIATE_TEST_SUITE_P(Traces, TraceTest, ::testing::ValuesIn(kTraces));

TEST(Traces, CurlGoogleNumbering) {
  if (!have_shared_corpus()) GTEST_SKIP() << "shared corpus not found at " EG_SHARED_DIR;
  std::string error;
  auto reader = CaptureReader::open_file(trace_path("curl_google"), {}, error);
  ASSERT_TRUE(reader) << error;
  CaptureEvent ev;
  uint64_t visible = 0, last = 0;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    EXPECT_EQ(ev.num, last + 1);
    last = ev.num;
    visible += ev.visible;
  }
  EXPECT_EQ(visible, 939u);
  EXPECT_EQ(last, 991u);
  const CaptureSection& s = reader->section();
  EXPECT_EQ(s.threads.size(), 54u);
  EXPECT_EQ(s.fds.size(), 316u);
  EXPECT_EQ(s.interfaces.size(), 5u);
  EXPECT_EQ(s.machine.hostname, "ip-10-0-0-79");
}

}  // namespace
}  // namespace eg
