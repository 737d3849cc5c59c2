// ZoneState: the thread, fd, user and group tables of one zone and the event
// parsers that keep them current, in the spirit of libsinsp's parsers.cpp: every
// event goes through on_event() *before* rules see it, and the returned
// EventContext reflects the state after the event (e.g. proc.name is the new
// program on an execve exit, fd.name is the opened path on an open exit).
//
// Feed every event the source produces, visible or not (enter events and
// state-only events update the state too); evaluate rules only on visible ones.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/state/event_context.h"
#include "engine/state/network_interfaces.h"
#include "engine/state/snapshot.h"
#include "engine/state/thread_table.h"
#include "engine/state/user_table.h"

namespace eg {

class EventParams;
struct ParseInput;
struct CodeTraits;
enum class MemoryUpdate : uint8_t;

struct StateLimits {
  size_t max_threads = ThreadTable::kDefaultMaxSize;
  size_t max_fds_per_process = FdTable::kDefaultMaxSize;
};

struct StateStats {
  uint64_t events = 0;
  uint64_t threads_created = 0;     // by clone/fork/execve of unknown tids
  uint64_t threads_removed = 0;     // by procexit
  uint64_t thread_evictions = 0;
  uint64_t fd_drops = 0;            // fds not tracked because a table was full
  uint64_t missing_threads = 0;     // events of tids never seen (thread made up)
};

class ZoneState {
 public:
  explicit ZoneState(std::string zone_id = "host", std::string zone_name = "host",
                     StateLimits limits = {});

  // Seeding (capture metadata, daemon snapshots). Seeding a thread gives it a
  // fresh fd table; seed fds after their threads.
  void seed_thread(const ThreadSnapshot& t);
  void seed_fd(const FdSnapshot& f);
  void seed_user(const UserSnapshot& u);
  void seed_group(const GroupSnapshot& g);
  void seed_machine(const MachineSnapshot& m) { machine_ = m; }
  void seed_interfaces(std::span<const InterfaceSnapshot> itfs) { interfaces_.add(itfs); }
  // All of a capture section / daemon snapshot at once (threads before fds).
  void seed(std::span<const ThreadSnapshot> threads, std::span<const FdSnapshot> fds,
            std::span<const UserSnapshot> users, std::span<const GroupSnapshot> groups);
  void clear();  // forget everything (a new capture section)
  // evt.source / evt.pluginname of this zone's events (see EventContext).
  void set_origin(std::string event_source, std::string plugin_name) {
    event_source_ = std::move(event_source);
    plugin_name_ = std::move(plugin_name);
  }

  // What the caller does with the context on_event() returns. Rules: every
  // field is read. StateOnly: no rule is evaluated for the event's code, so
  // the lookup of the event's fd, which only fields need, is skipped (ctx.fd
  // null, ctx.fd_num -1); the state itself is updated exactly as with Rules.
  enum class ContextUse : uint8_t { Rules, StateOnly };

  // Updates the state with `ev` and returns what rules see of it.
  const EventContext& on_event(const RawEvent& ev, uint64_t evt_num, ContextUse use = ContextUse::Rules);

  // Queries (extractors, tests).
  const ThreadInfo* thread(int64_t tid) const { return threads_.find(tid); }
  const ThreadInfo* parent(const ThreadInfo& t) const;   // nullptr if unknown or self
  const ThreadInfo* main_thread(const ThreadInfo& t) const;  // the pid's thread (or t)
  // Ancestors from the parent upwards, stopping at loops or unknown parents;
  // `fn` returns false to stop.
  template <typename Fn>
  void for_each_ancestor(const ThreadInfo& t, Fn&& fn) const {
    const ThreadInfo* cur = &t;
    for (size_t depth = 0; depth < kMaxAncestry; ++depth) {
      const ThreadInfo* p = parent(*cur);
      if (p == nullptr || p == &t) return;
      if (!fn(*p)) return;
      cur = p;
    }
  }
  const FdInfo* fd(const ThreadInfo& t, int64_t fd) const;
  // The thread's cwd, with trailing '/': the main thread's for every thread of
  // a process; "./" when the main thread is unknown (libsinsp).
  std::string_view cwd(const ThreadInfo& t) const;
  // The thread whose cwd field chdir updates (the main thread when known).
  ThreadInfo& cwd_holder(ThreadInfo& t);
  const UserInfo* user(const ThreadInfo& t) const;
  const UserInfo* login_user(const ThreadInfo& t) const;
  const GroupInfo* group(const ThreadInfo& t) const;
  const ThreadTable& threads() const { return threads_; }
  const UserTable& users() const { return users_; }
  const MachineSnapshot& machine() const { return machine_; }
  const NetworkInterfaces& interfaces() const { return interfaces_; }
  // An unspecified local socket address completed from the interfaces.
  void fill_unbound_address(IpAddress& local, const IpAddress& remote) const {
    interfaces_.fill_unbound(local, remote);
  }
  const StateStats& stats() const;
  const std::string& zone_id() const { return zone_id_; }
  const std::string& zone_name() const { return zone_name_; }

  static constexpr size_t kMaxAncestry = 1024;  // loop protection for parent walks

  // Implementation detail of the parsers (engine/state/*_parsers.cpp).
  struct Parsing;

 private:
  friend struct Parsing;
  void apply_deferred();
  void update_memory_counters(const ParseInput& in, MemoryUpdate kind);
  void remove_exited_thread(int64_t tid);
  bool has_live_thread(int64_t pid, int64_t except_tid) const;
  ThreadInfo* thread_for_event(const RawEvent& ev);
  void remember_enter(const RawEvent& ev);
  const RawEvent* enter_for(const RawEvent& ev, const EventInfo& exit_info) const;
  void resolve_event_fd(const RawEvent& ev, const EventInfo& info, const EventParams& params);
  ThreadInfo* thread_mut(int64_t tid) { return threads_.find(tid); }

  std::string zone_id_, zone_name_;
  std::string event_source_ = "syscall", plugin_name_;
  StateLimits limits_;
  ThreadTable threads_;
  UserTable users_;
  MachineSnapshot machine_;
  NetworkInterfaces interfaces_;
  mutable StateStats stats_;
  EventContext ctx_;
  // Deferred removals (applied at the start of the next event).
  std::vector<int64_t> threads_to_remove_;
  std::vector<std::pair<std::shared_ptr<FdTable>, int64_t>> fds_to_remove_;
  // Enter events kept for their exits (live sources), per tid.
  struct PendingEnter {
    std::vector<uint8_t> bytes;
    RawEvent raw;
  };
  std::unordered_map<int64_t, PendingEnter> pending_enter_;
  uint64_t first_ts_ = 0, prev_ts_ = 0;
  bool seen_event_ = false;
  const CodeTraits* traits_;  // code_traits_table(), index = event code
  static constexpr size_t kScratchBuffers = 2;
  std::string scratch_[kScratchBuffers];  // parsers' temporaries (Parsing::scratch)
};

}  // namespace eg
