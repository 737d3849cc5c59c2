// Parsers of the events that create, change and end threads: clone family,
// execve family, procexit, cwd and credential changes. They follow libsinsp's
// parsers (clone caller/child exits, execve exit) field by field, because the
// proc.* fields rules use are exactly what those parsers leave in the table.
#include <algorithm>

#include "engine/state/container_id.h"
#include "engine/state/parsers.h"
#include "engine/state/path_join.h"
#include "engine/state/param_keys.h"

namespace eg {
namespace {

constexpr uint64_t kCloneStaleTimeNs = 2'000'000'000;  // child entry older than this is stale
constexpr uint32_t kExeWritable = 1, kExeUpperLayer = 2, kExeFromMemfd = 4, kExeLowerLayer = 8;
constexpr uint32_t kInvalidId = UINT32_MAX;

bool is_invalid(const ThreadInfo& t) { return t.tid < 0 || t.pid < 0 || t.ptid < 0; }

int64_t vtid_or_tid(const ThreadInfo& t) { return t.vtid >= 0 ? t.vtid : t.tid; }

// The thread for `tid`, creating libsinsp's placeholder when unknown.
ThreadInfo* get_or_make_thread(ZoneState& z, int64_t tid) {
  ThreadTable& threads = ZoneState::Parsing::threads(z);
  if (ThreadInfo* t = threads.find(tid)) return t;
  ThreadInfo t;
  t.tid = tid;
  t.pid = -1;
  t.ptid = -1;
  t.comm = "<NA>";
  t.exe = "<NA>";
  t.uid = t.gid = t.loginuid = kInvalidId;
  t.incomplete = true;
  t.fds = std::make_shared<FdTable>(ZoneState::Parsing::limits(z).max_fds_per_process);
  return threads.add(std::move(t));
}

void copy_fds(const FdTable& from, FdTable& to) {
  from.for_each([&](int64_t fd, const FdInfo& info) {
    to.add(fd, info);
    return true;
  });
}

// Page faults and memory of clone and execve exits; events of old layouts
// without vm_swap leave them as they are.
void read_memory_params(const EventParams& p, ThreadInfo& t) {
  if (!p.get(param_keys::vm_swap())) return;
  t.pfmajor = p.u64(param_keys::pgft_maj()).value_or(0);
  t.pfminor = p.u64(param_keys::pgft_min()).value_or(0);
  t.vmsize_kb = p.u64(param_keys::vm_size()).value_or(0);
  t.vmrss_kb = p.u64(param_keys::vm_rss()).value_or(0);
  t.vmswap_kb = p.u64(param_keys::vm_swap()).value_or(0);
}

// Params common to the clone family exits: program, memory, ids, cgroups.
void fill_from_clone_params(const EventParams& p, ThreadInfo& child) {
  child.exe = std::string(p.str(param_keys::exe()).value_or(""));
  child.args = p.strings(param_keys::args());
  auto comm = p.str(param_keys::comm());
  child.comm = comm && !comm->empty() ? std::string(*comm) : child.exe;
  child.fdlimit = p.i64(param_keys::fdlimit()).value_or(0);
  read_memory_params(p, child);
  child.uid = static_cast<uint32_t>(p.u64(param_keys::uid()).value_or(0));
  child.gid = static_cast<uint32_t>(p.u64(param_keys::gid()).value_or(0));
  auto cgroups = p.strings(param_keys::cgroups());
  if (!cgroups.empty()) child.cgroups = std::move(cgroups);
  child.container_id = container_id_from_cgroups(child.cgroups);
}

// What a new thread inherits from the thread it was cloned from.
void inherit_process_info(const ThreadInfo& from, ThreadInfo& child) {
  child.exepath = from.exepath;
  child.exe_writable = from.exe_writable;
  child.exe_upper_layer = from.exe_upper_layer;
  child.exe_lower_layer = from.exe_lower_layer;
  child.exe_from_memfd = from.exe_from_memfd;
  child.root = from.root;
  child.sid = from.sid;
  child.vpgid = from.vpgid;
  child.pgid = from.pgid;
  child.tty = from.tty;
  child.loginuid = from.loginuid;
  child.cap_permitted = from.cap_permitted;
  child.cap_inheritable = from.cap_inheritable;
  child.cap_effective = from.cap_effective;
  child.exe_ino = from.exe_ino;
  child.exe_ino_ctime = from.exe_ino_ctime;
  child.exe_ino_mtime = from.exe_ino_mtime;
}

// A new process gets a copy of the fds, the cwd and the environment.
void inherit_leader_info(ZoneState& z, ThreadInfo& from, ThreadInfo& child) {
  child.fds = std::make_shared<FdTable>(ZoneState::Parsing::limits(z).max_fds_per_process);
  copy_fds(*fd_table_of(z, from), *child.fds);
  child.cwd = std::string(z.cwd(from));
  child.env = from.env;
}

ThreadInfo* add_child(ZoneState& z, ThreadInfo child) {
  ++ZoneState::Parsing::stats(z).threads_created;
  return ZoneState::Parsing::threads(z).add(std::move(child));
}

void clone_exit_caller(ParseInput& in, int64_t child_tid) {
  ZoneState& z = in.zone;
  ThreadInfo* caller = in.thread;
  if (caller == nullptr) return;
  const EventParams& p = in.params;
  bool valid_caller = !is_invalid(*caller);
  if (!valid_caller) {
    caller->pid = p.i64(param_keys::pid()).value_or(-1);
    caller->ptid = p.i64(param_keys::ptid()).value_or(-1);
    auto vpid = p.i64(param_keys::vpid());
    caller->vtid = vpid ? p.i64(param_keys::vtid()).value_or(caller->tid) : caller->tid;
    caller->vpid = vpid.value_or(-1);
  }
  uint64_t flags = p.u64(param_keys::flags()).value_or(0);
  // A child in a pid namespace is created by its own (child-side) exit.
  if ((flags & (kClChildInPidns | kClCloneNewpid | kClCloneParent)) != 0 || caller->tid != vtid_or_tid(*caller)) return;
  // vfork children may exit before the caller returns: leave them to the child side.
  if ((flags & kClCloneVfork) != 0 || in.info.name == "vfork") return;
  if (const ThreadInfo* existing = ZoneState::Parsing::threads(z).find(child_tid)) {
    if ((existing->clone_flags & kClCloneInverted) != 0) return;
    ZoneState::Parsing::threads(z).erase(child_tid);
    caller = ZoneState::Parsing::threads(z).find(in.ev.tid);  // same node; re-fetch for clarity
    if (caller == nullptr) return;
  }
  ThreadInfo child;
  child.clone_flags = flags;
  child.tid = child_tid;
  if ((flags & kClCloneThread) == 0) {
    if (valid_caller) inherit_leader_info(z, *caller, child);
    child.pid = child_tid;
    child.ptid = caller->tid;
  } else {
    child.pid = caller->pid;
    child.ptid = caller->ptid;
    child.clone_flags |= kClCloneFiles;
    child.lastexec_ts = caller->lastexec_ts;
  }
  child.vtid = child.tid;
  child.vpid = child.pid;
  fill_from_clone_params(p, child);
  child.clone_ts = in.ev.ts;
  child.pidns_init_start_ts = static_cast<int64_t>(ZoneState::Parsing::machine(z).boot_ts);
  if (valid_caller) {
    inherit_process_info(*caller, child);
  } else {
    caller->exe = child.exe;
    caller->comm = child.comm;
    caller->args = child.args;
  }
  if (!child.fds) child.fds = fd_table_of(z, *caller);
  add_child(z, std::move(child));
}

void clone_exit_child(ParseInput& in) {
  ZoneState& z = in.zone;
  const EventParams& p = in.params;
  int64_t child_tid = in.ev.tid;
  if (in.thread != nullptr && in.thread->clone_ts != 0) {
    if (in.ev.ts - in.thread->clone_ts < kCloneStaleTimeNs) return;  // made by the caller
    ZoneState::Parsing::threads(z).erase(child_tid);
    in.thread = nullptr;
  }
  ThreadInfo child;
  child.tid = child_tid;
  child.pid = p.i64(param_keys::pid()).value_or(-1);
  child.ptid = p.i64(param_keys::ptid()).value_or(-1);
  auto vpid = p.i64(param_keys::vpid());
  child.vtid = vpid ? p.i64(param_keys::vtid()).value_or(child.tid) : child.tid;
  child.vpid = vpid.value_or(-1);
  child.clone_flags = p.u64(param_keys::flags()).value_or(0) | kClCloneInverted;
  bool leader = (child.clone_flags & kClCloneThread) == 0;
  int64_t lookup_tid = leader ? child.ptid : child.pid;
  if (!leader) child.clone_flags |= kClCloneFiles;
  if (in.thread != nullptr && lookup_tid == child_tid) lookup_tid = -1;  // never our own placeholder
  ThreadInfo* lookup = lookup_tid >= 0 ? get_or_make_thread(z, lookup_tid) : nullptr;
  bool valid_lookup = lookup != nullptr && !is_invalid(*lookup);
  if (lookup != nullptr && !valid_lookup && !leader) {
    lookup->pid = child.pid;
    lookup->ptid = child.ptid;
    lookup->vpid = child.vpid;
    lookup->vtid = lookup->vpid;
  }
  fill_from_clone_params(p, child);
  if (valid_lookup) {
    inherit_process_info(*lookup, child);
    if (leader) {
      inherit_leader_info(z, *lookup, child);
    } else {
      child.lastexec_ts = lookup->lastexec_ts;
    }
  } else if (lookup != nullptr && !leader) {
    lookup->exe = child.exe;
    lookup->comm = child.comm;
    lookup->args = child.args;
  }
  if (!child.fds) {
    child.fds = (!leader && lookup != nullptr)
                    ? fd_table_of(z, *lookup)
                    : std::make_shared<FdTable>(ZoneState::Parsing::limits(z).max_fds_per_process);
  }
  child.clone_ts = in.ev.ts;
  uint64_t boot_ts = ZoneState::Parsing::machine(z).boot_ts;
  if ((child.clone_flags & (kClChildInPidns | kClCloneNewpid)) != 0 || child.tid != child.vtid) {
    if (auto ns = p.u64(param_keys::pidns_init_start_ts())) child.pidns_init_start_ts = static_cast<int64_t>(*ns + boot_ts);
  } else {
    child.pidns_init_start_ts = static_cast<int64_t>(boot_ts);
  }
  in.thread = add_child(z, std::move(child));
}

// execve replaces every other thread of the process.
void remove_other_threads(ZoneState& z, const ThreadInfo& self) {
  std::vector<int64_t> doomed;
  ZoneState::Parsing::threads(z).for_each([&](const ThreadInfo& t) {
    if (t.pid == self.pid && t.tid != self.tid && !t.is_main_thread()) doomed.push_back(t.tid);
    return true;
  });
  for (int64_t tid : doomed) ZoneState::Parsing::threads(z).erase(tid);
}

void apply_exec_params(ParseInput& in, ThreadInfo& t) {
  const EventParams& p = in.params;
  t.exe.assign(p.str(param_keys::exe()).value_or(""));
  t.lastexec_ts = in.ev.ts;
  auto comm = p.str(param_keys::comm());
  if (comm && !comm->empty()) t.comm.assign(*comm);
  else t.comm = t.exe;
  p.strings_into(param_keys::args(), t.args);
  t.pid = p.i64(param_keys::pid()).value_or(t.pid);
  if (is_invalid(t)) {
    t.ptid = p.i64(param_keys::ptid()).value_or(-1);
    if ((t.clone_flags & kClChildInPidns) == 0) {
      t.vtid = t.tid;
      t.vpid = t.pid;
    }
  }
  t.fdlimit = p.i64(param_keys::fdlimit()).value_or(t.fdlimit);
  read_memory_params(p, t);
  if (p.get(param_keys::env())) p.strings_into(param_keys::env(), t.env);
  p.strings_into(param_keys::cgroups(), t.cgroups, /*only_if_any=*/true);
  t.container_id = container_id_from_cgroups(t.cgroups);
  if (auto tty = p.u64(param_keys::tty())) t.tty = static_cast<uint32_t>(*tty);
}

void apply_exec_identity(ParseInput& in, ThreadInfo& t) {
  const EventParams& p = in.params;
  if (auto trusted = p.str(param_keys::trusted_exepath())) {
    t.exepath.assign(*trusted);
  } else if (auto filename = p.str(param_keys::filename())) {
    t.exepath = *filename == "<NA>" ? std::string("<NA>") : join_path(in.zone.cwd(t), *filename);
  }
  if (auto vpgid = p.i64(param_keys::vpgid())) t.vpgid = *vpgid;
  if (auto loginuid = p.u64(param_keys::loginuid())) t.loginuid = static_cast<uint32_t>(*loginuid);
  if (auto flags = p.u64(param_keys::flags())) {
    t.exe_writable = (*flags & kExeWritable) != 0;
    t.exe_upper_layer = (*flags & kExeUpperLayer) != 0;
    t.exe_from_memfd = (*flags & kExeFromMemfd) != 0;
    t.exe_lower_layer = (*flags & kExeLowerLayer) != 0;
  }
  if (p.get(param_keys::cap_effective())) {
    t.cap_inheritable = p.u64(param_keys::cap_inheritable()).value_or(0);
    t.cap_permitted = p.u64(param_keys::cap_permitted()).value_or(0);
    t.cap_effective = p.u64(param_keys::cap_effective()).value_or(0);
  }
  if (p.get(param_keys::exe_ino_mtime())) {
    t.exe_ino = p.u64(param_keys::exe_ino()).value_or(0);
    t.exe_ino_ctime = p.u64(param_keys::exe_ino_ctime()).value_or(0);
    t.exe_ino_mtime = p.u64(param_keys::exe_ino_mtime()).value_or(0);
  }
  if (auto uid = p.u64(param_keys::uid())) t.uid = static_cast<uint32_t>(*uid);
  t.pgid = p.i64(param_keys::pgid()).value_or(-1);
  if (auto gid = p.u64(param_keys::gid())) t.gid = static_cast<uint32_t>(*gid);
}

// Ids of set*id events: a value of -1 (UINT32_MAX) leaves the id unchanged.
std::optional<uint32_t> id_param(const EventParams& p, const ParamKey& name) {
  auto v = p.u64(name);
  if (!v || static_cast<uint32_t>(*v) == kInvalidId) return std::nullopt;
  return static_cast<uint32_t>(*v);
}

bool succeeded(const ParseInput& in) {
  auto r = in.params.result();
  return in.thread != nullptr && r && *r >= 0;
}

}  // namespace

const std::shared_ptr<FdTable>& fd_table_of(ZoneState& z, ThreadInfo& t) {
  if (!t.is_main_thread() && t.pid >= 0) {
    if (ThreadInfo* m = ZoneState::Parsing::threads(z).find(t.pid); m != nullptr && m->fds) return m->fds;
  }
  if (!t.fds) t.fds = std::make_shared<FdTable>(ZoneState::Parsing::limits(z).max_fds_per_process);
  return t.fds;
}

void parse_clone_exit(ParseInput& in) {
  auto child_tid = in.params.result();
  if (!child_tid || *child_tid < 0) return;
  if (*child_tid == 0) {
    clone_exit_child(in);
  } else {
    clone_exit_caller(in, *child_tid);
  }
}

void parse_execve_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  ThreadInfo& t = *in.thread;
  t.exited = false;
  apply_exec_params(in, t);
  apply_exec_identity(in, t);
  t.incomplete = false;
  t.clone_flags &= kClCloneInverted;
  remove_other_threads(in.zone, t);
}

