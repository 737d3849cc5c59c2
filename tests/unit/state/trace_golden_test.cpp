// State over the shared reference captures, checked against what Falco
// printed for every event (expected/NAME.fields.jsonl.gz): the thread
// (proc.pid, proc.ppid, proc.name, proc.exepath, proc.cmdline) and the event's
// fd (fd.num, fd.name, fd.type, fd.connected, fd.name_changed) as the state
// tables hold them, and evt.args as rendered with the state's answers. The full
// per-field comparison, with Falco's extraction rules, is the extractors'
// golden test; this one pins down the tables those extractors read.
//
// Known differences are listed in tests/data/state/trace_divergences.txt
// ("trace evt.num field reason"); any other difference fails.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "engine/sources/capture_reader.h"
#include "engine/state/state_render_context.h"
#include "engine/state/zone_state.h"
#include "fields/param_render.h"

namespace eg {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

fs::path shared_dir() { return fs::path(EG_SHARED_DIR) / "compat"; }

std::vector<Json> read_jsonl_gz(const fs::path& path) {
  std::vector<Json> out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return out;
  std::string data;
  char buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  gzclose(f);
  std::istringstream lines(data);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty()) out.push_back(Json::parse(line));
  }
  return out;
}

using DivergenceKey = std::tuple<std::string, uint64_t, std::string>;

std::set<DivergenceKey> read_divergences() {
  std::set<DivergenceKey> out;
  std::ifstream in(fs::path(EG_SOURCE_DIR) / "tests/data/state/trace_divergences.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string trace, field;
    uint64_t num = 0;
    if (words >> trace >> num >> field) out.emplace(trace, num, field);
  }
  return out;
}

std::string cmdline(const ThreadInfo& t) {
  std::string s = t.comm;
  for (const std::string& a : t.args) s += " " + a;
  return s;
}

struct Mismatch {
  uint64_t num;
  std::string field, expected, actual;
};

class Checker {
 public:
  explicit Checker(const ZoneState& zone) : zone_(zone) {}

  void check(const EventContext& ctx, const Json& exp) {
    num_ = ctx.evt_num;
    const ThreadInfo* t = ctx.thread;
    const Json& pid = exp["proc.pid"];
    if (pid.is_null()) {
      compare("proc.pid", "null", t == nullptr ? "null" : std::to_string(t->pid));
    } else if (t == nullptr) {
      compare("proc.pid", pid.dump(), "no thread");
    } else {
      compare("proc.pid", pid.dump(), std::to_string(t->pid));
      compare_str(exp, "proc.name", t->comm);
      compare_str(exp, "proc.exepath", t->exepath);
      compare_str(exp, "proc.cmdline", cmdline(*t));
      if (exp["proc.ppid"].is_number()) {
        compare("proc.ppid", exp["proc.ppid"].dump(), std::to_string(zone_.main_thread(*t)->ptid));
      }
    }
    const Json& fdnum = exp["fd.num"];
    if (fdnum.is_number()) compare("fd.num", fdnum.dump(), std::to_string(ctx.fd_num));
    if (ctx.fd != nullptr) {
      compare_str(exp, "fd.name", ctx.fd->name);
      compare_str(exp, "fd.type", std::string(fd_type_name(ctx.fd->kind)));
      compare_bool(exp, "fd.connected", ctx.fd->connected);
    }
    compare_bool(exp, "fd.name_changed", ctx.fd_name_changed);
    // evt.args shows fd names, type letters, thread names and paths as the
    // state resolves them.
    compare_str(exp, "evt.args", render_args(*ctx.event, StateRenderContext(ctx)));
  }

  std::vector<Mismatch> mismatches;
  size_t compared_values = 0;

 private:
  void compare_str(const Json& exp, const std::string& field, const std::string& actual) {
    const Json& e = exp[field];
    if (!e.is_string()) return;
    compare(field, e.get<std::string>(), actual);
  }
  void compare_bool(const Json& exp, const std::string& field, bool actual) {
    const Json& e = exp[field];
    if (!e.is_boolean()) return;
    compare(field, e.get<bool>() ? "true" : "false", actual ? "true" : "false");
  }
  void compare(const std::string& field, const std::string& expected, const std::string& actual) {
    ++compared_values;
    if (expected != actual) mismatches.push_back({num_, field, expected, actual});
  }
  const ZoneState& zone_;
  uint64_t num_ = 0;
};

class TraceGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(TraceGolden, StateMatchesReference) {
  const std::string name = GetParam();
  fs::path trace = shared_dir() / "traces" / (name + ".scap");
  fs::path expected = shared_dir() / "expected" / (name + ".fields.jsonl.gz");
  if (!fs::exists(trace) || !fs::exists(expected)) GTEST_SKIP() << "shared corpus not present: " << trace;

  std::map<uint64_t, Json> by_num;
  for (Json& j : read_jsonl_gz(expected)) {
    uint64_t num = j["evt.num"].get<uint64_t>();
    by_num[num] = std::move(j);
  }
  ASSERT_FALSE(by_num.empty());

  std::string err;
  auto reader = CaptureReader::open_file(trace.string(), {}, err);
  ASSERT_TRUE(reader) << err;
  ZoneState zone;
  auto seed = [&] {
    const CaptureSection& s = reader->section();
    zone.clear();
    zone.seed_machine(s.machine);
    zone.seed(s.threads, s.fds, s.users, s.groups);
    zone.seed_interfaces(s.interfaces);
  };
  seed();
  Checker checker(zone);
  size_t compared = 0;
  CaptureEvent ev;
  for (;;) {
    auto r = reader->next(ev);
    if (r == CaptureReader::Next::Section) {
      seed();
      continue;
    }
    if (r != CaptureReader::Next::Event) {
      ASSERT_EQ(r, CaptureReader::Next::End) << reader->error();
      break;
    }
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (!ev.visible) continue;
    auto it = by_num.find(ev.num);
    if (it == by_num.end()) continue;
    checker.check(ctx, it->second);
    ++compared;
  }
  EXPECT_EQ(compared, by_num.size()) << "events compared vs. reference lines";
  EXPECT_GT(checker.compared_values, compared) << "values compared";
  RecordProperty("values_compared", static_cast<int>(checker.compared_values));

  auto known = read_divergences();
  size_t unlisted = 0;
  for (const Mismatch& m : checker.mismatches) {
    if (known.count({name, m.num, m.field})) continue;
    if (++unlisted <= 40) {
      ADD_FAILURE() << name << " evt.num=" << m.num << " " << m.field << ": expected '" << m.expected
                    << "', state has '" << m.actual << "'";
    }
  }
  EXPECT_EQ(unlisted, 0u) << "unlisted differences (first 40 shown)";
}

INSTANTIATE_TEST_SUITE_P(SharedTraces, TraceGolden,
                         ::testing::Values("curl_google", "curl_google_comments", "single_ipv6_conn",
                                           "test_ipv6_client"));

}  // namespace
}  // namespace eg
