// Synthetic event sequences through ZoneState: process lifecycle (clone,
// execve, procexit), fd lifecycle (open, dup, close), sockets, cwd and
// credentials, placeholder threads, loop-safe ancestry and table bounds.
#include "engine/state/zone_state.h"

#include <gtest/gtest.h>

#include "fields/param_decoder.h"
#include "state_test_util.h"

namespace eg {
namespace {

using testing::make_file_fd;
using testing::make_thread;
using testing::StateDriver;

constexpr int64_t kShell = 100, kChild = 101, kThread = 102;

// A bash (100, child of init 1) with its terminal on fd 0.
void seed_shell(ZoneState& z) {
  z.seed_thread(make_thread(1, 1, 0, "systemd", "/usr/lib/systemd/systemd"));
  z.seed_thread(make_thread(kShell, kShell, 1, "bash", "/usr/bin/bash", "/root"));
  z.seed_fd(make_file_fd(kShell, 0, "/dev/pts/0"));
}

const EventContext& fork_child(StateDriver& d) {
  return d.feed("clone", kShell,
                {{"res", kChild}, {"exe", "bash"}, {"args", ParamValue::strings({})},
                 {"tid", kShell}, {"pid", kShell}, {"ptid", 1}, {"cwd", "/root"},
                 {"comm", "bash"}, {"flags", 0}, {"uid", 0}, {"gid", 0},
                 {"vtid", kShell}, {"vpid", kShell}});
}

const EventContext& exec_cat(StateDriver& d, int64_t tid) {
  return d.feed("execve", tid,
                {{"res", 0}, {"exe", "cat"}, {"args", ParamValue::strings({"/etc/passwd"})},
                 {"tid", tid}, {"pid", tid}, {"ptid", kShell}, {"cwd", "/root"},
                 {"comm", "cat"}, {"env", ParamValue::strings({"HOME=/root", "TERM=xterm"})},
                 {"trusted_exepath", "/usr/bin/cat"}, {"uid", 0}, {"gid", 0}, {"pgid", tid},
                 {"loginuid", 1000}, {"tty", 34816}});
}

TEST(ZoneState, SeededThreadsAndFds) {
  StateDriver d;
  seed_shell(d.zone());
  const ThreadInfo* t = d.zone().thread(kShell);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->comm, "bash");
  EXPECT_EQ(t->cwd, "/root/");
  EXPECT_TRUE(t->from_snapshot);
  ASSERT_NE(d.zone().fd(*t, 0), nullptr);
  EXPECT_EQ(d.zone().fd(*t, 0)->name, "/dev/pts/0");
  const ThreadInfo* p = d.zone().parent(*t);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->comm, "systemd");
}

TEST(ZoneState, CloneCallerCreatesChildWithCopiedFds) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& ctx = fork_child(d);
  ASSERT_NE(ctx.thread, nullptr);
  EXPECT_EQ(ctx.thread->tid, kShell);  // the caller's event
  const ThreadInfo* c = d.zone().thread(kChild);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->pid, kChild);
  EXPECT_EQ(c->ptid, kShell);
  EXPECT_EQ(c->comm, "bash");
  EXPECT_EQ(c->exepath, "/usr/bin/bash");
  EXPECT_EQ(c->cwd, "/root/");
  ASSERT_NE(d.zone().fd(*c, 0), nullptr);
  EXPECT_EQ(d.zone().fd(*c, 0)->name, "/dev/pts/0");
  EXPECT_NE(c->fds, d.zone().thread(kShell)->fds);  // a copy, not shared
}

TEST(ZoneState, CloneChildFirstCreatesChildFromParams) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& ctx = d.feed("clone", kChild,
      {{"res", 0}, {"exe", "bash"}, {"args", ParamValue::strings({"-c", "x"})}, {"tid", kChild},
       {"pid", kChild}, {"ptid", kShell}, {"comm", "bash"}, {"flags", 0}, {"vtid", kChild},
       {"vpid", kChild}});
  ASSERT_NE(ctx.thread, nullptr);
  EXPECT_EQ(ctx.thread->tid, kChild);
  EXPECT_EQ(ctx.thread->ptid, kShell);
  EXPECT_EQ(ctx.thread->args, (std::vector<std::string>{"-c", "x"}));
  EXPECT_EQ(ctx.thread->exepath, "/usr/bin/bash");  // inherited from the parent
  EXPECT_NE(d.zone().fd(*ctx.thread, 0), nullptr);
  // The caller's exit that follows must not replace the inverted child.
  fork_child(d);
  EXPECT_EQ(d.zone().thread(kChild)->args, (std::vector<std::string>{"-c", "x"}));
}