void parse_procexit(ParseInput& in) {
  if (in.thread == nullptr) return;
  ThreadInfo& t = *in.thread;
  t.exited = true;
  // Children of the exiting thread move to the reaper (or become orphans of 0).
  int64_t reaper = in.params.i64(param_keys::reaper_tid()).value_or(0);
  if (reaper == t.tid || reaper < 0) reaper = 0;
  ZoneState::Parsing::threads(in.zone).for_each_mutable([&](ThreadInfo& c) {
    if (c.ptid == t.tid && c.tid != t.tid && c.pid != t.pid) c.ptid = reaper;
    return true;
  });
  ZoneState::Parsing::defer_thread_removal(in.zone, t.tid);
}

void parse_chdir_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  auto path = in.params.str(param_keys::path());
  if (!path) return;
  ThreadInfo& t = *in.thread;
  std::string cwd = as_directory(join_path(in.zone.cwd(t), *path));
  in.zone.cwd_holder(t).cwd = std::move(cwd);
}

void parse_fchdir_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  auto fd = in.params.i64(param_keys::fd());
  if (!fd) return;
  ThreadInfo& t = *in.thread;
  const FdInfo* info = fd_table_of(in.zone, t)->find(*fd);
  if (info == nullptr) return;
  in.zone.cwd_holder(t).cwd = as_directory(info->name);
}

