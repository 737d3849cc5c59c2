// Tests of the generated event table and its lookups (fields/event_schema.h):
// spot checks against facts stated in the scap format spec, and the
// event-type search mapping of names to codes as libsinsp computes it.
#include "fields/event_schema.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fields/event_converter_table.h"

namespace eg {
namespace {

bool contains(const std::vector<uint16_t>& v, uint16_t c) {
  return std::find(v.begin(), v.end(), c) != v.end();
}

TEST(EventSchema, TableHasEveryCode) {
  ASSERT_EQ(all_events().size(), 454u);
  for (size_t i = 0; i < all_events().size(); ++i) EXPECT_EQ(all_events()[i].code, i);
  EXPECT_EQ(event_info(454), nullptr);
}

TEST(EventSchema, OpenExitLayout) {
  const EventInfo* ev = event_info(3);
  ASSERT_NE(ev, nullptr);
  EXPECT_EQ(ev->id, "PPME_SYSCALL_OPEN_X");
  EXPECT_EQ(ev->name, "open");
  EXPECT_EQ(ev->dir, '<');
  EXPECT_TRUE(ev->has(kEfCreatesFd));
  EXPECT_TRUE(ev->has(kEfConverterManaged));
  ASSERT_EQ(ev->params.size(), 6u);
  EXPECT_EQ(ev->params[0].name, "fd");
  EXPECT_EQ(ev->params[0].type, FieldType::FD);
  EXPECT_EQ(ev->params[2].type, FieldType::FLAGS32);
  EXPECT_EQ(ev->params[2].format, ParamFormat::Hex);
  EXPECT_EQ(ev->params[2].info, "file_flags");
  EXPECT_FALSE(ev->params[2].flags.empty());
  EXPECT_EQ(ev->params[3].format, ParamFormat::Oct);
  EXPECT_EQ(param_index(*ev, "mode"), 3);
  EXPECT_EQ(param_index(*ev, "nope"), -1);
}

TEST(EventSchema, LargePayloadTypes) {
  std::vector<std::string_view> large;
  for (const EventInfo& ev : all_events())
    if (ev.has(kEfLargePayload)) large.push_back(ev.id);
  EXPECT_EQ(large, (std::vector<std::string_view>{"PPME_PLUGINEVENT_E", "PPME_CONTAINER_JSON_2_E",
                                                  "PPME_ASYNCEVENT_E"}));
  EXPECT_EQ(event_info(kAsyncEventCode)->name, "asyncevent");
  EXPECT_EQ(event_info(kPluginEventCode)->name, "pluginevent");
}

TEST(EventSchema, FsRelPathKnowsItsDirfd) {
  const EventInfo* ev = event_info(*event_code_by_id("PPME_SYSCALL_OPENAT_2_X"));
  int name = param_index(*ev, "name");
  ASSERT_GE(name, 0);
  EXPECT_EQ(ev->params[name].type, FieldType::FSRELPATH);
  EXPECT_EQ(ev->params[name].dirfd_param, param_index(*ev, "dirfd"));
}

TEST(EventSchema, NamesMapToEveryVersion) {
  auto execve = event_codes_for_name("execve");
  for (uint16_t c : {12, 13, 154, 155, 172, 173, 214, 215, 230, 231, 282, 283, 288, 289, 292, 293})
    EXPECT_TRUE(contains(execve, c)) << c;
  for (uint16_t c : execve) EXPECT_EQ(event_info(c)->name, "execve");
  auto open = event_codes_for_name("open");
  EXPECT_TRUE(contains(open, 2));
  EXPECT_TRUE(contains(open, 3));
  EXPECT_FALSE(contains(open, 0));
}

TEST(EventSchema, GenericSyscallsMapToGenericCodes) {
  EXPECT_EQ(event_codes_for_name("syncfs"), (std::vector<uint16_t>{0, 1}));
  EXPECT_EQ(event_codes_for_name("getpid"), (std::vector<uint16_t>{0, 1}));
  EXPECT_TRUE(event_codes_for_name("no_such_syscall").empty());
  // "syscall" is the name of codes 0/1 but the search starts at code 2.
  EXPECT_TRUE(event_codes_for_name("syscall").empty());
}

TEST(EventSchema, MetaEventNames) {
  EXPECT_EQ(event_codes_for_name("asyncevent"), (std::vector<uint16_t>{kAsyncEventCode}));
  EXPECT_TRUE(contains(event_codes_for_name("container"), 324));
  EXPECT_TRUE(contains(event_codes_for_name("procexit"), 186));
}

TEST(EventSchema, CurrentCode) {
  EXPECT_EQ(current_event_code("openat", '<'), event_code_by_id("PPME_SYSCALL_OPENAT_2_X"));
  EXPECT_EQ(current_event_code("execve", '<'), event_code_by_id("PPME_SYSCALL_EXECVE_19_X"));
  EXPECT_EQ(current_event_code("nosuch", '<'), std::nullopt);
}

TEST(EventSchema, Syscalls) {
  const SyscallInfo* read = syscall_by_nr(0);
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(read->name, "read");
  EXPECT_EQ(read->exit_event, 7);
  EXPECT_EQ(syscall_by_name("read"), read);
  EXPECT_EQ(syscall_by_ppm_sc(read->ppm_sc), read);
  EXPECT_EQ(syscall_by_nr(221)->name, "fadvise64");
  EXPECT_EQ(ppm_sc_name(16), "getpid");
  EXPECT_EQ(ppm_sc_by_name("getpid"), 16);
  EXPECT_EQ(ppm_sc_name(0), "unknown");
  EXPECT_EQ(ppm_sc_count(), 454);
}

TEST(EventSchema, ErrnoAndSignals) {
  EXPECT_EQ(errno_name(2), "ENOENT");
  EXPECT_EQ(errno_name(512), "ERESTARTSYS");
  EXPECT_EQ(errno_name(0), "");
  EXPECT_EQ(errno_name(99999), "");
  EXPECT_EQ(signal_name(9), "SIGKILL");
  EXPECT_EQ(signal_name(0), "");
}

TEST(EventSchema, Tables) {
  auto ff = flag_table("file_flags");
  ASSERT_FALSE(ff.empty());
  EXPECT_TRUE(std::any_of(ff.begin(), ff.end(), [](const FlagName& f) {
    return f.name == "O_CLOEXEC";
  }));
  EXPECT_TRUE(flag_table("nope").empty());
  auto dyn = dyn_param_table("sockopt_dynamic_param");
  ASSERT_EQ(dyn.size(), 5u);
  EXPECT_EQ(dyn[1].type, FieldType::ERRNO);
  EXPECT_EQ(param_type_size(FieldType::ERRNO), 8);
  EXPECT_EQ(param_type_size(FieldType::CHARBUF), -1);
  EXPECT_EQ(param_type_size(FieldType::IPV6ADDR), 16);
}

TEST(EventConverterTable, Lookups) {
  const Conversion* c = find_conversion(0, 2);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->action, ConversionAction::Store);
  c = find_conversion(105, 1);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->action, ConversionAction::ChangeType);
  EXPECT_EQ(c->desired_code, 309);
  ASSERT_EQ(c->instrs.size(), 3u);
  EXPECT_EQ(c->instrs[1].kind, ConversionInstrKind::FromEnter);
  EXPECT_TRUE(c->instrs[1].fallback_to_empty);
  EXPECT_EQ(find_conversion(3, 200), nullptr);
}

}  // namespace
}  // namespace eg
