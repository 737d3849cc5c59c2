// EventParams reads plain integers and strings straight from the bytes and
// everything else through decode_param; both paths must give exactly what
// decode_param gives (the parsers' behaviour rests on it). These tests build
// events by hand over a byte buffer so that every param can be empty, of its
// size, of a wrong size or the legacy "(NULL)" string, and compare every
// accessor with decode_param for each of them.
#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "engine/state/event_params.h"
#include "fields/event_schema.h"
#include "fields/param_decoder.h"

namespace eg {
namespace {

// One event of `code` whose params have the given bytes, over `storage`.
RawEvent make_event(uint16_t code, const std::vector<std::vector<uint8_t>>& params, std::vector<uint8_t>& storage) {
  storage.assign(kEventHeaderSize, 0);
  RawEvent ev;
  ev.type = code;
  ev.tid = 7;
  ev.nparams = static_cast<uint32_t>(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    ev.param_offset[i] = static_cast<uint32_t>(storage.size());
    ev.param_len[i] = static_cast<uint32_t>(params[i].size());
    storage.insert(storage.end(), params[i].begin(), params[i].end());
  }
  ev.record = storage.data();
  ev.len = static_cast<uint32_t>(storage.size());
  return ev;
}

std::vector<uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

// What each accessor must return for param `i`: decode_param's value when Ok.
struct Expected {
  std::optional<int64_t> i64;
  std::optional<uint64_t> u64;
  std::optional<std::string> str;
};

Expected expected_for(const RawEvent& ev, uint32_t i) {
  DecodedParam d = decode_param(ev, i);
  if (!d.ok()) return {};
  return {d.i64, d.u64, std::string(d.str)};
}

std::optional<std::string> owned(std::optional<std::string_view> s) {
  return s ? std::optional<std::string>(std::string(*s)) : std::nullopt;
}

// By name and by key, every accessor.
void expect_same(const EventParams& p, std::string_view name, const Expected& want, const std::string& what) {
  ParamKey key(name);
  EXPECT_EQ(p.i64(name), want.i64) << what;
  EXPECT_EQ(p.u64(name), want.u64) << what;
  EXPECT_EQ(owned(p.str(name)), want.str) << what;
  EXPECT_EQ(p.get(name) != nullptr, want.i64.has_value()) << what;
  EXPECT_EQ(p.i64(key), want.i64) << what << " (by key)";
  EXPECT_EQ(p.u64(key), want.u64) << what << " (by key)";
  EXPECT_EQ(owned(p.str(key)), want.str) << what << " (by key)";
  EXPECT_EQ(p.get(key), p.get(name)) << what << " (by key)";
}

// Candidate bytes for a param: empty, 1/2/4/8/3 bytes of a negative-looking
// pattern, a string, the legacy "(NULL)" marker.
std::vector<std::vector<uint8_t>> candidates() {
  std::vector<std::vector<uint8_t>> out = {{}};
  for (size_t n : {1, 2, 3, 4, 8}) out.push_back(std::vector<uint8_t>(n, 0xF6));
  out.push_back(bytes_of(std::string("/etc/shadow\0", 12)));
  out.push_back(bytes_of(std::string("(NULL)\0", 7)));
  out.push_back({2, 10, 0, 0, 1, 0x1F, 0x90});  // an AF_INET sockaddr
  return out;
}

void check_every_param(uint16_t code) {
  const EventInfo* info = event_info(code);
  ASSERT_NE(info, nullptr);
  for (size_t i = 0; i < info->params.size(); ++i) {
    for (const auto& bytes : candidates()) {
      std::vector<std::vector<uint8_t>> params(info->params.size(), std::vector<uint8_t>{});
      params[i] = bytes;
      std::vector<uint8_t> storage;
      RawEvent ev = make_event(code, params, storage);
      std::string name(info->params[i].name);
      std::string what = std::string(info->name) + "." + name + " with " + std::to_string(bytes.size()) + " bytes";
      Expected want = expected_for(ev, static_cast<uint32_t>(i));
      EventParams fresh(ev, nullptr);
      expect_same(fresh, name, want, what + " (fresh)");
      EventParams decoded_first(ev, nullptr);
      (void)decoded_first.get(name);  // the slot path
      expect_same(decoded_first, name, want, what + " (decoded first)");
    }
  }
}

TEST(EventParams, PlainReadsEqualDecodeParamForEveryParamOfCommonEvents) {
  for (auto [name, dir] : {std::pair{"openat", '<'}, {"execve", '<'}, {"connect", '<'}, {"clone", '<'},
                           {"socket", '<'}, {"close", '<'}, {"mmap", '<'}, {"dup2", '<'}, {"ptrace", '<'}}) {
    auto code = current_event_code(name, dir);
    ASSERT_TRUE(code) << name;
    check_every_param(*code);
  }
}

TEST(ParamKey, IndexesEveryEventCodeAsTheSchemaDoes) {
  auto events = all_events();
  for (std::string_view name : {"fd", "res", "name", "flags", "tuple", "no_such_param", "vm_size"}) {
    ParamKey key(name);
    for (size_t code = 0; code < events.size(); ++code)
      EXPECT_EQ(key.index(static_cast<uint16_t>(code)), param_index(events[code], name)) << name << " " << code;
    EXPECT_EQ(key.index(static_cast<uint16_t>(events.size())), -1);
    EXPECT_EQ(key.index(60000), -1);
  }
}

TEST(EventParams, FallsBackToTheEnterEventWhenTheExitLacksTheParamOrItIsEmpty) {
  auto exit_code = current_event_code("connect", '<');
  auto enter_code = current_event_code("connect", '>');
  ASSERT_TRUE(exit_code && enter_code);
  std::vector<uint8_t> a, b;
  // connect exit: res, tuple, fd (fd left empty); enter: fd, addr.
  RawEvent exit_ev = make_event(*exit_code, {{0, 0, 0, 0, 0, 0, 0, 0}, {}, {}}, a);
  RawEvent enter_ev = make_event(*enter_code, {{5, 0, 0, 0, 0, 0, 0, 0}, {2, 10, 0, 0, 1, 0x1F, 0x90}}, b);
  EventParams p(exit_ev, &enter_ev);
  EXPECT_EQ(p.i64("fd"), 5);
  EXPECT_EQ(p.result(), 0);
  ASSERT_NE(p.get("addr"), nullptr);
  EXPECT_EQ(p.get("addr")->addr.port, 0x901F);
  EXPECT_EQ(p.i64("no_such_param"), std::nullopt);
  EventParams no_enter(exit_ev, nullptr);
  EXPECT_EQ(no_enter.i64("fd"), std::nullopt);
}

// strings_into gives what strings() gives, over any previous contents, and
// with only_if_any leaves them alone for an empty or absent list.
TEST(EventParams, StringsIntoEqualsStringsOverAnyPreviousContents) {
  auto code = current_event_code("execve", '<');
  ASSERT_TRUE(code);
  const EventInfo& info = *event_info(*code);
  const int args_at = param_index(info, "args");
  ASSERT_GE(args_at, 0);
  const ParamKey key("args");
  const std::vector<std::string> lists[] = {
      {}, {"a"}, {"one", "two", "a rather long argument that lives on the heap"}, {"", "x", ""}};
  for (const auto& want : lists) {
    std::vector<uint8_t> bytes;
    for (const auto& s : want) {
      bytes.insert(bytes.end(), s.begin(), s.end());
      bytes.push_back(0);
    }
    std::vector<std::vector<uint8_t>> params(info.params.size());
    params[static_cast<size_t>(args_at)] = bytes;
    std::vector<uint8_t> storage;
    RawEvent ev = make_event(*code, params, storage);
    EventParams p(ev, nullptr);
    for (const auto& before : lists) {
      std::vector<std::string> out = before;
      EXPECT_TRUE(p.strings_into(key, out));
      EXPECT_EQ(out, p.strings(key));
      out = before;
      bool replaced = p.strings_into(key, out, /*only_if_any=*/true);
      EXPECT_EQ(replaced, !p.strings(key).empty());
      EXPECT_EQ(out, replaced ? p.strings(key) : before);
    }
  }
}

TEST(EventParams, ANameBufferReusedWithOtherTextIsLookedUpAfresh) {
  auto code = current_event_code("openat", '<');
  ASSERT_TRUE(code);
  std::vector<uint8_t> storage;
  RawEvent ev = make_event(*code, {{3, 0, 0, 0, 0, 0, 0, 0}, {0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}}, storage);
  EventParams p(ev, nullptr);
  char name[8] = "nope";
  EXPECT_EQ(p.i64(std::string_view(name, 4)), std::nullopt);  // remembered as absent
  std::memcpy(name, "fd\0\0", 4);
  EXPECT_EQ(p.i64(std::string_view(name, 2)), 3);
  std::memcpy(name, "dirfd", 5);
  EXPECT_EQ(p.i64(std::string_view(name, 5)), -100);
  std::memcpy(name, "nope", 4);
  EXPECT_EQ(p.i64(std::string_view(name, 4)), std::nullopt);
}

TEST(EventParams, ResultOfAnEventBeyondTheSchemaIsItsOpaqueFirstParam) {
  std::vector<uint8_t> storage;
  RawEvent ev = make_event(60000, {{1, 2}}, storage);
  EventParams p(ev, nullptr);
  DecodedParam d = decode_param(ev, 0);
  EXPECT_EQ(p.result(), d.ok() ? std::optional<int64_t>(d.i64) : std::nullopt);
}

}  // namespace
}  // namespace eg