TEST(ZoneState, ThreadCloneSharesFdTable) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("clone", kShell,
         {{"res", kThread}, {"exe", "bash"}, {"tid", kShell}, {"pid", kShell}, {"ptid", 1},
          {"comm", "bash"}, {"flags", kClCloneThread | kClCloneFiles | kClCloneFs}, {"vtid", kShell},
          {"vpid", kShell}});
  const ThreadInfo* t = d.zone().thread(kThread);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->pid, kShell);
  EXPECT_EQ(t->ptid, 1);
  d.feed("openat", kThread, {{"fd", 7}, {"dirfd", kAtFdCwd}, {"name", "/tmp/x"}, {"flags", 1}});
  const ThreadInfo* main = d.zone().thread(kShell);
  ASSERT_NE(d.zone().fd(*main, 7), nullptr);
  EXPECT_EQ(d.zone().fd(*main, 7)->name, "/tmp/x");
  EXPECT_EQ(d.zone().cwd(*t), "/root/");
}

TEST(ZoneState, ExecveReplacesProgram) {
  StateDriver d;
  seed_shell(d.zone());
  fork_child(d);
  const EventContext& ctx = exec_cat(d, kChild);
  ASSERT_NE(ctx.thread, nullptr);
  const ThreadInfo& t = *ctx.thread;
  EXPECT_EQ(t.comm, "cat");
  EXPECT_EQ(t.exe, "cat");
  EXPECT_EQ(t.exepath, "/usr/bin/cat");
  EXPECT_EQ(t.args, (std::vector<std::string>{"/etc/passwd"}));
  EXPECT_EQ(t.env, (std::vector<std::string>{"HOME=/root", "TERM=xterm"}));
  EXPECT_EQ(t.loginuid, 1000u);
  EXPECT_EQ(t.tty, 34816u);
  EXPECT_EQ(t.pgid, kChild);
  EXPECT_EQ(t.ptid, kShell);
  EXPECT_EQ(d.zone().parent(t)->comm, "bash");
  EXPECT_NE(d.zone().fd(t, 0), nullptr);  // fds survive execve
}

TEST(ZoneState, ExecveExepathFromFilenameWhenNotTrusted) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& ctx = d.feed("execve", kShell,
      {{"res", 0}, {"exe", "ls"}, {"tid", kShell}, {"pid", kShell}, {"ptid", 1}, {"comm", "ls"},
       {"trusted_exepath", ParamValue::empty()}, {"filename", "bin/../bin/ls"}});
  ASSERT_NE(ctx.thread, nullptr);
  EXPECT_EQ(ctx.thread->exepath, "/root/bin/ls");
}

TEST(ZoneState, FailedExecveChangesNothing) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("execve", kShell, {{"res", -2}, {"exe", "nope"}, {"comm", "nope"}});
  EXPECT_EQ(d.zone().thread(kShell)->comm, "bash");
}

TEST(ZoneState, OpenDupCloseLifecycle) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& open = d.feed("openat", kShell,
      {{"fd", 3}, {"dirfd", kAtFdCwd}, {"name", "notes/../todo.txt"}, {"flags", 1}, {"dev", 64768},
       {"ino", 42}});
  EXPECT_EQ(open.fd_num, 3);
  ASSERT_NE(open.fd, nullptr);
  EXPECT_EQ(open.fd->name, "/root/todo.txt");
  EXPECT_EQ(open.fd->name_raw, "notes/../todo.txt");
  EXPECT_EQ(open.fd->kind, FdKind::File);
  EXPECT_EQ(open.fd->ino, 42u);

  const EventContext& dup = d.feed("dup", kShell, {{"res", 4}, {"oldfd", 3}});
  EXPECT_EQ(dup.fd_num, 4);
  ASSERT_NE(dup.fd, nullptr);
  EXPECT_EQ(dup.fd->name, "/root/todo.txt");

  const EventContext& close = d.feed("close", kShell, {{"res", 0}, {"fd", 3}});
  EXPECT_EQ(close.fd_num, 3);
  ASSERT_NE(close.fd, nullptr);  // still visible to the close event itself
  EXPECT_EQ(close.fd->name, "/root/todo.txt");
  const ThreadInfo* t = d.zone().thread(kShell);
  d.tick(kShell);
  EXPECT_EQ(d.zone().fd(*t, 3), nullptr);
  EXPECT_NE(d.zone().fd(*t, 4), nullptr);
}

