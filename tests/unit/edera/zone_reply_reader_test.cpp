// The in-place reply reader (zone_reply_reader.h) against protobuf's own
// parse of the same bytes into the view message the pump used before: the
// same fields for the spec's fixtures, unknown fields, repeated and
// mistyped fields, snapshot and event in one reply; the same verdict and
// fields for every truncation and for thousands of seeded byte mutations;
// and the same native record out of the event encoder.
#include <gtest/gtest.h>

#include <random>

#include "edera_guard/zone_stream_view.pb.h"
#include "edera_test_util.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_reply_reader.h"

namespace eg::edera {
namespace {

using namespace eg::edera::testing;
using View = wire::MonitorZoneKernelEventReplyView;

std::string reply_bytes(const pb::ZoneKernelSyscallEvent& m) {
  pb::MonitorZoneKernelEventReply r;
  *r.mutable_syscall() = m;
  return r.SerializeAsString();
}

// What the pump got from a reply before: protobuf's verdict and fields.
// What it gets now: the reader's. Both as one comparable text ("refused"
// when the pump would not see an event or snapshot from it).
std::string via_view(const std::string& bytes) {
  View v;
  if (!v.ParseFromString(bytes)) return "refused";
  std::string out = v.has_threadsnap() ? "snap[" + v.threadsnap() + "]" : "nosnap";
  if (v.syscall_size() == 0) return out + " noevent";
  const auto& m = v.syscall(v.syscall_size() - 1);
  out += " zone[" + m.zone_id() + "] ts" + std::to_string(m.timestamp()) + " tid" + std::to_string(m.thread_id()) +
         " name[" + m.event_name() + "] type" + std::to_string(m.event_type()) + " cpu" + std::to_string(m.cpuid());
  for (const auto& p : m.event_params())
    out += " p(" + p.name() + "," + std::to_string(p.param_type()) + "," + p.param_data() + "," + p.param_pretty() +
           ")";
  return out;
}

std::string via_reader(const std::string& bytes) {
  ZoneReplyRef r;
  if (!read_zone_reply(bytes, r)) return "refused";
  SyscallEventRef m;
  if (r.has_syscall && !read_syscall_event(r.syscall, m)) return "refused";
  std::string out = r.has_threadsnap ? "snap[" + std::string(r.threadsnap) + "]" : "nosnap";
  if (!r.has_syscall) return out + " noevent";
  auto s = [](std::string_view v) { return std::string(v); };
  out += " zone[" + s(m.zone_id()) + "] ts" + std::to_string(m.timestamp()) + " tid" +
         std::to_string(m.thread_id()) + " name[" + s(m.event_name()) + "] type" + std::to_string(m.event_type()) +
         " cpu" + std::to_string(m.cpuid());
  for (int i = 0; i < m.event_params_size(); ++i) {
    const auto& p = m.event_params(i);
    out += " p(" + s(p.name()) + "," + std::to_string(p.param_type()) + "," + s(p.param_data()) + "," +
           s(p.param_pretty()) + ")";
  }
  return out;
}

std::string hex(const std::string& b) {
  std::string out;
  for (unsigned char c : b) out += "0123456789abcdef"[c >> 4], out += "0123456789abcdef"[c & 15];
  return out;
}

// Raw wire pieces for hand-made replies.
std::string varint(uint64_t v) {
  std::string out;
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(static_cast<char>(v ? b | 0x80 : b));
  } while (v);
  return out;
}
std::string tag(uint32_t field, uint32_t wire) { return varint((field << 3) | wire); }
std::string len_field(uint32_t field, const std::string& v) { return tag(field, 2) + varint(v.size()) + v; }
std::string groups(int n) {  // n unknown groups, each inside the previous one
  std::string open, close;
  for (int i = 0; i < n; ++i) open += tag(20, 3), close += tag(20, 4);
  return open + close;
}

TEST(ZoneReplyReader, FixtureFieldsAndRecordMatchTheProtobufParse) {
  const pb::ZoneKernelSyscallEvent m = openat_fixture();
  const std::string bytes = reply_bytes(m);
  EXPECT_EQ(via_reader(bytes), via_view(bytes));

  ZoneReplyRef r;
  ASSERT_TRUE(read_zone_reply(bytes, r));
  ASSERT_TRUE(r.has_syscall);
  EXPECT_FALSE(r.has_threadsnap);
  SyscallEventRef ref;
  ASSERT_TRUE(read_syscall_event(r.syscall, ref));
  EXPECT_EQ(ref.event_params_size(), m.event_params_size());
  EXPECT_EQ(ref.timestamp(), m.timestamp());
  EXPECT_EQ(ref.event_type(), 307u);
  EXPECT_EQ(ref.cpuid(), 2u);
  // The views point into the reply's bytes, not into copies.
  EXPECT_GE(ref.event_params(2).param_data().data(), bytes.data());
  EXPECT_LT(ref.event_params(2).param_data().data(), bytes.data() + bytes.size());

  std::vector<uint8_t> from_proto, from_ref;
  std::string error;
  ASSERT_TRUE(encode_syscall_event(m, from_proto, error)) << error;
  ASSERT_TRUE(encode_syscall_event(ref, from_ref, error)) << error;
  EXPECT_EQ(from_ref, from_proto);

  ZoneEventDecoder a, b;
  ZoneEvent ea, eb;
  ASSERT_EQ(a.decode(m, ea, error), ZoneEventDecoder::Result::Event) << error;
  std::vector<uint8_t> record_a(ea.raw.record, ea.raw.record + ea.raw.len);
  ASSERT_EQ(b.decode(ref, eb, error), ZoneEventDecoder::Result::Event) << error;
  EXPECT_EQ(std::vector<uint8_t>(eb.raw.record, eb.raw.record + eb.raw.len), record_a);
  EXPECT_EQ(eb.raw.cpu, ea.raw.cpu);
  EXPECT_EQ(eb.visible, ea.visible);
}

TEST(ZoneReplyReader, SnapshotAndEventInOneReply) {
  pb::MonitorZoneKernelEventReply r;
  *r.mutable_threadsnap() = tree_fixture();
  std::string bytes = r.SerializeAsString() + reply_bytes(openat_fixture());  // both oneof members on the wire
  EXPECT_EQ(via_reader(bytes), via_view(bytes));
  ZoneReplyRef ref;
  ASSERT_TRUE(read_zone_reply(bytes, ref));
  EXPECT_TRUE(ref.has_threadsnap);
  EXPECT_TRUE(ref.has_syscall);
  pb::ZoneKernelThreadSnapshotEvent snap;
  EXPECT_TRUE(snap.ParseFromArray(ref.threadsnap.data(), static_cast<int>(ref.threadsnap.size())));
  EXPECT_EQ(snap.thread_info_size(), tree_fixture().thread_info_size());
}

TEST(ZoneReplyReader, HandMadeWireCasesAgreeWithProtobuf) {
  const std::string event = openat_fixture().SerializeAsString();
  const std::string other = openat_fixture(200, 5).SerializeAsString();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty reply", ""},
      {"unknown varint, fixed64, fixed32, bytes and group fields",
       tag(9, 0) + varint(7) + tag(10, 1) + std::string(8, 'x') + tag(11, 5) + std::string(4, 'y') +
           len_field(12, "zz") + tag(13, 3) + tag(1, 0) + varint(1) + tag(13, 4) + len_field(2, event)},
      {"two events: the last one counts", len_field(2, event) + len_field(2, other)},
      {"a malformed earlier event fails the reply", len_field(2, tag(5, 4)) + len_field(2, event)},
      {"syscall with the wrong wire type is unknown", tag(2, 0) + varint(5)},
      {"event fields repeated: last wins, params append",
       len_field(2, event + tag(2, 0) + varint(99) + len_field(5, "read") + len_field(7, len_field(3, "abc")))},
      {"param field with the wrong wire type is unknown", len_field(2, event + tag(7, 0) + varint(3))},
      {"event_type as fixed32 is unknown", len_field(2, event + tag(9, 5) + std::string(4, '\1'))},
      {"uint32 from a 64-bit varint is truncated", len_field(2, event + tag(9, 0) + varint((1ull << 40) | 307))},
      {"empty threadsnap is present", len_field(3, "")},
      {"zero tag", std::string(1, '\0') + len_field(2, event)},
      {"end group with none open", tag(5, 4)},
      {"end group inside the event", len_field(2, tag(5, 4))},
      {"unterminated group", tag(13, 3) + tag(1, 0) + varint(1)},
      {"wire type 6", tag(5, 6)},
      {"tag of 6 bytes", varint((1ull << 36) | (5 << 3) | 2) + varint(0)},
      {"tag of 5 bytes, over 32 bits", varint((1ull << 34) | (9 << 3)) + varint(1) + len_field(2, event)},
      {"field number 0", tag(0, 2) + varint(0) + len_field(2, event)},
      {"field number 0 inside the event", len_field(2, event + tag(0, 0) + varint(1))},
      {"varint over 10 bytes", tag(9, 0) + std::string(11, '\xff') + '\1'},
      {"length past the end", tag(3, 2) + varint(100) + "short"},
      {"zero tag inside a param", len_field(2, len_field(7, std::string(1, '\0')))},
      // protobuf's recursion limit (100) counts messages and groups alike
      {"100 nested groups in the reply", groups(100)},
      {"101 nested groups in the reply", groups(101)},
      {"99 nested groups in the event", len_field(2, event + groups(99))},
      {"100 nested groups in the event", len_field(2, event + groups(100))},
      {"98 nested groups in a param", len_field(2, len_field(7, groups(98)))},
      {"99 nested groups in a param", len_field(2, len_field(7, groups(99)))},
  };
  for (const auto& [what, bytes] : cases) EXPECT_EQ(via_reader(bytes), via_view(bytes)) << what;
}

