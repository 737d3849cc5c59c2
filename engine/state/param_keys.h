// Every param name the state parsers read, as a ParamKey (event_params.h):
// resolved once for all event codes, so a parser's lookup is a table load.
// A name here is the schema's spelling (the events table); a key whose name
// no event has simply finds nothing. Each key is built on first use (the
// events table it reads may not be initialised yet during static
// initialisation of another file).
#pragma once

#include "engine/state/event_params.h"

namespace eg::param_keys {

inline const ParamKey& addr() { static const ParamKey key("addr"); return key; }
inline const ParamKey& args() { static const ParamKey key("args"); return key; }
inline const ParamKey& cap_effective() { static const ParamKey key("cap_effective"); return key; }
inline const ParamKey& cap_inheritable() { static const ParamKey key("cap_inheritable"); return key; }
inline const ParamKey& cap_permitted() { static const ParamKey key("cap_permitted"); return key; }
inline const ParamKey& cgroups() { static const ParamKey key("cgroups"); return key; }
inline const ParamKey& cmd() { static const ParamKey key("cmd"); return key; }
inline const ParamKey& comm() { static const ParamKey key("comm"); return key; }
inline const ParamKey& creat_flags() { static const ParamKey key("creat_flags"); return key; }
inline const ParamKey& dev() { static const ParamKey key("dev"); return key; }
inline const ParamKey& dirfd() { static const ParamKey key("dirfd"); return key; }
inline const ParamKey& domain() { static const ParamKey key("domain"); return key; }
inline const ParamKey& egid() { static const ParamKey key("egid"); return key; }
inline const ParamKey& env() { static const ParamKey key("env"); return key; }
inline const ParamKey& euid() { static const ParamKey key("euid"); return key; }
inline const ParamKey& exe() { static const ParamKey key("exe"); return key; }
inline const ParamKey& exe_ino() { static const ParamKey key("exe_ino"); return key; }
inline const ParamKey& exe_ino_ctime() { static const ParamKey key("exe_ino_ctime"); return key; }
inline const ParamKey& exe_ino_mtime() { static const ParamKey key("exe_ino_mtime"); return key; }
inline const ParamKey& fd() { static const ParamKey key("fd"); return key; }
inline const ParamKey& fd1() { static const ParamKey key("fd1"); return key; }
inline const ParamKey& fd2() { static const ParamKey key("fd2"); return key; }
inline const ParamKey& fdlimit() { static const ParamKey key("fdlimit"); return key; }
inline const ParamKey& filename() { static const ParamKey key("filename"); return key; }
inline const ParamKey& first() { static const ParamKey key("first"); return key; }
inline const ParamKey& flags() { static const ParamKey key("flags"); return key; }
inline const ParamKey& gid() { static const ParamKey key("gid"); return key; }
inline const ParamKey& ino() { static const ParamKey key("ino"); return key; }
inline const ParamKey& last() { static const ParamKey key("last"); return key; }
inline const ParamKey& loginuid() { static const ParamKey key("loginuid"); return key; }
inline const ParamKey& mode() { static const ParamKey key("mode"); return key; }
inline const ParamKey& name() { static const ParamKey key("name"); return key; }
inline const ParamKey& oldfd() { static const ParamKey key("oldfd"); return key; }
inline const ParamKey& path() { static const ParamKey key("path"); return key; }
inline const ParamKey& peer() { static const ParamKey key("peer"); return key; }
inline const ParamKey& pgft_maj() { static const ParamKey key("pgft_maj"); return key; }
inline const ParamKey& pgft_min() { static const ParamKey key("pgft_min"); return key; }
inline const ParamKey& pgid() { static const ParamKey key("pgid"); return key; }
inline const ParamKey& pid() { static const ParamKey key("pid"); return key; }
inline const ParamKey& pidns_init_start_ts() { static const ParamKey key("pidns_init_start_ts"); return key; }
inline const ParamKey& proto() { static const ParamKey key("proto"); return key; }
inline const ParamKey& ptid() { static const ParamKey key("ptid"); return key; }
inline const ParamKey& reaper_tid() { static const ParamKey key("reaper_tid"); return key; }
inline const ParamKey& source() { static const ParamKey key("source"); return key; }
inline const ParamKey& trusted_exepath() { static const ParamKey key("trusted_exepath"); return key; }
inline const ParamKey& tty() { static const ParamKey key("tty"); return key; }
inline const ParamKey& tuple() { static const ParamKey key("tuple"); return key; }
inline const ParamKey& type() { static const ParamKey key("type"); return key; }
inline const ParamKey& uid() { static const ParamKey key("uid"); return key; }
inline const ParamKey& vm_rss() { static const ParamKey key("vm_rss"); return key; }
inline const ParamKey& vm_size() { static const ParamKey key("vm_size"); return key; }
inline const ParamKey& vm_swap() { static const ParamKey key("vm_swap"); return key; }
inline const ParamKey& vpgid() { static const ParamKey key("vpgid"); return key; }
inline const ParamKey& vpid() { static const ParamKey key("vpid"); return key; }
inline const ParamKey& vtid() { static const ParamKey key("vtid"); return key; }

}  // namespace eg::param_keys
