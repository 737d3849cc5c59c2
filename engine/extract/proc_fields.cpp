// proc.* and thread.* fields: the event's thread, its process (main thread),
// its parent and ancestors, its session and process-group leaders, and its
// stdio fds. Every field is null when the event has no thread, as in libsinsp.
//
// Ancestor fields (proc.aname, proc.aexe, ...) take an optional depth: [0] is
// the process itself, [1] its parent and so on. Without a depth, outputs print
// the ancestors' values from the parent upwards joined by spaces, and
// conditions match when some ancestor matches (MatchMode::AnyCandidate).
#include <algorithm>
#include <charconv>

#include "engine/extract/capabilities.h"
#include "engine/extract/context_view.h"
#include "engine/extract/extractor_kit.h"
#include "engine/state/event_context.h"
#include "engine/state/zone_state.h"

namespace eg {
namespace {

using T = FieldType;

// A field of the event's thread: no thread, no value. `fn` is the callable
// itself (see fd_field), called directly by the field's std::function.
template <typename Fn>
FieldBinding thread_field(std::string_view name, FieldType type, Fn fn) {
  return field(name, type, [fn = std::move(fn)](const EventContext& c, FieldValues& o, Scratch& sc) {
    if (c.thread == nullptr || c.zone == nullptr) return false;
    return fn(c, *c.thread, o, sc);
  });
}

const ThreadInfo& main_of(const EventContext& c, const ThreadInfo& t) { return *c.zone->main_thread(t); }

// proc.name, proc.exe, ... of the thread or of its parent: views into the
// thread table, given by plain functions (text_field) that conditions call
// directly.
template <std::string ThreadInfo::*Member, bool OfParent>
bool member_text(const EventContext& c, Scratch&, std::string_view& out) {
  if (c.thread == nullptr || c.zone == nullptr) return false;
  const ThreadInfo* src = OfParent ? c.zone->parent(*c.thread) : c.thread;
  if (src == nullptr) return false;
  out = src->*Member;
  return true;
}

// proc.cmdline built in the extractor's buffer (kept between events).
bool cmdline_text(const EventContext& c, Scratch& sc, std::string_view& out) {
  if (c.thread == nullptr || c.zone == nullptr) return false;
  sc.text.assign(c.thread->comm);
  for (const auto& a : c.thread->args) {
    sc.text += ' ';
    sc.text += a;
  }
  out = sc.text;
  return true;
}

std::string join(const std::vector<std::string>& parts, char sep = ' ') {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string cmdline_of(const ThreadInfo& t) {
  std::string out = t.comm;
  for (const auto& a : t.args) {
    out += ' ';
    out += a;
  }
  return out;
}

std::string env_value(const ThreadInfo& t, std::string_view key) {
  for (const auto& e : t.env) {
    if (e.size() > key.size() && e.compare(0, key.size(), key) == 0 && e[key.size()] == '=') {
      return e.substr(key.size() + 1);
    }
  }
  return {};
}

// What an ancestor field reads from each process.
using ThreadText = std::string (*)(const ThreadInfo&);
std::string comm_of(const ThreadInfo& t) { return t.comm; }
std::string exe_of(const ThreadInfo& t) { return t.exe; }
std::string exepath_of(const ThreadInfo& t) { return t.exepath; }
std::string args_of(const ThreadInfo& t) { return join(t.args); }

// The process `depth` levels up from the event's process (0 = itself).
const ThreadInfo* ancestor_at(const EventContext& c, const ThreadInfo& t, int depth) {
  const ThreadInfo* cur = &main_of(c, t);
  for (int i = 0; i < depth && cur != nullptr; ++i) {
    const ThreadInfo* p = c.zone->parent(*cur);
    cur = (p == cur) ? nullptr : p;
  }
  return cur;
}

std::optional<int> parse_depth(const ExtractorRequest& req, std::string& error) {
  if (!req.arg) return std::nullopt;
  int depth = 0;
  const std::string& a = *req.arg;
  auto [ptr, ec] = std::from_chars(a.data(), a.data() + a.size(), depth);
  if (ec != std::errc() || ptr != a.data() + a.size() || depth < 0) {
    error = "filter error: invalid index " + a + " for " + std::string(req.info->name);
    return std::nullopt;
  }
  return depth;
}

// proc.aname, proc.aexe, proc.aexepath, proc.acmdline, proc.aargs.
FieldBinding ancestor_text_field(std::string_view name, ThreadText text) {
  return FieldBinding{name, [text](const ExtractorRequest& req, std::string& error) -> std::unique_ptr<Extractor> {
    std::optional<int> depth = parse_depth(req, error);
    if (!error.empty()) return nullptr;
    if (depth) {
      int d = *depth;
      return std::make_unique<FnExtractor>(T::CHARBUF, [text, d](const EventContext& c, FieldValues& o, Scratch& sc) {
        if (c.thread == nullptr || c.zone == nullptr) return false;
        const ThreadInfo* a = ancestor_at(c, *c.thread, d);
        return a != nullptr && push_owned(o, sc, text(*a));
      });
    }
    // Output: ancestors' values joined by spaces (a separator only after a
    // non-empty prefix, as libsinsp concatenates); nothing when empty.
    auto print = [text](const EventContext& c, FieldValues& o, Scratch& sc) {
      if (c.thread == nullptr || c.zone == nullptr) return false;
      std::string out;
      c.zone->for_each_ancestor(main_of(c, *c.thread), [&](const ThreadInfo& a) {
        if (!out.empty()) out += ' ';
        out += text(a);
        return true;
      });
      if (out.empty()) return false;
      return push_owned(o, sc, std::move(out));
    };
    auto candidates = [text](const EventContext& c, FieldValues& o, Scratch& sc) {
      if (c.thread == nullptr || c.zone == nullptr) return false;
      sc.texts.clear();
      c.zone->for_each_ancestor(main_of(c, *c.thread), [&](const ThreadInfo& a) {
        sc.texts.push_back(text(a));
        return true;
      });
      for (const auto& s : sc.texts) o.push_back(FieldValue::string(T::CHARBUF, s));
      return !o.empty();
    };
    return std::make_unique<CandidateExtractor>(T::CHARBUF, print, candidates, MatchMode::AnyCandidate);
  }};
}

FieldBinding apid_field() {
  return FieldBinding{"proc.apid", [](const ExtractorRequest& req, std::string& error) -> std::unique_ptr<Extractor> {
    std::optional<int> depth = parse_depth(req, error);
    if (!error.empty()) return nullptr;
    int d = depth.value_or(0);
    auto print = [d](const EventContext& c, FieldValues& o, Scratch&) {
      if (c.thread == nullptr || c.zone == nullptr) return false;
      const ThreadInfo* a = ancestor_at(c, *c.thread, d);
      return a != nullptr && a->pid >= 0 && push_signed(o, T::INT64, a->pid);
    };
    if (depth) return std::make_unique<FnExtractor>(T::INT64, print);
    auto candidates = [](const EventContext& c, FieldValues& o, Scratch&) {
      if (c.thread == nullptr || c.zone == nullptr) return false;
      c.zone->for_each_ancestor(main_of(c, *c.thread), [&](const ThreadInfo& a) {
        o.push_back(FieldValue::signed_int(T::INT64, a.pid));
        return true;
      });
      return !o.empty();
    };
    return std::make_unique<CandidateExtractor>(T::INT64, print, candidates, MatchMode::AnyCandidate);
  }};
}

// proc.args[N]: the N-th argument (after argv[0]); empty text past the end.
FieldBinding args_field() {
  return FieldBinding{"proc.args", [](const ExtractorRequest& req, std::string& error) -> std::unique_ptr<Extractor> {
    std::optional<int> index = parse_depth(req, error);
    if (!error.empty()) return nullptr;
    return std::make_unique<FnExtractor>(T::CHARBUF, [index](const EventContext& c, FieldValues& o, Scratch& sc) {
      if (c.thread == nullptr) return false;
      const auto& args = c.thread->args;
      if (!index) return push_owned(o, sc, join(args));
      if (static_cast<size_t>(*index) >= args.size()) return push_string(o, "");
      return push_string(o, args[static_cast<size_t>(*index)]);
    });
  }};
}

FieldBinding env_field() {
  return FieldBinding{"proc.env", [](const ExtractorRequest& req, std::string&) -> std::unique_ptr<Extractor> {
    std::optional<std::string> key = req.arg;
    return std::make_unique<FnExtractor>(T::CHARBUF, [key](const EventContext& c, FieldValues& o, Scratch& sc) {
      if (c.thread == nullptr || c.zone == nullptr) return false;
      const ThreadInfo& m = main_of(c, *c.thread);
      return push_owned(o, sc, key ? env_value(m, *key) : join(m.env));
    });
  }};
}

// proc.aenv[N] / proc.aenv[NAME]: env of the N-th ancestor, or NAME's value in
// the nearest ancestor that has it.
FieldBinding aenv_field() {
  return FieldBinding{"proc.aenv", [](const ExtractorRequest& req, std::string&) -> std::unique_ptr<Extractor> {
    std::optional<std::string> arg = req.arg;
    return std::make_unique<FnExtractor>(T::CHARBUF, [arg](const EventContext& c, FieldValues& o, Scratch& sc) {
      if (c.thread == nullptr || c.zone == nullptr) return false;
      const ThreadInfo& m = main_of(c, *c.thread);
      bool numeric = arg && !arg->empty() && std::all_of(arg->begin(), arg->end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (!arg || (numeric && std::stoi(*arg) < 1)) return push_owned(o, sc, join(m.env));
      if (numeric) {
        const ThreadInfo* a = ancestor_at(c, m, std::stoi(*arg));
        return a != nullptr && push_owned(o, sc, join(a->env));
      }
      std::string value;
      int depth = 0;
      c.zone->for_each_ancestor(m, [&](const ThreadInfo& a) {
        value = env_value(a, *arg);
        return value.empty() && ++depth < 20;
      });
      return push_owned(o, sc, std::move(value));
    });
  }};
}

// Leader of the session / process group `id`: the thread with that pid when it
// is known, else nothing (the id is virtual or its leader is gone).
const ThreadInfo* leader(const EventContext& c, int64_t id) {
  if (id < 0) return nullptr;
  return c.zone->thread(id);
}

FieldBinding leader_text(std::string_view name, int64_t ThreadInfo::*id, ThreadText text) {
  return thread_field(name, T::CHARBUF, [id, text](const EventContext& c, const ThreadInfo& t, FieldValues& o, Scratch& sc) {
    const ThreadInfo* l = leader(c, t.*id);
    return push_owned(o, sc, l ? text(*l) : std::string());
  });
}

bool is_login_shell(std::string_view comm) {
  static constexpr std::string_view kShells[] = {"sh", "bash", "csh", "tcsh", "zsh", "ksh", "fish", "dash"};
  for (auto s : kShells) {
    if (comm == s) return true;
  }
  return false;
}

// The process's main thread as libsinsp finds it: nullptr when the thread is
// not a main thread and its pid's thread is unknown (made-up threads).
const ThreadInfo* known_main(const EventContext& c, const ThreadInfo& t) {
  if (t.is_main_thread()) return &t;
  if (t.pid < 0) return nullptr;
  return c.zone->thread(t.pid);
}

// libsinsp extracts pids/tids only when they are valid ids.
bool valid_xid(int64_t id) { return id > 0; }

uint64_t process_fd_count(const EventContext& c, const ThreadInfo& t) {
  if (known_main(c, t) == nullptr) return 0;
  const ThreadInfo& m = main_of(c, t);
  const FdTable* table = m.fds ? m.fds.get() : t.fds.get();
  return table ? table->size() : 0;
}

void count_threads(const EventContext& c, const ThreadInfo& t, uint64_t& threads) {
  threads = 0;
  if (known_main(c, t) == nullptr) return;
  int64_t pid = t.pid;
  c.zone->threads().for_each([&](const ThreadInfo& other) {
    if (other.pid == pid && !other.exited) ++threads;
    return true;
  });
}

// libsinsp names the unified io controller by its v1 name.
std::string cgroup_v1_name(const std::string& cg) {
  if (cg.rfind("io=", 0) == 0) return "blkio=" + cg.substr(3);
  return cg;
}

const FdInfo* stdio_fd(const EventContext& c, const ThreadInfo& t, int64_t fd) { return c.zone->fd(t, fd); }

std::vector<FieldBinding> make_table() {
  std::vector<FieldBinding> t;
  auto text = [&](std::string_view name, ThreadText fn) {
    t.push_back(thread_field(name, T::CHARBUF, [fn](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch& sc) {
      return push_owned(o, sc, fn(th));
    }));
  };
  auto parent_text = [&](std::string_view name, ThreadText fn) {
    t.push_back(thread_field(name, T::CHARBUF, [fn](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch& sc) {
      const ThreadInfo* p = c.zone->parent(th);
      return p != nullptr && push_owned(o, sc, fn(*p));
    }));
  };
  auto i64 = [&](std::string_view name, std::function<int64_t(const EventContext&, const ThreadInfo&)> fn) {
    t.push_back(thread_field(name, T::INT64, [fn](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
      return push_signed(o, T::INT64, fn(c, th));
    }));
  };
  auto u64 = [&](std::string_view name, FieldType type, std::function<uint64_t(const EventContext&, const ThreadInfo&)> fn) {
    t.push_back(thread_field(name, type, [fn, type](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
      return push_unsigned(o, type, fn(c, th));
    }));
  };
  auto flag = [&](std::string_view name, std::function<bool(const EventContext&, const ThreadInfo&)> fn) {
    t.push_back(thread_field(name, T::BOOL, [fn](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
      return push_bool(o, fn(c, th));
    }));
  };

  // Plain members are returned as views (no copy on the hot path).
  t.push_back(text_field("proc.exe", T::CHARBUF, member_text<&ThreadInfo::exe, false>));
  t.push_back(text_field("proc.pexe", T::CHARBUF, member_text<&ThreadInfo::exe, true>));
  t.push_back(ancestor_text_field("proc.aexe", exe_of));
  t.push_back(text_field("proc.exepath", T::CHARBUF, member_text<&ThreadInfo::exepath, false>));
  t.push_back(text_field("proc.pexepath", T::CHARBUF, member_text<&ThreadInfo::exepath, true>));
  t.push_back(ancestor_text_field("proc.aexepath", exepath_of));
  t.push_back(text_field("proc.name", T::CHARBUF, member_text<&ThreadInfo::comm, false>));
  t.push_back(text_field("proc.pname", T::CHARBUF, member_text<&ThreadInfo::comm, true>));
  t.push_back(ancestor_text_field("proc.aname", comm_of));
  t.push_back(args_field());
  t.push_back(ancestor_text_field("proc.aargs", args_of));
  t.push_back(text_field("proc.cmdline", T::CHARBUF, cmdline_text));
  parent_text("proc.pcmdline", cmdline_of);
  t.push_back(ancestor_text_field("proc.acmdline", cmdline_of));
  u64("proc.cmdnargs", T::UINT64, [](const EventContext&, const ThreadInfo& th) { return th.args.size(); });
  u64("proc.cmdlenargs", T::UINT64, [](const EventContext&, const ThreadInfo& th) {
    uint64_t n = 0;
    for (const auto& a : th.args) n += a.size();
    return n;
  });
  text("proc.exeline", [](const ThreadInfo& th) { return th.exe + " " + join(th.args); });
  t.push_back(env_field());
  t.push_back(aenv_field());
  t.push_back(thread_field("proc.cwd", T::CHARBUF, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch& sc) {
    return push_owned(o, sc, std::string(c.zone->cwd(th)));
  }));
  t.push_back(thread_field("proc.loginshellid", T::INT64, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    int64_t found = -1;
    const ThreadInfo& m = main_of(c, th);
    if (is_login_shell(m.comm)) found = m.pid;
    c.zone->for_each_ancestor(m, [&](const ThreadInfo& a) {
      if (is_login_shell(a.comm)) found = a.pid;
      return true;
    });
    return found >= 0 && push_signed(o, T::INT64, found);
  }));
  u64("proc.tty", T::UINT32, [](const EventContext&, const ThreadInfo& th) { return th.tty; });
  i64("proc.pid", [](const EventContext&, const ThreadInfo& th) { return th.pid; });
  t.push_back(thread_field("proc.ppid", T::INT64, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    int64_t ptid = main_of(c, th).ptid;
    return valid_xid(ptid) && push_signed(o, T::INT64, ptid);
  }));
  t.push_back(apid_field());
  t.push_back(thread_field("proc.vpid", T::INT64, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    return valid_xid(th.vpid) && push_signed(o, T::INT64, th.vpid);
  }));
  t.push_back(thread_field("proc.pvpid", T::INT64, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    const ThreadInfo* p = c.zone->parent(th);
    return p != nullptr && valid_xid(p->vpid) && push_signed(o, T::INT64, p->vpid);
  }));
  i64("proc.sid", [](const EventContext&, const ThreadInfo& th) { return th.sid; });
  t.push_back(leader_text("proc.sname", &ThreadInfo::sid, comm_of));
  t.push_back(leader_text("proc.sid.exe", &ThreadInfo::sid, exe_of));
  t.push_back(leader_text("proc.sid.exepath", &ThreadInfo::sid, exepath_of));
  i64("proc.vpgid", [](const EventContext&, const ThreadInfo& th) { return th.vpgid; });
  t.push_back(leader_text("proc.vpgid.name", &ThreadInfo::vpgid, comm_of));
  t.push_back(leader_text("proc.vpgid.exe", &ThreadInfo::vpgid, exe_of));
  t.push_back(leader_text("proc.vpgid.exepath", &ThreadInfo::vpgid, exepath_of));
  i64("proc.pgid", [](const EventContext&, const ThreadInfo& th) { return th.pgid; });
  t.push_back(leader_text("proc.pgid.name", &ThreadInfo::pgid, comm_of));
  t.push_back(leader_text("proc.pgid.exe", &ThreadInfo::pgid, exe_of));
  t.push_back(leader_text("proc.pgid.exepath", &ThreadInfo::pgid, exepath_of));
  t.push_back(thread_field("proc.duration", T::RELTIME, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    uint64_t start = th.clone_ts;
    return start != 0 && push_unsigned(o, T::RELTIME, c.event->ts - start);
  }));
  t.push_back(thread_field("proc.ppid.duration", T::RELTIME, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    // Falco 0.44 prints the process's open-fd count here whenever a parent is
    // known (its extractor reads the wrong field); we reproduce what it prints.
    const ThreadInfo* p = c.zone->parent(th);
    return p != nullptr && push_unsigned(o, T::RELTIME, process_fd_count(c, th));
  }));
  t.push_back(thread_field("proc.pid.ts", T::RELTIME, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    uint64_t start = th.clone_ts;
    return start != 0 && push_unsigned(o, T::RELTIME, start);
  }));
  t.push_back(thread_field("proc.ppid.ts", T::RELTIME, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    const ThreadInfo* p = c.zone->parent(th);
    return p != nullptr && push_unsigned(o, T::RELTIME, p->clone_ts);
  }));
  flag("proc.is_exe_writable", [](const EventContext&, const ThreadInfo& th) { return th.exe_writable; });
  flag("proc.is_exe_upper_layer", [](const EventContext&, const ThreadInfo& th) { return th.exe_upper_layer; });
  flag("proc.is_exe_lower_layer", [](const EventContext&, const ThreadInfo& th) { return th.exe_lower_layer; });
  flag("proc.is_exe_from_memfd", [](const EventContext&, const ThreadInfo& th) { return th.exe_from_memfd; });
  flag("proc.is_sid_leader", [](const EventContext&, const ThreadInfo& th) { return th.sid == th.vpid; });
  flag("proc.is_vpgid_leader", [](const EventContext&, const ThreadInfo& th) { return th.vpgid == th.vpid; });
  flag("proc.is_pgid_leader", [](const EventContext&, const ThreadInfo& th) { return th.pgid == th.pid; });
  t.push_back(thread_field("proc.exe_ino", T::INT64, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    return th.exe_ino != 0 && push_signed(o, T::INT64, static_cast<int64_t>(th.exe_ino));
  }));
  t.push_back(thread_field("proc.exe_ino.ctime", T::ABSTIME, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    return th.exe_ino_ctime != 0 && push_unsigned(o, T::ABSTIME, th.exe_ino_ctime);
  }));
  t.push_back(thread_field("proc.exe_ino.mtime", T::ABSTIME, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    return th.exe_ino_mtime != 0 && push_unsigned(o, T::ABSTIME, th.exe_ino_mtime);
  }));
  t.push_back(thread_field("proc.exe_ino.ctime_duration_proc_start", T::ABSTIME,
                           [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    uint64_t start = main_of(c, th).clone_ts;
    return th.exe_ino_ctime != 0 && start >= th.exe_ino_ctime && push_unsigned(o, T::ABSTIME, start - th.exe_ino_ctime);
  }));
  t.push_back(thread_field("proc.exe_ino.ctime_duration_pidns_start", T::ABSTIME,
                           [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    uint64_t ns_start = static_cast<uint64_t>(th.pidns_init_start_ts);
    return th.exe_ino_ctime != 0 && ns_start != 0 && ns_start >= th.exe_ino_ctime &&
           push_unsigned(o, T::ABSTIME, ns_start - th.exe_ino_ctime);
  }));
  t.push_back(thread_field("proc.pidns_init_start_ts", T::UINT64, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    return th.pidns_init_start_ts != 0 && push_unsigned(o, T::UINT64, static_cast<uint64_t>(th.pidns_init_start_ts));
  }));
  for (auto [name, member] : {std::pair{"thread.cap_permitted", &ThreadInfo::cap_permitted},
                              std::pair{"thread.cap_inheritable", &ThreadInfo::cap_inheritable},
                              std::pair{"thread.cap_effective", &ThreadInfo::cap_effective}}) {
    t.push_back(thread_field(name, T::CHARBUF, [m = member](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch& sc) {
      return push_owned(o, sc, capability_names(th.*m));
    }));
  }
  u64("proc.fdopencount", T::UINT64, [](const EventContext& c, const ThreadInfo& th) { return process_fd_count(c, th); });
  i64("proc.fdlimit", [](const EventContext& c, const ThreadInfo& th) { return main_of(c, th).fdlimit; });
  t.push_back(thread_field("proc.fdusage", T::DOUBLE, [](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
    int64_t limit = main_of(c, th).fdlimit;
    if (limit <= 0) return push_double(o, 0.0);
    return push_double(o, static_cast<double>(process_fd_count(c, th)) * 100.0 / static_cast<double>(limit));
  }));
  u64("proc.vmsize", T::UINT64, [](const EventContext& c, const ThreadInfo& th) { return main_of(c, th).vmsize_kb; });
  u64("proc.vmrss", T::UINT64, [](const EventContext& c, const ThreadInfo& th) { return main_of(c, th).vmrss_kb; });
  u64("proc.vmswap", T::UINT64, [](const EventContext& c, const ThreadInfo& th) { return main_of(c, th).vmswap_kb; });
  u64("thread.pfmajor", T::UINT64, [](const EventContext&, const ThreadInfo& th) { return th.pfmajor; });
  u64("thread.pfminor", T::UINT64, [](const EventContext&, const ThreadInfo& th) { return th.pfminor; });
  t.push_back(field("thread.tid", T::INT64, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_signed(o, T::INT64, c.event->tid);
  }));
  flag("thread.ismain", [](const EventContext&, const ThreadInfo& th) { return th.is_main_thread(); });
  t.push_back(thread_field("thread.vtid", T::INT64, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch&) {
    return valid_xid(th.vtid) && push_signed(o, T::INT64, th.vtid);
  }));
  text("thread.nametid", [](const ThreadInfo& th) { return th.comm + std::to_string(th.tid); });
  t.push_back(field("thread.exectime", T::RELTIME, [](const EventContext&, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::RELTIME, 0);
  }));
  u64("thread.totexectime", T::RELTIME, [](const EventContext&, const ThreadInfo&) { return 0; });
  t.push_back(thread_field("thread.cgroups", T::CHARBUF, [](const EventContext&, const ThreadInfo& th, FieldValues& o, Scratch& sc) {
    if (th.cgroups.empty()) return false;
    std::vector<std::string> named;
    for (const auto& cg : th.cgroups) named.push_back(cgroup_v1_name(cg));
    return push_owned(o, sc, join(named));
  }));
  t.push_back(FieldBinding{"thread.cgroup", [](const ExtractorRequest& req, std::string& error) -> std::unique_ptr<Extractor> {
    if (!req.arg) {
      error = "filter error: thread.cgroup requires an argument";
      return nullptr;
    }
    std::string subsys = *req.arg;
    return std::make_unique<FnExtractor>(T::CHARBUF, [subsys](const EventContext& c, FieldValues& o, Scratch& sc) {
      if (c.thread == nullptr) return false;
      for (const auto& raw : c.thread->cgroups) {
        std::string cg = cgroup_v1_name(raw);
        if (cg.size() > subsys.size() && cg.compare(0, subsys.size(), subsys) == 0 && cg[subsys.size()] == '=')
          return push_owned(o, sc, cg.substr(subsys.size() + 1));
      }
      return false;
    });
  }});
  u64("proc.nthreads", T::UINT64, [](const EventContext& c, const ThreadInfo& th) {
    uint64_t n;
    count_threads(c, th, n);
    return n;
  });
  u64("proc.nchilds", T::UINT64, [](const EventContext& c, const ThreadInfo& th) {
    uint64_t n;
    count_threads(c, th, n);
    return n > 0 ? n - 1 : 0;
  });
  // CPU usage deltas come from procinfo events; the first one per thread is 0.
  for (auto name : {"thread.cpu", "thread.cpu.user", "thread.cpu.system"}) {
    t.push_back(thread_field(name, T::DOUBLE, [](const EventContext& c, const ThreadInfo&, FieldValues& o, Scratch&) {
      return c.info != nullptr && c.info->name == "procinfo" && push_double(o, 0.0);
    }));
  }
  u64("thread.vmsize", T::UINT64, [](const EventContext&, const ThreadInfo& th) { return th.is_main_thread() ? th.vmsize_kb : 0; });
  u64("thread.vmrss", T::UINT64, [](const EventContext&, const ThreadInfo& th) { return th.is_main_thread() ? th.vmrss_kb : 0; });
  u64("thread.vmsize.b", T::UINT64, [](const EventContext&, const ThreadInfo& th) { return th.is_main_thread() ? th.vmsize_kb * 1024 : 0; });
  u64("thread.vmrss.b", T::UINT64, [](const EventContext&, const ThreadInfo& th) { return th.is_main_thread() ? th.vmrss_kb * 1024 : 0; });
  struct Stdio {
    std::string_view type_field, name_field;
    int64_t fd;
  };
  for (const Stdio& io : {Stdio{"proc.stdin.type", "proc.stdin.name", 0}, Stdio{"proc.stdout.type", "proc.stdout.name", 1},
                          Stdio{"proc.stderr.type", "proc.stderr.name", 2}}) {
    int64_t num = io.fd;
    t.push_back(thread_field(io.type_field, T::CHARBUF, [num](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
      const FdInfo* f = stdio_fd(c, th, num);
      return f != nullptr && push_string(o, fd_type_name(f->kind));
    }));
    t.push_back(thread_field(io.name_field, T::CHARBUF, [num](const EventContext& c, const ThreadInfo& th, FieldValues& o, Scratch&) {
      const FdInfo* f = stdio_fd(c, th, num);
      return f != nullptr && push_string(o, f->name);
    }));
  }
  return t;
}

}  // namespace

std::span<const FieldBinding> proc_field_bindings() {
  static const std::vector<FieldBinding> table = make_table();
  return table;
}

}  // namespace eg