TEST(ZoneReplyReader, EveryTruncationAgreesWithProtobuf) {
  pb::MonitorZoneKernelEventReply snap;
  *snap.mutable_threadsnap() = tree_fixture();
  for (const std::string& full : {reply_bytes(openat_fixture()), snap.SerializeAsString()})
    for (size_t n = 0; n <= full.size(); ++n) {
      std::string cut = full.substr(0, n);
      ASSERT_EQ(via_reader(cut), via_view(cut)) << "first " << n << " of " << full.size() << " bytes";
    }
}

TEST(ZoneReplyReader, SeededMutationsAgreeWithProtobuf) {
  const std::string event = openat_fixture().SerializeAsString();
  pb::MonitorZoneKernelEventReply snap;
  *snap.mutable_threadsnap() = tree_fixture();
  const std::vector<std::string> bases = {
      reply_bytes(openat_fixture()),
      // unknown fields and nested groups at both levels, then snapshot and event
      tag(13, 3) + tag(14, 3) + tag(1, 0) + varint(1) + tag(14, 4) + tag(13, 4) + snap.SerializeAsString() +
          len_field(2, tag(15, 3) + len_field(2, "x") + tag(15, 4) + event + tag(20, 5) + std::string(4, 'f')),
  };
  std::mt19937 rng(20261201);
  for (const std::string& base : bases)
    for (int i = 0; i < 50000; ++i) {
      std::string b = base;
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        size_t at = rng() % b.size();
        switch (rng() % 3) {
          case 0: b[at] = static_cast<char>(rng()); break;
          case 1: b.erase(at, 1 + rng() % 3); break;
          default: b.insert(at, 1, static_cast<char>(rng())); break;
        }
        if (b.empty()) b = base;
      }
      ASSERT_EQ(via_reader(b), via_view(b)) << "mutation " << i << ": " << hex(b);
    }
}

TEST(ZoneReplyReader, ReplyBytesOfOneAndOfSeveralSlices) {
  const std::string bytes = reply_bytes(openat_fixture());
  ReplyBytes rb;
  grpc::Slice one(bytes);
  ASSERT_TRUE(rb.assign(grpc::ByteBuffer(&one, 1)));
  EXPECT_EQ(rb.view(), bytes);
  std::vector<grpc::Slice> parts = {grpc::Slice(bytes.substr(0, 7)), grpc::Slice(bytes.substr(7, 30)),
                                    grpc::Slice(bytes.substr(37))};
  ASSERT_TRUE(rb.assign(grpc::ByteBuffer(parts.data(), parts.size())));
  EXPECT_EQ(rb.view(), bytes);
  grpc::Slice empty(std::string{});  // an empty reply (neither member): valid, nothing in it
  ASSERT_TRUE(rb.assign(grpc::ByteBuffer(&empty, 1)));
  EXPECT_EQ(rb.view(), "");
}

}  // namespace
}  // namespace eg::edera