// StateOnly (no rule for the event's code): the fd is not looked up for the
// context, and the state changes exactly as with Rules.
TEST(ZoneState, StateOnlyLeavesTheEventFdUnresolved) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("openat", kShell, {{"fd", 3}, {"dirfd", kAtFdCwd}, {"name", "/etc/hosts"}, {"flags", 1}});
  const ThreadInfo* t = d.zone().thread(kShell);
  const EventContext& read = d.feed("read", kShell, {{"res", 4}, {"data", ParamValue::bytes("abcd")}, {"fd", 3}, {"size", 4}},
                                    ZoneState::ContextUse::StateOnly);
  EXPECT_EQ(read.fd_num, -1);
  EXPECT_EQ(read.fd, nullptr);
  EXPECT_EQ(read.thread, t);
  const EventContext& close = d.feed("close", kShell, {{"res", 0}, {"fd", 3}}, ZoneState::ContextUse::StateOnly);
  EXPECT_EQ(close.fd, nullptr);
  d.tick(kShell);
  EXPECT_EQ(d.zone().fd(*t, 3), nullptr);  // the close still removed it
  const EventContext& open = d.feed("openat", kShell, {{"fd", 4}, {"dirfd", kAtFdCwd}, {"name", "/etc/passwd"}, {"flags", 1}},
                                    ZoneState::ContextUse::StateOnly);
  EXPECT_EQ(open.fd, nullptr);
  ASSERT_NE(d.zone().fd(*t, 4), nullptr);  // the open still added it
  EXPECT_EQ(d.zone().fd(*t, 4)->name, "/etc/passwd");
  const EventContext& with_rules = d.feed("read", kShell, {{"res", 1}, {"data", ParamValue::bytes("a")}, {"fd", 4}, {"size", 1}});
  EXPECT_EQ(with_rules.fd_num, 4);
  ASSERT_NE(with_rules.fd, nullptr);
  EXPECT_EQ(with_rules.fd->name, "/etc/passwd");
}

TEST(ZoneState, OpenatRelativeToDirectoryFd) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("openat", kShell, {{"fd", 5}, {"dirfd", kAtFdCwd}, {"name", "/etc"}, {"flags", 1024 | 1}});
  const EventContext& ctx = d.feed("openat", kShell, {{"fd", 6}, {"dirfd", 5}, {"name", "passwd"}, {"flags", 1}});
  ASSERT_NE(ctx.fd, nullptr);
  EXPECT_EQ(ctx.fd->name, "/etc/passwd");
  EXPECT_EQ(d.zone().fd(*ctx.thread, 5)->kind, FdKind::Directory);
}

TEST(ZoneState, FailedOpenAddsNoFd) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& ctx = d.feed("open", kShell, {{"fd", -2}, {"name", "/nope"}, {"flags", 1}});
  EXPECT_EQ(ctx.fd_num, -1);
  EXPECT_EQ(ctx.fd, nullptr);
}

TEST(ZoneState, PipeAndFcntlDup) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& pipe = d.feed("pipe", kShell, {{"res", 0}, {"fd1", 3}, {"fd2", 4}, {"ino", 9}});
  EXPECT_EQ(pipe.fd_num, 4);
  ASSERT_NE(pipe.fd, nullptr);
  EXPECT_EQ(pipe.fd->kind, FdKind::Fifo);
  EXPECT_EQ(pipe.fd->name, "");
  const EventContext& f = d.feed("fcntl", kShell, {{"res", 10}, {"fd", 3}, {"cmd", 1}});
  EXPECT_EQ(f.fd_num, 3);  // fcntl describes its fd argument
  EXPECT_EQ(d.zone().fd(*f.thread, 10)->kind, FdKind::Fifo);
}

TEST(ZoneState, SocketConnectNamesTheTuple) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& s = d.feed("socket", kShell, {{"fd", 3}, {"domain", 2}, {"type", 1}, {"proto", 0}});
  ASSERT_NE(s.fd, nullptr);
  EXPECT_EQ(s.fd->kind, FdKind::Ipv4Socket);
  EXPECT_EQ(s.fd->l4proto, kL4Tcp);
  const EventContext& c = d.feed("connect", kShell,
      {{"res", 0}, {"tuple", ParamValue::socktuple_inet("10.0.0.1", 40000, "93.184.216.34", 443)},
       {"fd", 3}, {"addr", ParamValue::sockaddr_inet("93.184.216.34", 443)}});
  ASSERT_NE(c.fd, nullptr);
  EXPECT_EQ(c.fd->name, "10.0.0.1:40000->93.184.216.34:443");
  EXPECT_TRUE(c.fd->connected);
  EXPECT_TRUE(c.fd->role_client);
  EXPECT_EQ(c.fd->sport, 443);
  EXPECT_EQ(c.fd->cport, 40000);
}