void parse_setuid_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  if (auto uid = id_param(in.params, param_keys::uid())) in.thread->uid = *uid;
}

void parse_setgid_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  if (auto gid = id_param(in.params, param_keys::gid())) in.thread->gid = *gid;
}

void parse_setresuid_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  if (auto euid = id_param(in.params, param_keys::euid())) in.thread->uid = *euid;
}

void parse_setresgid_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  if (auto egid = id_param(in.params, param_keys::egid())) in.thread->gid = *egid;
}

void parse_setreuid_exit(ParseInput& in) { parse_setresuid_exit(in); }

void parse_setregid_exit(ParseInput& in) { parse_setresgid_exit(in); }

void parse_setsid_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  in.thread->sid = *in.params.result();
}

void parse_setpgid_exit(ParseInput& in) {
  // libsinsp keeps the process group from execve/clone only; nothing to do.
  (void)in;
}

void parse_capset_exit(ParseInput& in) {
  if (!succeeded(in)) return;
  ThreadInfo& t = *in.thread;
  t.cap_inheritable = in.params.u64(param_keys::cap_inheritable()).value_or(t.cap_inheritable);
  t.cap_permitted = in.params.u64(param_keys::cap_permitted()).value_or(t.cap_permitted);
  t.cap_effective = in.params.u64(param_keys::cap_effective()).value_or(t.cap_effective);
}

// Memory events and context switches report the thread's current memory and
// page-fault counters; libsinsp keeps the latest values.
void parse_memory_update(ParseInput& in) {
  if (in.thread == nullptr) return;
  ThreadInfo& t = *in.thread;
  const EventParams& p = in.params;
  if (auto v = p.u64(param_keys::vm_size())) t.vmsize_kb = *v;
  if (auto v = p.u64(param_keys::vm_rss())) t.vmrss_kb = *v;
  if (auto v = p.u64(param_keys::vm_swap())) t.vmswap_kb = *v;
  if (auto v = p.u64(param_keys::pgft_maj())) t.pfmajor = *v;
  if (auto v = p.u64(param_keys::pgft_min())) t.pfminor = *v;
}

void parse_prctl_exit(ParseInput& in) {
  // Only the child-subreaper options matter to libsinsp's reaper logic, which
  // edera-guard approximates with the procexit reaper param.
  (void)in;
}

}  // namespace eg
