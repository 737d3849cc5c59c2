// ZoneKernelSyscallEvent -> native record: the spec's openat example through
// ZoneState and the extractors, every validation failure with its reason,
// the fields that are not trusted (event_length, event_flags, param_type,
// event_name), cpu, enter events, old layouts and short param lists.
#include <gtest/gtest.h>

#include <array>

#include "edera_test_util.h"
#include "engine/sources/edera/zone_event_encoder.h"
#include "engine/sources/edera/zone_snapshot.h"
#include "engine/state/zone_state.h"
#include "fields/event_schema.h"

namespace eg::edera {
namespace {

using namespace eg::edera::testing;

TEST(ZoneEventEncoder, OpenatFixtureBecomesTheNativeRecord) {
  pb::ZoneKernelSyscallEvent m = openat_fixture();
  std::vector<uint8_t> record;
  std::string error;
  EncodeNotes notes;
  ASSERT_TRUE(encode_syscall_event(m, record, error, &notes)) << error;
  EXPECT_EQ(notes.failure, EncodeFailure::None);
  EXPECT_FALSE(notes.name_mismatch);
  RawEvent ev;
  const char* why = nullptr;
  ASSERT_TRUE(parse_raw_event(record, ev, &why)) << why;
  EXPECT_EQ(ev.ts, m.timestamp());
  EXPECT_EQ(ev.tid, 100);
  EXPECT_EQ(ev.type, 307);
  EXPECT_EQ(ev.nparams, 7u);
  // 26 + 7 * 2 + 8 + 8 + 11 + 4 + 4 + 4 + 8; event_length 12345 ignored.
  EXPECT_EQ(ev.len, 26u + 14 + 47);
  EXPECT_EQ(record.size(), ev.len);
  ASSERT_EQ(ev.param(2).size(), 11u);
  EXPECT_EQ(std::memcmp(ev.param(2).data(), "etc/shadow", 11), 0);
}

TEST(ZoneEventEncoder, OpenatFixtureThroughZoneStateAndFields) {
  pb::ZoneKernelThreadSnapshotEvent snap = tree_fixture();
  (*snap.mutable_thread_info())[100].set_cwd("/");
  ZoneState zone(std::string(kZone), "zone");
  apply_snapshot(zone, convert_thread_snapshot(snap));

  ZoneEventDecoder decoder;
  ZoneEvent ev;
  std::string error;
  ASSERT_EQ(decoder.decode(openat_fixture(), ev, error), ZoneEventDecoder::Result::Event) << error;
  EXPECT_TRUE(ev.visible);
  EXPECT_EQ(ev.raw.cpu, 2);
  const EventContext& ctx = zone.on_event(ev.raw, 1);
  EXPECT_EQ(field_text(ctx, "fd.name"), "/etc/shadow");
  EXPECT_EQ(field_text(ctx, "fd.num"), "3");
  EXPECT_EQ(field_text(ctx, "evt.is_open_read"), "true");
  EXPECT_EQ(field_text(ctx, "fs.path.nameraw"), "etc/shadow");
  EXPECT_EQ(field_text(ctx, "evt.type"), "openat");
  EXPECT_EQ(field_text(ctx, "evt.cpu"), "2");
  EXPECT_EQ(field_text(ctx, "proc.name"), "sh");
  EXPECT_EQ(field_text(ctx, "proc.pname"), "init");
  EXPECT_EQ(field_text(ctx, "evt.arg.flags"), "O_RDONLY");
  EXPECT_EQ(decoder.stats().events, 1u);
}

TEST(ZoneEventEncoder, RelativeOpenIsJoinedWithTheSnapshotCwd) {
  ZoneState zone(std::string(kZone), "zone");
  apply_snapshot(zone, convert_thread_snapshot(tree_fixture()));  // sh's cwd: /home/app
  ZoneEventDecoder decoder;
  ZoneEvent ev;
  std::string error;
  ASSERT_EQ(decoder.decode(openat_fixture(), ev, error), ZoneEventDecoder::Result::Event);
  EXPECT_EQ(field_text(zone.on_event(ev.raw, 1), "fd.name"), "/home/app/etc/shadow");
}

struct Rejection {
  const char* what;
  pb::ZoneKernelSyscallEvent message;
  EncodeFailure failure;
  const char* reason_part;
};

std::vector<Rejection> rejections() {
  std::vector<Rejection> out;
  {
    auto m = openat_fixture();
    m.set_event_type(60000);
    m.set_event_name("bogus");
    out.push_back({"code beyond the table", m, EncodeFailure::UnknownEventCode,
                   "unknown event code 60000"});
  }
  {
    auto m = openat_fixture();
    m.set_event_type(452);  // PPME_SYSCALL_KEYCTL_E: an EF_UNUSED "NA" entry
    out.push_back({"unused table entry", m, EncodeFailure::UnknownEventCode, "unused"});
  }
  {
    auto m = openat_fixture();
    add_param(m, "extra", 8, le<uint64_t>(0), "0", "PT_UINT64");
    out.push_back({"one param too many", m, EncodeFailure::TooManyParams, "8 params"});
  }
  {
    auto m = openat_fixture();
    m.mutable_event_params(0)->set_param_data(le<int32_t>(3));
    out.push_back({"4-byte PT_FD", m, EncodeFailure::BadParamSize, "param 0 (fd, PT_FD) is 4 bytes"});
  }
  {
    auto m = openat_fixture();
    m.mutable_event_params(3)->set_param_data(le<uint64_t>(1));
    out.push_back({"8-byte PT_FLAGS32", m, EncodeFailure::BadParamSize, "param 3 (flags"});
  }
  {
    auto m = openat_fixture();
    m.mutable_event_params(4)->set_param_data("\x01");
    m.mutable_event_params(4)->set_param_type(10);  // claims BYTEBUF: our table says UINT32
    out.push_back({"1-byte PT_UINT32 claiming BYTEBUF", m, EncodeFailure::BadParamSize, "param 4"});
  }
  {
    auto m = openat_fixture();
    m.mutable_event_params(2)->set_param_data(std::string(70000, 'a'));
    out.push_back({"path over 65535 bytes", m, EncodeFailure::ParamTooLong, "70000 bytes"});
  }
  {
    // Plugin events have 4-byte lengths: no 65535 limit, but the 16 MiB record cap.
    pb::ZoneKernelSyscallEvent m;
    m.set_event_type(322);
    m.set_thread_id(1);
    add_param(m, "plugin_id", 7, le<uint32_t>(26), "26", "PT_UINT32");
    add_param(m, "event_data", 10, std::string(17u << 20, 'x'), "", "PT_BYTEBUF");
    out.push_back({"record over 16 MiB", m, EncodeFailure::RecordTooLarge, "record over"});
  }
  return out;
}

TEST(ZoneEventEncoder, MalformedMessagesAreRejectedWithDistinctReasons) {
  ZoneEventDecoder decoder;
  auto cases = rejections();
  for (const Rejection& r : cases) {
    SCOPED_TRACE(r.what);
    std::vector<uint8_t> record;
    std::string error;
    EncodeNotes notes;
    EXPECT_FALSE(encode_syscall_event(r.message, record, error, &notes));
    EXPECT_EQ(notes.failure, r.failure);
    EXPECT_NE(error.find(r.reason_part), std::string::npos) << error;
    ZoneEvent ev;
    std::string derr;
    EXPECT_EQ(decoder.decode(r.message, ev, derr), ZoneEventDecoder::Result::Rejected);
    EXPECT_EQ(derr, error);
  }
  const auto& st = decoder.stats();
  EXPECT_EQ(st.rejected, cases.size());
  EXPECT_EQ(st.rejected_by_failure[size_t(EncodeFailure::UnknownEventCode)], 2u);
  EXPECT_EQ(st.rejected_by_failure[size_t(EncodeFailure::TooManyParams)], 1u);
  EXPECT_EQ(st.rejected_by_failure[size_t(EncodeFailure::BadParamSize)], 3u);
  EXPECT_EQ(st.rejected_by_failure[size_t(EncodeFailure::ParamTooLong)], 1u);
  EXPECT_EQ(st.rejected_by_failure[size_t(EncodeFailure::RecordTooLarge)], 1u);
  EXPECT_EQ(st.events, 0u);
  for (size_t i = 0; i < kEncodeFailureCount; ++i)
    for (size_t j = i + 1; j < kEncodeFailureCount; ++j)
      EXPECT_NE(encode_failure_name(EncodeFailure(i)), encode_failure_name(EncodeFailure(j)));
}

TEST(ZoneEventEncoder, LargePayloadEventsTakeLongParams) {
  pb::ZoneKernelSyscallEvent m;
  m.set_event_type(322);
  m.set_thread_id(1);
  add_param(m, "plugin_id", 7, le<uint32_t>(26), "26", "PT_UINT32");
  add_param(m, "event_data", 10, std::string(100000, 'x'), "", "PT_BYTEBUF");
  std::vector<uint8_t> record;
  std::string error;
  ASSERT_TRUE(encode_syscall_event(m, record, error)) << error;
  RawEvent ev;
  const char* why = nullptr;
  ASSERT_TRUE(parse_raw_event(record, ev, &why)) << why;
  EXPECT_EQ(ev.param(1).size(), 100000u);
  EXPECT_EQ(ev.len, 26u + 2 * 4 + 4 + 100000);
}

TEST(ZoneEventEncoder, MoreThan32ParamsIsRejectedEvenForAWideEvent) {
  pb::ZoneKernelSyscallEvent m;
  m.set_event_type(293);  // execve exit: about 30 params in the table
  for (int i = 0; i < 40; ++i) add_param(m, "p", 0, "", "", "");
  std::vector<uint8_t> record;
  std::string error;
  EncodeNotes notes;
  EXPECT_FALSE(encode_syscall_event(m, record, error, &notes));
  EXPECT_EQ(notes.failure, EncodeFailure::TooManyParams);
}

TEST(ZoneEventEncoder, TableWinsOverTheMessagesConveniences) {
  auto m = openat_fixture();
  m.set_event_name("open");     // disagrees with code 307
  m.set_event_flags(0x800);     // claims EF_LARGE_PAYLOAD: our table says 2-byte lengths
  for (auto& p : *m.mutable_event_params()) p.set_param_type(10);  // all "BYTEBUF"
  std::vector<uint8_t> record, reference;
  std::string error;
  EncodeNotes notes;
  ASSERT_TRUE(encode_syscall_event(m, record, error, &notes)) << error;
  EXPECT_TRUE(notes.name_mismatch);
  ASSERT_TRUE(encode_syscall_event(openat_fixture(), reference, error));
  EXPECT_EQ(record, reference);

  ZoneEventDecoder decoder;
  ZoneEvent ev;
  ASSERT_EQ(decoder.decode(m, ev, error), ZoneEventDecoder::Result::Event);
  EXPECT_EQ(ev.raw.type, 307);
  EXPECT_EQ(decoder.stats().name_mismatches, 1u);
}

TEST(ZoneEventEncoder, EmptyParamsOfFixedTypesAreAccepted) {
  auto m = openat_fixture();
  m.mutable_event_params(6)->clear_param_data();  // ino: "no value"
  std::vector<uint8_t> record;
  std::string error;
  ASSERT_TRUE(encode_syscall_event(m, record, error)) << error;
  RawEvent ev;
  const char* why = nullptr;
  ASSERT_TRUE(parse_raw_event(record, ev, &why));
  EXPECT_FALSE(ev.has_param(6));
}

TEST(ZoneEventEncoder, CpuIdSaturatesAt16Bits) {
  EXPECT_EQ(event_cpu(7), 7);
  EXPECT_EQ(event_cpu(0xffff), 0xffff);
  EXPECT_EQ(event_cpu(0x10000), 0xffff);
  auto m = openat_fixture();
  m.set_cpuid(70000);
  ZoneEventDecoder decoder;
  ZoneEvent ev;
  std::string error;
  ASSERT_EQ(decoder.decode(m, ev, error), ZoneEventDecoder::Result::Event);
  EXPECT_EQ(ev.raw.cpu, 0xffff);
  EXPECT_EQ(decoder.stats().cpu_saturated, 1u);
}

TEST(ZoneEventEncoder, CloseEnterIsStateOnlyAndItsExitIsVisible) {
  // The docs' sample: a close enter event with a single PT_FD param.
  pb::ZoneKernelSyscallEvent enter;
  enter.set_event_type(4);
  enter.set_event_name("close");
  enter.set_thread_id(100);
  enter.set_timestamp(10);
  add_param(enter, "fd", 14, le<int64_t>(3), "3", "PT_FD");
  pb::ZoneKernelSyscallEvent exit;
  exit.set_event_type(5);
  exit.set_event_name("close");
  exit.set_thread_id(100);
  exit.set_timestamp(11);
  add_param(exit, "res", 11, le<int64_t>(0), "0", "PT_ERRNO");

  ZoneEventDecoder decoder;
  ZoneEvent ev;
  std::string error;
  auto r = decoder.decode(enter, ev, error);
  ASSERT_NE(r, ZoneEventDecoder::Result::Rejected) << error;
  if (r == ZoneEventDecoder::Result::Event) {
    EXPECT_FALSE(ev.visible);
  }
  ASSERT_EQ(decoder.decode(exit, ev, error), ZoneEventDecoder::Result::Event) << error;
  EXPECT_TRUE(ev.visible);
  EXPECT_EQ(ev.raw.type, 5);
  // The converter completed the exit with the enter's fd (current layout: res, fd).
  const EventInfo* info = event_info(5);
  ASSERT_NE(info, nullptr);
  int fd_index = param_index(*info, "fd");
  ASSERT_GE(fd_index, 0);
  ASSERT_EQ(ev.raw.param(fd_index).size(), 8u);
  int64_t fd = 0;
  std::memcpy(&fd, ev.raw.param(fd_index).data(), 8);
  EXPECT_EQ(fd, 3);
}

TEST(ZoneEventEncoder, ShortLayoutsLibscapKnowsAreCompletedOthersRejected) {
  // openat exits of older drivers had 5 (no dev, ino) or 6 (no ino) params:
  // the converter appends empty params, as libscap does.
  for (int n : {5, 6}) {
    SCOPED_TRACE(n);
    auto m = openat_fixture();
    while (m.event_params_size() > n) m.mutable_event_params()->RemoveLast();
    ZoneEventDecoder decoder;
    ZoneEvent ev;
    std::string error;
    ASSERT_EQ(decoder.decode(m, ev, error), ZoneEventDecoder::Result::Event) << error;
    EXPECT_EQ(ev.raw.type, 307);
    EXPECT_EQ(ev.raw.nparams, event_info(307)->params.size());
    EXPECT_FALSE(ev.raw.has_param(6));
  }
  // 4 params never existed: encodable, but the conversion fails and is counted.
  auto m = openat_fixture();
  while (m.event_params_size() > 4) m.mutable_event_params()->RemoveLast();
  std::vector<uint8_t> record;
  std::string error;
  ASSERT_TRUE(encode_syscall_event(m, record, error)) << error;
  ZoneEventDecoder decoder;
  ZoneEvent ev;
  EXPECT_EQ(decoder.decode(m, ev, error), ZoneEventDecoder::Result::Rejected);
  EXPECT_EQ(decoder.stats().conversion_errors, 1u);
  EXPECT_NE(error.find("conversion failed"), std::string::npos) << error;
}

TEST(ZoneEventEncoder, OldOpenExitIsUpgradedLikeInACapture) {
  // PPME_SYSCALL_OPEN_X (3) is the current open exit; PPME_SYSCALL_OPENAT_X
  // (103) is the legacy openat exit that needs its enter event: a zone that
  // sends 102/103 gets them folded into 307 by the per-zone converter.
  pb::ZoneKernelSyscallEvent enter;
  enter.set_event_type(102);
  enter.set_thread_id(100);
  add_param(enter, "dirfd", 14, le<int64_t>(-100), "", "");
  add_param(enter, "name", 17, cstr("/etc/passwd"), "", "");
  add_param(enter, "flags", 30, le<uint32_t>(1), "", "");
  add_param(enter, "mode", 7, le<uint32_t>(0), "", "");
  pb::ZoneKernelSyscallEvent exit;
  exit.set_event_type(103);
  exit.set_thread_id(100);
  add_param(exit, "fd", 14, le<int64_t>(5), "", "");
  ZoneEventDecoder decoder;
  ZoneEvent ev;
  std::string error;
  ASSERT_NE(decoder.decode(enter, ev, error), ZoneEventDecoder::Result::Rejected) << error;
  ASSERT_EQ(decoder.decode(exit, ev, error), ZoneEventDecoder::Result::Event) << error;
  EXPECT_EQ(ev.raw.type, 307);
  EXPECT_TRUE(ev.visible);
  int name = param_index(*event_info(307), "name");
  ASSERT_GE(name, 0);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ev.raw.param(name).data()),
                        ev.raw.param(name).size()),
            cstr("/etc/passwd"));
}