TEST(ZoneState, Ipv6AcceptAndBind) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("socket", kShell, {{"fd", 3}, {"domain", 10}, {"type", 1}, {"proto", 0}});
  const EventContext& b = d.feed("bind", kShell,
      {{"res", 0}, {"addr", ParamValue::sockaddr_inet("2001:db8::3", 1234)}, {"fd", 3}});
  ASSERT_NE(b.fd, nullptr);
  EXPECT_EQ(b.fd->name, "2001:db8::3:1234");
  EXPECT_TRUE(b.fd->role_server);
  const EventContext& a = d.feed("accept", kShell,
      {{"fd", 4}, {"tuple", ParamValue::socktuple_inet("2001:db8::4", 54405, "2001:db8::3", 1234)}});
  ASSERT_NE(a.fd, nullptr);
  EXPECT_EQ(a.fd->name, "2001:db8::4:54405->2001:db8::3:1234");
  EXPECT_EQ(a.fd->kind, FdKind::Ipv6Socket);
  EXPECT_TRUE(a.fd->role_server);
}

TEST(ZoneState, UnixSocketpairAndMemfd) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& sp = d.feed("socketpair", kShell,
      {{"res", 0}, {"fd1", 5}, {"fd2", 6}, {"source", 0x10}, {"peer", 0x20}, {"domain", 1}});
  ASSERT_NE(sp.fd, nullptr);
  EXPECT_EQ(sp.fd_num, 6);
  EXPECT_EQ(sp.fd->kind, FdKind::UnixSocket);
  const EventContext& m = d.feed("memfd_create", kShell, {{"fd", 7}, {"name", "payload"}, {"flags", 0}});
  ASSERT_NE(m.fd, nullptr);
  EXPECT_EQ(m.fd->kind, FdKind::Memfd);
  EXPECT_EQ(m.fd->name, "memfd:payload");
}

TEST(ZoneState, ChdirAndFchdir) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("chdir", kShell, {{"res", 0}, {"path", "../tmp/./work"}});
  EXPECT_EQ(d.zone().thread(kShell)->cwd, "/tmp/work/");
  d.feed("openat", kShell, {{"fd", 9}, {"dirfd", kAtFdCwd}, {"name", "/var/log"}, {"flags", 1024}});
  d.feed("fchdir", kShell, {{"res", 0}, {"fd", 9}});
  EXPECT_EQ(d.zone().thread(kShell)->cwd, "/var/log/");
  d.feed("chdir", kShell, {{"res", -2}, {"path", "/nope"}});
  EXPECT_EQ(d.zone().thread(kShell)->cwd, "/var/log/");
}

TEST(ZoneState, CredentialChanges) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("setuid", kShell, {{"res", 0}, {"uid", 1000}});
  EXPECT_EQ(d.zone().thread(kShell)->uid, 1000u);
  d.feed("setresgid", kShell, {{"res", 0}, {"rgid", -1}, {"egid", 50}, {"sgid", -1}});
  EXPECT_EQ(d.zone().thread(kShell)->gid, 50u);
  d.feed("setresuid", kShell, {{"res", 0}, {"ruid", -1}, {"euid", -1}, {"suid", -1}});
  EXPECT_EQ(d.zone().thread(kShell)->uid, 1000u);  // -1 leaves it
  d.feed("setuid", kShell, {{"res", -1}, {"uid", 0}});
  EXPECT_EQ(d.zone().thread(kShell)->uid, 1000u);
  d.feed("setsid", kShell, {{"res", 4242}});
  EXPECT_EQ(d.zone().thread(kShell)->sid, 4242);
}

TEST(ZoneState, ProcexitRemovesThreadAtNextEvent) {
  StateDriver d;
  seed_shell(d.zone());
  fork_child(d);
  exec_cat(d, kChild);
  const EventContext& exit = d.feed("procexit>", kChild, {{"status", 0}, {"ret", 0}});
  ASSERT_NE(exit.thread, nullptr);  // the exit event still has its thread
  EXPECT_EQ(exit.thread->comm, "cat");
  EXPECT_NE(d.zone().thread(kChild), nullptr);
  d.tick(kShell);
  EXPECT_EQ(d.zone().thread(kChild), nullptr);
  EXPECT_EQ(d.zone().stats().threads_removed, 1u);
}

