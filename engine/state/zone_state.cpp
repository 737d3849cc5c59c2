// ZoneState: seeding, queries and the per-event driver (see zone_state.h).
// The driver follows libsinsp's order: deferred removals of the previous
// event, thread lookup (an unknown tid gets a placeholder thread, except for
// procinfo events), the event's parser, then the event's fd for fd.* fields.
#include "engine/state/zone_state.h"

#include "engine/state/container_id.h"
#include "engine/state/parsers.h"
#include "engine/state/path_join.h"
#include "engine/state/param_keys.h"

namespace eg {
namespace {

constexpr std::string_view kProcinfo = "procinfo";

// A process list's argument blob "\0" (no arguments) reads as one empty
// string; libsinsp sees no arguments there.
std::vector<std::string> snapshot_list(const std::vector<std::string>& items) {
  if (items.size() == 1 && items[0].empty()) return {};
  return items;
}

ThreadInfo thread_from_snapshot(const ThreadSnapshot& s) {
  ThreadInfo t;
  t.tid = s.tid;
  t.pid = s.pid;
  t.ptid = s.ptid;
  t.sid = s.sid;
  t.vpgid = s.vpgid;
  t.pgid = s.pgid;
  t.vtid = s.vtid;
  t.vpid = s.vpid;
  t.comm = s.comm;
  t.exe = s.exe;
  t.exepath = s.exepath;
  t.args = snapshot_list(s.args);
  t.env = snapshot_list(s.env);
  t.cgroups = snapshot_list(s.cgroups);
  t.cwd = s.cwd.empty() ? std::string() : as_directory(s.cwd);
  t.root = s.root;
  t.clone_flags = s.flags;
  t.fdlimit = static_cast<int64_t>(s.fdlimit);
  t.uid = s.uid;
  t.gid = s.gid;
  t.loginuid = s.loginuid;
  t.tty = s.tty;
  t.vmsize_kb = s.vmsize_kb;
  t.vmrss_kb = s.vmrss_kb;
  t.vmswap_kb = s.vmswap_kb;
  t.pfmajor = s.pfmajor;
  t.pfminor = s.pfminor;
  t.clone_ts = s.clone_ts;
  t.pidns_init_start_ts = s.pidns_init_start_ts;
  t.exe_ino = s.exe_ino;
  t.exe_ino_ctime = s.exe_ino_ctime;
  t.exe_ino_mtime = s.exe_ino_mtime;
  t.exe_writable = s.exe_writable;
  t.exe_upper_layer = s.exe_upper_layer;
  t.exe_lower_layer = s.exe_lower_layer;
  t.exe_from_memfd = s.exe_from_memfd;
  t.cap_inheritable = s.cap_inheritable;
  t.cap_permitted = s.cap_permitted;
  t.cap_effective = s.cap_effective;
  t.from_snapshot = true;
  return t;
}

FdInfo fd_from_snapshot(const FdSnapshot& s) {
  FdInfo f;
  f.kind = s.kind;
  f.name = s.name;
  f.open_flags = s.flags;
  f.ino = s.ino;
  f.dev = s.dev;
  f.mount_id = s.mount_id;
  f.l4proto = s.l4proto;
  f.sip = s.sip;
  f.cip = s.cip;
  f.sport = s.sport;
  f.cport = s.cport;
  f.unix_source = s.unix_source;
  f.unix_dest = s.unix_dest;
  f.role_server = s.kind == FdKind::Ipv4ServerSocket || s.kind == FdKind::Ipv6ServerSocket;
  f.connected = s.kind == FdKind::Ipv4Socket || s.kind == FdKind::Ipv6Socket || s.kind == FdKind::UnixSocket;
  return f;
}

// The thread libsinsp makes up for an event of a tid it never saw.
ThreadInfo placeholder_thread(int64_t tid) {
  ThreadInfo t;
  t.tid = tid;
  t.pid = -1;
  t.ptid = -1;
  t.comm = "<NA>";
  t.exe = "<NA>";
  t.uid = UINT32_MAX;
  t.gid = UINT32_MAX;
  t.loginuid = UINT32_MAX;
  t.incomplete = true;
  return t;
}

}  // namespace

ZoneState::ZoneState(std::string zone_id, std::string zone_name, StateLimits limits)
    : zone_id_(std::move(zone_id)), zone_name_(std::move(zone_name)), limits_(limits),
      threads_(limits.max_threads), traits_(code_traits_table()) {}

void ZoneState::seed_thread(const ThreadSnapshot& s) {
  ThreadInfo t = thread_from_snapshot(s);
  t.container_id = container_id_from_cgroups(t.cgroups);
  t.fds = std::make_shared<FdTable>(limits_.max_fds_per_process);
  threads_.add(std::move(t));
}

void ZoneState::seed_fd(const FdSnapshot& f) {
  ThreadInfo* t = threads_.find(f.tid);
  if (t == nullptr) return;
  fd_table_of(*this, *t)->add(f.fd, fd_from_snapshot(f));
}

void ZoneState::seed(std::span<const ThreadSnapshot> threads, std::span<const FdSnapshot> fds,
                     std::span<const UserSnapshot> users, std::span<const GroupSnapshot> groups) {
  for (const ThreadSnapshot& t : threads) seed_thread(t);
  for (const FdSnapshot& f : fds) seed_fd(f);
  for (const UserSnapshot& u : users) seed_user(u);
  for (const GroupSnapshot& g : groups) seed_group(g);
}

void ZoneState::seed_user(const UserSnapshot& u) { users_.add_user(u); }

void ZoneState::seed_group(const GroupSnapshot& g) { users_.add_group(g); }

void ZoneState::clear() {
  threads_.clear();
  users_.clear();
  machine_ = {};
  interfaces_.clear();
  threads_to_remove_.clear();
  fds_to_remove_.clear();
  pending_enter_.clear();
  ctx_ = {};
}

const ThreadInfo* ZoneState::parent(const ThreadInfo& t) const {
  const ThreadInfo* m = main_thread(t);
  int64_t ptid = m->ptid;
  if (ptid < 0 || ptid == t.tid) return nullptr;
  return threads_.find(ptid);
}

const ThreadInfo* ZoneState::main_thread(const ThreadInfo& t) const {
  if (t.is_main_thread() || t.pid < 0) return &t;
  const ThreadInfo* m = threads_.find(t.pid);
  return m != nullptr ? m : &t;
}

const FdInfo* ZoneState::fd(const ThreadInfo& t, int64_t fd) const {
  const ThreadInfo* m = main_thread(t);
  const FdTable* table = m->fds ? m->fds.get() : t.fds.get();
  return table != nullptr ? table->find(fd) : nullptr;
}

// As libsinsp: threads use their main thread's cwd; a thread whose main
// thread is unknown reports "./".
std::string_view ZoneState::cwd(const ThreadInfo& t) const {
  if (t.is_main_thread()) return t.cwd;
  const ThreadInfo* m = t.pid >= 0 ? threads_.find(t.pid) : nullptr;
  return m != nullptr ? std::string_view(m->cwd) : std::string_view("./");
}

ThreadInfo& ZoneState::cwd_holder(ThreadInfo& t) {
  if (!t.is_main_thread() && t.pid >= 0) {
    if (ThreadInfo* m = threads_.find(t.pid)) return *m;
  }
  return t;
}

const UserInfo* ZoneState::user(const ThreadInfo& t) const { return users_.user(t.uid, t.container_id); }

const UserInfo* ZoneState::login_user(const ThreadInfo& t) const {
  return users_.user(t.loginuid, t.container_id);
}

const GroupInfo* ZoneState::group(const ThreadInfo& t) const { return users_.group(t.gid, t.container_id); }

const StateStats& ZoneState::stats() const {
  stats_.thread_evictions = threads_.evictions();
  return stats_;
}

// True when a thread of process `pid` other than `except_tid` is still alive.
bool ZoneState::has_live_thread(int64_t pid, int64_t except_tid) const {
  bool found = false;
  threads_.for_each([&](const ThreadInfo& t) {
    found = t.pid == pid && t.tid != except_tid && !t.exited;
    return !found;
  });
  return found;
}

// Removes an exited thread as libsinsp does: a main thread stays (dead) while
// other threads of its process live, since they use its fd table; the last
// thread to go takes a dead main thread with it.
void ZoneState::remove_exited_thread(int64_t tid) {
  const ThreadInfo* t = threads_.find(tid);
  if (t == nullptr || !t->exited) return;
  int64_t pid = t->pid;
  if (t->is_main_thread()) {
    if (pid >= 0 && has_live_thread(pid, tid)) return;
    threads_.erase(tid);
    ++stats_.threads_removed;
    return;
  }
  threads_.erase(tid);
  ++stats_.threads_removed;
  const ThreadInfo* main = pid >= 0 ? threads_.find(pid) : nullptr;
  if (main != nullptr && main->exited && !has_live_thread(pid, pid)) {
    threads_.erase(pid);
    ++stats_.threads_removed;
  }
}

void ZoneState::apply_deferred() {
  for (auto& [table, fd] : fds_to_remove_) table->erase(fd);
  fds_to_remove_.clear();
  for (int64_t tid : threads_to_remove_) remove_exited_thread(tid);
  threads_to_remove_.clear();
}

ThreadInfo* ZoneState::thread_for_event(const RawEvent& ev) {
  if (ev.tid < 0) return nullptr;
  if (ThreadInfo* t = threads_.find(ev.tid)) return t;
  const EventInfo* info = event_info(ev.type);
  if (info != nullptr && info->name == kProcinfo) return nullptr;
  ThreadInfo t = placeholder_thread(ev.tid);
  t.fds = std::make_shared<FdTable>(limits_.max_fds_per_process);
  ++stats_.missing_threads;
  return threads_.add(std::move(t));
}

// Keeps a copy of an enter event for its exit (sources that do not merge them).
void ZoneState::remember_enter(const RawEvent& ev) {
  if (ev.tid < 0 || ev.record == nullptr || ev.len == 0) return;
  PendingEnter& p = pending_enter_[ev.tid];
  p.bytes.assign(ev.record, ev.record + ev.len);
  p.raw = ev;
  p.raw.record = p.bytes.data();
}

// The kept enter event of `exit_info`'s syscall for `ev`'s thread, if any.
const RawEvent* ZoneState::enter_for(const RawEvent& ev, const EventInfo& exit_info) const {
  auto it = pending_enter_.find(ev.tid);
  if (it == pending_enter_.end()) return nullptr;
  const EventInfo* enter_info = event_info(it->second.raw.type);
  if (enter_info == nullptr || enter_info->dir != '>' || enter_info->name != exit_info.name) return nullptr;
  return &it->second.raw;
}

// fd.* of the event: the new fd of fd-creating exits, else the fd param.
void ZoneState::resolve_event_fd(const RawEvent& ev, const EventInfo& info, const EventParams& params) {
  ctx_.fd_num = -1;
  ctx_.fd = nullptr;
  if (ctx_.thread == nullptr) return;
  if (info.has(kEfCreatesFd) && info.dir == '<') {
    if (auto r = params.result(); r && *r >= 0) {
      ctx_.fd_num = *r;
      // pipe/socketpair: fd.* describe the second fd, as libsinsp leaves it.
      if (auto fd2 = params.i64(param_keys::fd2())) ctx_.fd_num = *fd2;
    }
  } else if (info.has(kEfUsesFd)) {
    if (auto fd = params.i64(param_keys::fd())) ctx_.fd_num = *fd;
  }
  (void)ev;
  if (ctx_.fd_num >= 0) ctx_.fd = fd(*ctx_.thread, ctx_.fd_num);
}

// libsinsp refreshes a process's memory counters from the exits of brk, mmap
// and munmap and from context switches (which also carry page faults).
void ZoneState::update_memory_counters(const ParseInput& in, MemoryUpdate kind) {
  ThreadInfo* t = in.thread;
  if (t == nullptr || kind == MemoryUpdate::None) return;
  const EventParams& p = in.params;
  if (kind == MemoryUpdate::Switch) {
    if (auto v = p.u64(param_keys::pgft_maj())) t->pfmajor = *v;
    if (auto v = p.u64(param_keys::pgft_min())) t->pfminor = *v;
  }
  // Memory is process-wide: it lands on the main thread.
  ThreadInfo* m = thread_mut(main_thread(*t)->tid);
  if (m == nullptr) m = t;
  if (auto v = p.u64(param_keys::vm_size())) m->vmsize_kb = *v;
  if (auto v = p.u64(param_keys::vm_rss())) m->vmrss_kb = *v;
  if (auto v = p.u64(param_keys::vm_swap())) m->vmswap_kb = *v;
}

const EventContext& ZoneState::on_event(const RawEvent& ev, uint64_t evt_num, ContextUse use) {
  if (!fds_to_remove_.empty() || !threads_to_remove_.empty()) apply_deferred();
  ++stats_.events;
  // evt.reltime counts from the first event that is not a metaevent (procinfo
  // records of a capture come first and keep base 0), as libsinsp does.
  if (!seen_event_) {
    const EventInfo* first_info = event_info(ev.type);
    if (first_info == nullptr || (first_info->category & kEcMetaevent) == 0) {
      first_ts_ = ev.ts;
      seen_event_ = true;
    }
  }
  // Every field set here (no temporary EventContext built and copied per
  // event); the size check fails when EventContext gains a field.
  static_assert(sizeof(EventContext) == 152, "EventContext changed: reset the new field here");
  ctx_.thread = nullptr;
  ctx_.fd_num = -1;
  ctx_.fd = nullptr;
  ctx_.fd_name_changed = false;
  ctx_.enter_event = nullptr;
  ctx_.event = &ev;
  ctx_.info = event_info(ev.type);
  ctx_.evt_num = evt_num;
  ctx_.zone = this;
  ctx_.zone_id = zone_id_;
  ctx_.zone_name = zone_name_;
  ctx_.event_source = event_source_;
  ctx_.plugin_name = plugin_name_;
  ctx_.first_event_ts = first_ts_;
  ctx_.prev_event_ts = prev_ts_;
  prev_ts_ = ev.ts;

  threads_.set_protected(ev.tid);
  // The known thread inline (nearly every event); thread_for_event makes one up.
  ThreadInfo* thread = ev.tid >= 0 ? threads_.find(ev.tid) : nullptr;
  if (thread == nullptr) thread = thread_for_event(ev);
  if (thread != nullptr) thread->last_event_ts = ev.ts;
  ctx_.thread = thread;
  if (ctx_.info == nullptr) return ctx_;

  const RawEvent* enter = nullptr;
  if (ctx_.info->dir == '>') {
    remember_enter(ev);
  } else {
    if (!pending_enter_.empty()) enter = enter_for(ev, *ctx_.info);
    ctx_.enter_event = enter;
  }
  ParseInput in{*this, ev, *ctx_.info, EventParams(ev, enter), thread, ctx_};
  const CodeTraits& traits = traits_[ev.type];  // in range: ctx_.info is set
  if (traits.parser != nullptr) traits.parser(in);
  // A parser may have replaced the event's thread (clone child, execve).
  ctx_.thread = in.thread;
  if (traits.memory != MemoryUpdate::None) update_memory_counters(in, traits.memory);
  if (use == ContextUse::Rules) resolve_event_fd(ev, *ctx_.info, in.params);
  if (ctx_.info->dir == '<' && !pending_enter_.empty()) pending_enter_.erase(ev.tid);
  return ctx_;
}

}  // namespace eg
