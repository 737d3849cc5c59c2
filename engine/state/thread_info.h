// One thread as the state engine tracks it (libsinsp's sinsp_threadinfo).
// Process-wide data (args, env, exe, fds) is kept per thread as it is in a
// process snapshot; a thread created with CLONE_FILES shares its parent's fd
// table, and every thread uses its main thread's cwd (see ZoneState::cwd).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/state/fd_table.h"

namespace eg {

// PPM_CL_* bits of the clone/execve "flags" param (flags.json clone_flags).
enum ThreadFlag : uint64_t {
  kClCloneFiles = 1u << 0, kClCloneFs = 1u << 1, kClCloneNewns = 1u << 5, kClCloneNewpid = 1u << 6,
  kClCloneParent = 1u << 8, kClCloneSighand = 1u << 11, kClCloneThread = 1u << 13,
  kClCloneVm = 1u << 15, kClCloneInverted = 1u << 16, kClNameChanged = 1u << 17,
  kClClosed = 1u << 18, kClCloneVfork = 1u << 27, kClChildInPidns = 1u << 29,
};

struct ThreadInfo {
  int64_t tid = -1, pid = -1, ptid = -1;
  int64_t sid = -1, vpgid = -1, pgid = -1;
  int64_t vtid = -1, vpid = -1;
  std::string comm;                  // proc.name
  std::string exe;                   // proc.exe (argv[0])
  std::string exepath;               // proc.exepath
  std::vector<std::string> args;     // proc.args (without argv[0])
  std::vector<std::string> env;      // NAME=value
  std::vector<std::string> cgroups;  // "subsys=path"
  std::string cwd;                   // with trailing '/'
  std::string root;
  std::string container_id;          // "" = host
  uint64_t clone_flags = 0;          // PPM_CL_* of the creating clone/execve
  int64_t fdlimit = 0;
  uint32_t uid = 0, gid = 0;
  uint32_t loginuid = UINT32_MAX;
  uint32_t tty = 0;
  uint64_t vmsize_kb = 0, vmrss_kb = 0, vmswap_kb = 0, pfmajor = 0, pfminor = 0;
  uint64_t clone_ts = 0;             // proc.pid.ts
  uint64_t lastexec_ts = 0;
  int64_t pidns_init_start_ts = 0;
  uint64_t exe_ino = 0, exe_ino_ctime = 0, exe_ino_mtime = 0;
  bool exe_writable = false, exe_upper_layer = false, exe_lower_layer = false, exe_from_memfd = false;
  uint64_t cap_inheritable = 0, cap_permitted = 0, cap_effective = 0;
  bool exited = false;               // procexit seen; removed at the next event
  bool from_snapshot = false;        // seeded from a process list, not from events
  bool incomplete = false;           // created for an unknown tid (no clone/snapshot seen)
  uint64_t last_event_ts = 0;        // for eviction when the table is full
  std::shared_ptr<FdTable> fds;      // never null for threads in a ZoneState

  bool is_main_thread() const { return tid == pid; }
  bool in_pid_namespace() const { return (clone_flags & kClChildInPidns) != 0 || (vtid >= 0 && vtid != tid); }
};

}  // namespace eg
