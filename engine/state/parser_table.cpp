// Event code -> parser (and the driver's other per-code traits, parsers.h).
// The table is keyed by event name and direction and resolved once against
// the generated event table, so every version of an event (old layouts
// included) reaches the same parser.
#include <array>
#include <string_view>
#include <vector>

#include "engine/state/parsers.h"

namespace eg {
namespace {

struct ParserEntry {
  std::string_view name;
  char dir;
  ParserFn fn;
};

constexpr ParserEntry kParsers[] = {
    {"clone", '<', parse_clone_exit},      {"fork", '<', parse_clone_exit},
    {"vfork", '<', parse_clone_exit},      {"clone3", '<', parse_clone_exit},
    {"execve", '<', parse_execve_exit},    {"execveat", '<', parse_execve_exit},
    {"procexit", '>', parse_procexit},
    {"chdir", '<', parse_chdir_exit},      {"fchdir", '<', parse_fchdir_exit},
    {"setuid", '<', parse_setuid_exit},    {"setgid", '<', parse_setgid_exit},
    {"setresuid", '<', parse_setresuid_exit}, {"setresgid", '<', parse_setresgid_exit},
    {"setreuid", '<', parse_setreuid_exit}, {"setregid", '<', parse_setregid_exit},
    {"setsid", '<', parse_setsid_exit},    {"setpgid", '<', parse_setpgid_exit},
    {"capset", '<', parse_capset_exit},    {"prctl", '<', parse_prctl_exit},
    {"brk", '<', parse_memory_update},     {"mmap", '<', parse_memory_update},
    {"mmap2", '<', parse_memory_update},   {"munmap", '<', parse_memory_update},
    {"switch", '>', parse_memory_update},
    {"open", '<', parse_open_exit},        {"openat", '<', parse_open_exit},
    {"openat2", '<', parse_open_exit},     {"creat", '<', parse_open_exit},
    {"open_by_handle_at", '<', parse_open_exit},
    {"socket", '<', parse_socket_exit},    {"socketpair", '<', parse_socketpair_exit},
    {"connect", '<', parse_connect_exit},  {"accept", '<', parse_accept_exit},
    {"accept4", '<', parse_accept_exit},   {"bind", '<', parse_bind_exit},
    {"pipe", '<', parse_pipe_exit},        {"pipe2", '<', parse_pipe_exit},
    {"dup", '<', parse_dup_exit},          {"dup2", '<', parse_dup_exit},
    {"dup3", '<', parse_dup_exit},         {"fcntl", '<', parse_fcntl_exit},
    {"eventfd", '<', parse_simple_fd_exit}, {"eventfd2", '<', parse_simple_fd_exit},
    {"signalfd", '<', parse_simple_fd_exit}, {"signalfd4", '<', parse_simple_fd_exit},
    {"timerfd_create", '<', parse_simple_fd_exit}, {"inotify_init", '<', parse_simple_fd_exit},
    {"inotify_init1", '<', parse_simple_fd_exit}, {"epoll_create", '<', parse_simple_fd_exit},
    {"epoll_create1", '<', parse_simple_fd_exit}, {"userfaultfd", '<', parse_simple_fd_exit},
    {"io_uring_setup", '<', parse_simple_fd_exit}, {"bpf", '<', parse_simple_fd_exit},
    {"pidfd_open", '<', parse_simple_fd_exit}, {"pidfd_getfd", '<', parse_simple_fd_exit},
    {"memfd_create", '<', parse_memfd_create_exit},
    {"close", '<', parse_close_exit},      {"close_range", '<', parse_close_range_exit},
    {"sendto", '<', parse_socket_io_exit}, {"recvfrom", '<', parse_socket_io_exit},
    {"sendmsg", '<', parse_socket_io_exit}, {"recvmsg", '<', parse_socket_io_exit},
};

std::vector<ParserFn> build_table() {
  auto events = all_events();
  std::vector<ParserFn> table(events.size(), nullptr);
  for (const EventInfo& e : events) {
    for (const ParserEntry& p : kParsers) {
      if (e.name == p.name && e.dir == p.dir) table[e.code] = p.fn;
    }
  }
  return table;
}

}  // namespace

MemoryUpdate memory_update_of(const EventInfo& info) {
  std::string_view name = info.name;
  if (info.dir == '<' && (name == "brk" || name == "mmap" || name == "mmap2" || name == "munmap"))
    return MemoryUpdate::VmExit;
  if (name == "switch") return MemoryUpdate::Switch;
  return MemoryUpdate::None;
}

const CodeTraits* code_traits_table() {
  static const std::vector<CodeTraits> table = [] {
    std::vector<CodeTraits> t;
    for (const EventInfo& e : all_events()) t.push_back({parser_for(e.code), memory_update_of(e)});
    return t;
  }();
  return table.data();
}

ParserFn parser_for(uint16_t code) {
  static const std::vector<ParserFn> table = build_table();
  return code < table.size() ? table[code] : nullptr;
}

}  // namespace eg
