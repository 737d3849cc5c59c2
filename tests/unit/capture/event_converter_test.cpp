// The libscap conversion of old records (engine/sources/event_converter.h),
// one test per rule of scap-format.md section 3.1: drops, passes, enter
// storage and folding, type changes across several steps, defaults, and the
// errors libscap raises.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "engine/sources/event_converter.h"
#include "fields/event_encoder.h"
#include "fields/event_schema.h"
#include "fields/param_decoder.h"

namespace eg {
namespace {

struct Rec {
  std::vector<uint8_t> bytes;
  RawEvent ev;
};

// A record of `code` with exactly the given params (any count).
Rec make(uint16_t code, int64_t tid, std::vector<std::vector<uint8_t>> params) {
  Rec r;
  std::vector<ParamBytes> spans(params.begin(), params.end());
  EXPECT_TRUE(encode_event(100, tid, code, spans, r.bytes));
  const char* why = nullptr;
  EXPECT_TRUE(parse_raw_event(r.bytes, r.ev, &why)) << why;
  return r;
}

template <typename T>
std::vector<uint8_t> le(T v) {
  std::vector<uint8_t> b(sizeof v);
  std::memcpy(b.data(), &v, sizeof v);
  return b;
}

std::vector<uint8_t> text(const std::string& s) {
  std::vector<uint8_t> b(s.begin(), s.end());
  b.push_back(0);
  return b;
}

uint16_t code(const char* id) { return *event_code_by_id(id); }

// The per-code table of is_current answers as the general rules do, for
// every code and every param count a record can have.
TEST(EventConverter, CurrentLayoutTableMatchesTheGeneralRules) {
  EventConverter conv;
  RawEvent ev;
  size_t current = 0;
  for (const EventInfo& info : all_events()) {
    for (uint32_t n = 0; n <= kMaxEventParams; ++n) {
      ev.type = info.code;
      ev.nparams = n;
      bool fast = EventConverter::is_current(info.code, n);
      EXPECT_EQ(fast, conv.is_current_by_schema(ev)) << info.id << " with " << n << " params";
      current += fast;
    }
  }
  EXPECT_GT(current, 0u);
  // Codes beyond the table take the general path (which delivers them).
  EXPECT_FALSE(EventConverter::is_current(static_cast<uint16_t>(all_events().size()), 0));
}

TEST(EventConverter, EnterStoredAndFoldedIntoExit) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec enter = make(code("PPME_SYSCALL_EVENTFD_E"), 9, {le<uint64_t>(7), le<uint32_t>(1)});
  EXPECT_EQ(conv.convert(enter.ev, out, err), EventConverter::Outcome::Drop);
  EXPECT_EQ(conv.pending_count(), 1u);
  Rec exit = make(code("PPME_SYSCALL_EVENTFD_X"), 9, {le<int64_t>(4)});
  ASSERT_EQ(conv.convert(exit.ev, out, err), EventConverter::Outcome::Deliver) << err;
  EXPECT_EQ(out.type, code("PPME_SYSCALL_EVENTFD_X"));
  ASSERT_EQ(out.nparams, 3u);
  EXPECT_EQ(decode_param(out, 0).i64, 4);
  EXPECT_EQ(decode_param(out, 1).u64, 7u);
  EXPECT_EQ(decode_param(out, 2).u64, 1u);
  EXPECT_EQ(out.tid, 9);
  EXPECT_EQ(conv.pending_count(), 0u);  // used once, then forgotten
}

TEST(EventConverter, MissingEnterGivesDefaults) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec exit = make(code("PPME_SYSCALL_EVENTFD_X"), 9, {le<int64_t>(4)});
  ASSERT_EQ(conv.convert(exit.ev, out, err), EventConverter::Outcome::Deliver) << err;
  ASSERT_EQ(out.nparams, 3u);
  EXPECT_EQ(out.param(1).size(), 8u);  // default: zeros of the type's size
  EXPECT_EQ(decode_param(out, 1).u64, 0u);
}

TEST(EventConverter, EnterOfAnotherThreadIsNotUsed) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec enter = make(code("PPME_SYSCALL_EVENTFD_E"), 1, {le<uint64_t>(7), le<uint32_t>(1)});
  conv.convert(enter.ev, out, err);
  Rec exit = make(code("PPME_SYSCALL_EVENTFD_X"), 2, {le<int64_t>(4)});
  ASSERT_EQ(conv.convert(exit.ev, out, err), EventConverter::Outcome::Deliver) << err;
  EXPECT_EQ(decode_param(out, 1).u64, 0u);
  EXPECT_EQ(conv.pending_count(), 1u);
}