// Spec §3.11 / §6 #3: which byte order the zone uses for IPv4 addresses in
// tuples is not known. Decoding is network order (libscap); a param_pretty
// that shows the bytes reversed is counted so a real zone reveals it.
TEST(ZoneEventEncoder, AddressByteOrderIsCrossCheckedAgainstThePrettyText) {
  auto connect = [](std::array<uint8_t, 4> src, std::array<uint8_t, 4> dst, std::string pretty) {
    pb::ZoneKernelSyscallEvent m;
    m.set_event_type(23);  // connect exit: res, tuple, fd, ...
    m.set_event_name("connect");
    m.set_thread_id(100);
    add_param(m, "res", 11, le<int64_t>(0), "0", "PT_ERRNO");
    std::string tuple(1, '\x02');
    tuple.append(reinterpret_cast<const char*>(src.data()), 4);
    tuple += le<uint16_t>(40000);
    tuple.append(reinterpret_cast<const char*>(dst.data()), 4);
    tuple += le<uint16_t>(443);
    add_param(m, "tuple", 13, tuple, std::move(pretty), "PT_SOCKTUPLE");
    return m;
  };
  ZoneEventDecoder decoder;
  ZoneEvent ev;
  std::string error;
  // Network order, pretty agrees.
  ASSERT_EQ(decoder.decode(connect({10, 0, 0, 9}, {1, 2, 3, 4}, "10.0.0.9:40000->1.2.3.4:443"), ev, error),
            ZoneEventDecoder::Result::Event) << error;
  EXPECT_EQ(decoder.stats().address_order_suspects, 0u);
  // Native-endian bytes (the plugin's reading), pretty in the usual text.
  ASSERT_EQ(decoder.decode(connect({9, 0, 0, 10}, {4, 3, 2, 1}, "10.0.0.9:40000->1.2.3.4:443"), ev, error),
            ZoneEventDecoder::Result::Event) << error;
  EXPECT_EQ(decoder.stats().address_order_suspects, 1u);
  // Palindromic addresses and empty pretty text cannot tell.
  ASSERT_EQ(decoder.decode(connect({1, 2, 2, 1}, {5, 0, 0, 5}, "1.2.2.1:40000->5.0.0.5:443"), ev, error),
            ZoneEventDecoder::Result::Event);
  ASSERT_EQ(decoder.decode(connect({9, 0, 0, 10}, {4, 3, 2, 1}, ""), ev, error),
            ZoneEventDecoder::Result::Event);
  EXPECT_EQ(decoder.stats().address_order_suspects, 1u);
}

}  // namespace
}  // namespace eg::edera