TEST(ZoneState, ProcexitReparentsChildren) {
  StateDriver d;
  seed_shell(d.zone());
  fork_child(d);
  d.feed("procexit>", kShell, {{"status", 0}, {"reaper_tid", 1}});
  EXPECT_EQ(d.zone().thread(kChild)->ptid, 1);
}

TEST(ZoneState, MainThreadOutlivesItsThreadsFdTable) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("clone", kShell,
         {{"res", kThread}, {"exe", "bash"}, {"tid", kShell}, {"pid", kShell}, {"ptid", 1},
          {"comm", "bash"}, {"flags", kClCloneThread | kClCloneFiles}, {"vtid", kShell}, {"vpid", kShell}});
  d.feed("procexit>", kShell, {{"status", 0}});
  d.tick(kThread);
  ASSERT_NE(d.zone().thread(kShell), nullptr);  // kept (dead) for its thread
  EXPECT_TRUE(d.zone().thread(kShell)->exited);
  EXPECT_NE(d.zone().fd(*d.zone().thread(kThread), 0), nullptr);
  d.feed("procexit>", kThread, {{"status", 0}});
  d.tick(1);
  EXPECT_EQ(d.zone().thread(kThread), nullptr);
  EXPECT_EQ(d.zone().thread(kShell), nullptr);  // the last thread took it along
}

TEST(ZoneState, MemoryEventsUpdateCounters) {
  StateDriver d;
  seed_shell(d.zone());
  d.feed("brk", kShell, {{"res", 0x1000}, {"vm_size", 508}, {"vm_rss", 4}, {"vm_swap", 0}});
  EXPECT_EQ(d.zone().thread(kShell)->vmsize_kb, 508u);
  d.feed("mmap", kShell, {{"res", 0x2000}, {"vm_size", 536}, {"vm_rss", 8}, {"vm_swap", 1}, {"fd", -1}});
  EXPECT_EQ(d.zone().thread(kShell)->vmsize_kb, 536u);
  EXPECT_EQ(d.zone().thread(kShell)->vmswap_kb, 1u);
  d.feed("switch>", kShell, {{"next", 7}, {"pgft_maj", 2}, {"pgft_min", 334}, {"vm_size", 600}, {"vm_rss", 9}, {"vm_swap", 0}});
  EXPECT_EQ(d.zone().thread(kShell)->pfminor, 334u);
  EXPECT_EQ(d.zone().thread(kShell)->pfmajor, 2u);
  EXPECT_EQ(d.zone().thread(kShell)->vmrss_kb, 9u);
}

TEST(ZoneState, UnknownThreadGetsPlaceholder) {
  StateDriver d;
  const EventContext& ctx = d.feed("open", 777, {{"fd", 3}, {"name", "/etc/hosts"}, {"flags", 1}});
  ASSERT_NE(ctx.thread, nullptr);
  EXPECT_EQ(ctx.thread->tid, 777);
  EXPECT_EQ(ctx.thread->pid, -1);
  EXPECT_EQ(ctx.thread->ptid, -1);
  EXPECT_EQ(ctx.thread->comm, "<NA>");
  EXPECT_TRUE(ctx.thread->incomplete);
  EXPECT_EQ(d.zone().stats().missing_threads, 1u);
}

TEST(ZoneState, ProcinfoOfUnknownThreadHasNoThread) {
  StateDriver d;
  const EventContext& ctx = d.feed("procinfo>", 555, {{"cpu_usr", 1}, {"cpu_sys", 2}});
  EXPECT_EQ(ctx.thread, nullptr);
  EXPECT_EQ(d.zone().thread(555), nullptr);
}

TEST(ZoneState, DeltaAndFirstTimestamps) {
  StateDriver d;
  seed_shell(d.zone());
  const EventContext& a = d.tick(kShell);
  uint64_t first = d.now();
  EXPECT_EQ(a.prev_event_ts, 0u);
  EXPECT_EQ(a.first_event_ts, first);
  const EventContext& b = d.tick(kShell);
  EXPECT_EQ(b.prev_event_ts, first);
  EXPECT_EQ(b.first_event_ts, first);
  EXPECT_EQ(b.evt_num, 2u);
  EXPECT_EQ(b.zone_id, "host");
}