TEST(EventConverter, WrongEnterIsAnError) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec close_enter = make(code("PPME_SYSCALL_CLOSE_E"), 1, {le<int64_t>(3)});
  EXPECT_EQ(conv.convert(close_enter.ev, out, err), EventConverter::Outcome::Drop);
  Rec exit = make(code("PPME_SYSCALL_EVENTFD_X"), 1, {le<int64_t>(4)});
  EXPECT_EQ(conv.convert(exit.ev, out, err), EventConverter::Outcome::Error);
  EXPECT_NE(err.find("PPME_SYSCALL_CLOSE_E"), std::string::npos) << err;
}

TEST(EventConverter, ChangeTypeWithFallbackToEmpty) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec link = make(code("PPME_SYSCALL_LINK_X"), 1, {le<int64_t>(0)});
  ASSERT_EQ(conv.convert(link.ev, out, err), EventConverter::Outcome::Deliver) << err;
  EXPECT_EQ(out.type, code("PPME_SYSCALL_LINK_2_X"));
  ASSERT_EQ(out.nparams, 3u);
  EXPECT_FALSE(out.has_param(1));
  EXPECT_FALSE(out.has_param(2));
}

TEST(EventConverter, ContainerClimbsTwoVersionsThroughTheCallback) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec c = make(code("PPME_CONTAINER_E"), 1,
               {text("abc123"), le<uint32_t>(2), text("web"), text("nginx:1")});
  ASSERT_EQ(conv.convert(c.ev, out, err), EventConverter::Outcome::Deliver) << err;
  EXPECT_EQ(out.type, code("PPME_CONTAINER_JSON_2_E"));
  ASSERT_EQ(out.nparams, 1u);
  EXPECT_EQ(decode_param(out, 0).str,
            R"({"id":"abc123","type":2,"name":"web","image":"nginx:1"})");
}

TEST(EventConverter, PassesCurrentAndDropsUnusedAndOldEnters) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec current = make(code("PPME_SYSCALL_CLOSE_X"), 1, {le<int64_t>(0), le<int64_t>(3)});
  ASSERT_EQ(conv.convert(current.ev, out, err), EventConverter::Outcome::Deliver);
  EXPECT_EQ(out.record, current.ev.record);  // unchanged, zero-copy
  Rec unused = make(code("PPME_PROCEXIT_X"), 1, {});
  EXPECT_EQ(conv.convert(unused.ev, out, err), EventConverter::Outcome::Drop);
  Rec old_enter = make(code("PPME_SOCKET_SETSOCKOPT_E"), 1, {});
  EXPECT_EQ(conv.convert(old_enter.ev, out, err), EventConverter::Outcome::Drop);
}

TEST(EventConverter, PassActionDeliversEnter) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec open_e = make(code("PPME_SYSCALL_OPEN_E"), 1, {text("/x"), le<uint32_t>(1), le<uint32_t>(0)});
  ASSERT_EQ(conv.convert(open_e.ev, out, err), EventConverter::Outcome::Deliver) << err;
  EXPECT_EQ(out.type, code("PPME_SYSCALL_OPEN_E"));
}

TEST(EventConverter, Errors) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  // More params than the table for a managed exit.
  std::vector<std::vector<uint8_t>> many(4, le<int64_t>(0));
  Rec too_many = make(code("PPME_SYSCALL_CLOSE_X"), 1, many);
  EXPECT_EQ(conv.convert(too_many.ev, out, err), EventConverter::Outcome::Error);
  EXPECT_NE(err.find("more parameters"), std::string::npos) << err;
  // A managed layout the table has no entry for.
  Rec odd = make(code("PPME_SYSCALL_EVENTFD_E"), 1, {le<uint64_t>(7)});
  EXPECT_EQ(conv.convert(odd.ev, out, err), EventConverter::Outcome::Error);
  EXPECT_NE(err.find("no conversion for PPME_SYSCALL_EVENTFD_E"), std::string::npos) << err;
}

TEST(EventConverter, ResetForgetsPending) {
  EventConverter conv;
  RawEvent out;
  std::string err;
  Rec enter = make(code("PPME_SYSCALL_EVENTFD_E"), 1, {le<uint64_t>(7), le<uint32_t>(1)});
  conv.convert(enter.ev, out, err);
  conv.reset();
  EXPECT_EQ(conv.pending_count(), 0u);
}

}  // namespace
}  // namespace eg
