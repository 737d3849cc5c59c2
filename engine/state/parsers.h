// Internal to engine/state: the event parsers that update a ZoneState, one
// function per syscall family (thread_parsers.cpp, fd_parsers.cpp), and the
// table that maps event codes to them (parser_table.cpp). Parsers run after
// the event's thread was looked up and before rules see the event.
#pragma once

#include <cstdint>

#include "engine/state/event_params.h"
#include "engine/state/zone_state.h"

namespace eg {

// What a parser works with. `thread` may be null (no tid or table full).
struct ParseInput {
  ZoneState& zone;
  const RawEvent& ev;
  const EventInfo& info;
  EventParams params;
  ThreadInfo* thread;
  EventContext& ctx;
};

// Mutable access to a zone's tables for the parsers.
struct ZoneState::Parsing {
  static ThreadTable& threads(ZoneState& z) { return z.threads_; }
  static UserTable& users(ZoneState& z) { return z.users_; }
  static StateStats& stats(ZoneState& z) { return z.stats_; }
  static const StateLimits& limits(ZoneState& z) { return z.limits_; }
  static void defer_thread_removal(ZoneState& z, int64_t tid) { z.threads_to_remove_.push_back(tid); }
  static void defer_fd_removal(ZoneState& z, std::shared_ptr<FdTable> table, int64_t fd) {
    z.fds_to_remove_.emplace_back(std::move(table), fd);
  }
  static const MachineSnapshot& machine(ZoneState& z) { return z.machine_; }
  // Reusable string buffers for a parser's temporaries (i < kScratchBuffers).
  static std::string& scratch(ZoneState& z, size_t i) { return z.scratch_[i]; }
};

using ParserFn = void (*)(ParseInput&);

// The parser for event `code` (nullptr when the event does not change state).
ParserFn parser_for(uint16_t code);

// Which memory counters an event refreshes (ZoneState::update_memory_counters):
// exits of brk/mmap/mmap2/munmap carry vm sizes, context switches also carry
// page faults.
enum class MemoryUpdate : uint8_t { None, VmExit, Switch };

// What the per-event driver needs to know of a code, resolved once per code
// so that it costs one table load per event instead of name comparisons.
struct CodeTraits {
  ParserFn parser = nullptr;                 // = parser_for(code)
  MemoryUpdate memory = MemoryUpdate::None;
};
// Index = event code, one entry per code of all_events().
const CodeTraits* code_traits_table();
// The general rule the table holds for `memory` (for tests of the table).
MemoryUpdate memory_update_of(const EventInfo& info);

// Thread parsers (thread_parsers.cpp).
void parse_clone_exit(ParseInput& in);
void parse_execve_exit(ParseInput& in);
void parse_procexit(ParseInput& in);
void parse_chdir_exit(ParseInput& in);
void parse_fchdir_exit(ParseInput& in);
void parse_setuid_exit(ParseInput& in);
void parse_setgid_exit(ParseInput& in);
void parse_setresuid_exit(ParseInput& in);
void parse_setresgid_exit(ParseInput& in);
void parse_setreuid_exit(ParseInput& in);
void parse_setregid_exit(ParseInput& in);
void parse_setsid_exit(ParseInput& in);
void parse_setpgid_exit(ParseInput& in);
void parse_capset_exit(ParseInput& in);
void parse_prctl_exit(ParseInput& in);
void parse_memory_update(ParseInput& in);  // brk/mmap/munmap exits, switch: vm and page-fault counters

// Fd parsers (fd_parsers.cpp).
void parse_open_exit(ParseInput& in);
void parse_socket_exit(ParseInput& in);
void parse_socketpair_exit(ParseInput& in);
void parse_connect_exit(ParseInput& in);
void parse_accept_exit(ParseInput& in);
void parse_bind_exit(ParseInput& in);
void parse_pipe_exit(ParseInput& in);
void parse_dup_exit(ParseInput& in);
void parse_fcntl_exit(ParseInput& in);
void parse_simple_fd_exit(ParseInput& in);  // eventfd, signalfd, timerfd, inotify, epoll, ...
void parse_memfd_create_exit(ParseInput& in);
void parse_close_exit(ParseInput& in);
void parse_close_range_exit(ParseInput& in);
void parse_socket_io_exit(ParseInput& in);  // sendto/recvfrom/...: UDP tuple updates

// Shared helpers.
// The fd table a thread's fds live in (the main thread's for threads). The
// pointer is the owning thread's own (no reference count touched per call).
const std::shared_ptr<FdTable>& fd_table_of(ZoneState& z, ThreadInfo& t);
// The kind of fd a socket of `family` (PPM_AF_*) is.
FdKind socket_kind(uint8_t family);

}  // namespace eg