TEST(ZoneState, EnterEventParamsReachTheExit) {
  StateDriver d;
  seed_shell(d.zone());
  // A live-style pair: the exit carries only the fd, the enter the path.
  d.feed("open>", kShell, {{"name", "/etc/shadow"}, {"flags", 1}, {"mode", 0}});
  const EventContext& ctx = d.feed("open", kShell, {{"fd", 3}, {"name", ParamValue::empty()}});
  ASSERT_NE(ctx.enter_event, nullptr);
  ASSERT_NE(ctx.fd, nullptr);
  EXPECT_EQ(ctx.fd->name, "/etc/shadow");
}

TEST(ZoneState, AncestorWalkStopsAtLoops) {
  ZoneState z;
  z.seed_thread(make_thread(10, 10, 11, "a", "/a"));
  z.seed_thread(make_thread(11, 11, 12, "b", "/b"));
  z.seed_thread(make_thread(12, 12, 10, "c", "/c"));  // 10 -> 11 -> 12 -> 10
  size_t steps = 0;
  z.for_each_ancestor(*z.thread(10), [&](const ThreadInfo&) {
    ++steps;
    return true;
  });
  EXPECT_EQ(steps, 2u);  // 11, 12, then back at the start
  z.seed_thread(make_thread(20, 20, 20, "self", "/s"));
  EXPECT_EQ(z.parent(*z.thread(20)), nullptr);
  // A loop not through the start (30 -> 31 -> 32 -> 31) is cut by the depth bound.
  z.seed_thread(make_thread(30, 30, 31, "x", "/x"));
  z.seed_thread(make_thread(31, 31, 32, "y", "/y"));
  z.seed_thread(make_thread(32, 32, 31, "z", "/z"));
  steps = 0;
  z.for_each_ancestor(*z.thread(30), [&](const ThreadInfo&) {
    ++steps;
    return true;
  });
  EXPECT_EQ(steps, ZoneState::kMaxAncestry);
}

TEST(ZoneState, ThreadTableBoundEvictsAndCounts) {
  StateLimits limits;
  limits.max_threads = 4;
  StateDriver d(limits);
  for (int64_t tid = 1000; tid < 1010; ++tid) d.tick(tid);
  EXPECT_LE(d.zone().threads().size(), 4u);
  EXPECT_EQ(d.zone().stats().thread_evictions, 6u);
  EXPECT_NE(d.zone().thread(1009), nullptr);  // the newest survives
}

TEST(ZoneState, EvictionSparesTheEventThread) {
  StateLimits limits;
  limits.max_threads = 3;
  StateDriver d(limits);
  seed_shell(d.zone());  // 1 and 100
  d.tick(kShell);
  // The shell clones two children into a full table: the shell (idle the
  // longest relative to the new threads' parent) must survive its own event.
  for (int64_t child = 200; child < 204; ++child) {
    d.feed("clone", kShell, {{"res", child}, {"exe", "bash"}, {"tid", kShell}, {"pid", kShell}, {"ptid", 1},
                             {"comm", "bash"}, {"flags", 0}, {"vtid", kShell}, {"vpid", kShell}});
    ASSERT_NE(d.zone().thread(kShell), nullptr) << child;
  }
  EXPECT_LE(d.zone().threads().size(), 3u);
}

TEST(ZoneState, FdTableBoundDropsAndCounts) {
  StateLimits limits;
  limits.max_fds_per_process = 2;
  StateDriver d(limits);
  seed_shell(d.zone());  // fd 0 already there
  d.feed("open", kShell, {{"fd", 3}, {"name", "/a"}, {"flags", 1}});
  d.feed("open", kShell, {{"fd", 4}, {"name", "/b"}, {"flags", 1}});
  const ThreadInfo* t = d.zone().thread(kShell);
  EXPECT_NE(d.zone().fd(*t, 3), nullptr);
  EXPECT_EQ(d.zone().fd(*t, 4), nullptr);
  EXPECT_EQ(d.zone().stats().fd_drops, 1u);
}

TEST(ZoneState, MalformedEventsDoNotCrash) {
  StateDriver d;
  seed_shell(d.zone());
  // Events with missing params of every parsed kind.
  for (const char* name : {"clone", "execve", "open", "openat", "connect", "accept", "bind", "dup",
                           "close", "pipe", "socketpair", "chdir", "fchdir", "setuid", "fcntl"}) {
    d.feed(name, kShell, {});
  }
  EXPECT_NE(d.zone().thread(kShell), nullptr);
}

}  // namespace
}  // namespace eg
