// fd.*, fdlist.* and fs.path.* fields: the event's file descriptor as the
// state engine resolved it, the fds of poll-style events, and the paths of
// file-system events. Socket endpoints follow libsinsp's naming: the client
// is the tuple's source side, the server its destination; "local" and
// "remote" depend on which end this process is (role).
//
// fd.ip, fd.port, fd.proto and fd.*net are filter-only in Falco: they print
// nothing, and in conditions they match either endpoint (MatchMode::EitherEndpoint).
#include <algorithm>
#include <array>
#include <set>

#include "engine/extract/context_view.h"
#include "engine/extract/extractor_kit.h"
#include "engine/extract/param_read.h"
#include "engine/extract/value_render.h"
#include "engine/state/event_context.h"
#include "engine/state/zone_state.h"
#include "fields/param_decoder.h"
#include "fields/param_render.h"

namespace eg {
namespace {

using T = FieldType;

bool event_has_fd(const EventContext& c) {
  if (c.thread == nullptr || c.info == nullptr) return false;
  if (c.fd != nullptr) return true;
  return c.fd_num != -1 || (c.info->flags & (kEfCreatesFd | kEfUsesFd | kEfDestroysFd)) != 0;
}

// A field of the event's fd: nothing without one. `fn` is the callable
// itself (a template, not a std::function), so the field's one std::function calls it
// directly instead of through a second one.
template <typename Fn>
FieldBinding fd_field(std::string_view name, FieldType type, Fn fn) {
  return field(name, type, [fn = std::move(fn)](const EventContext& c, FieldValues& o, Scratch& sc) {
    if (c.fd == nullptr || c.thread == nullptr) return false;
    return fn(c, *c.fd, o, sc);
  });
}

// libsinsp's name for an event whose fd is not in the table: the path an
// open-family exit tried (made absolute), else "".
std::string null_fd_name(const EventContext& c) {
  static constexpr std::string_view kOpenIds[] = {"PPME_SYSCALL_OPEN_X", "PPME_SYSCALL_OPENAT_2_X",
                                                   "PPME_SYSCALL_OPENAT2_X", "PPME_SYSCALL_CREAT_X",
                                                   "PPME_SYSCALL_OPEN_BY_HANDLE_AT_X"};
  for (auto id : kOpenIds) {
    if (c.info->id != id) continue;
    auto name = read_param_string(*c.event, c.info, "name");
    if (!name) return {};
    std::string cwd = c.zone ? std::string(c.zone->cwd(*c.thread)) : std::string();
    return concatenate_paths(cwd, *name);
  }
  return {};
}

// A field of the event's fd that also has a value when the event names an fd
// the table does not know (computed by `null_fn` from the event alone).
template <typename Fn, typename NullFn>
FieldBinding fd_field_or_null(std::string_view name, FieldType type, Fn fn, NullFn null_fn) {
  return field(name, type, [fn = std::move(fn), null_fn = std::move(null_fn)](const EventContext& c, FieldValues& o, Scratch& sc) {
    if (c.thread == nullptr) return false;
    if (c.fd != nullptr) return fn(c, *c.fd, o, sc);
    return event_has_fd(c) && null_fn(c, o, sc);
  });
}

std::string directory_of_path(std::string name) {
  size_t pos = name.rfind('/');
  if (pos != std::string::npos && pos != 0) {
    if (pos < name.size() - 1) name.resize(pos);
  } else {
    name = "/";
  }
  return name;
}

bool is_ip_socket(FdKind k) { return k == FdKind::Ipv4Socket || k == FdKind::Ipv6Socket; }
bool is_server_socket(FdKind k) { return k == FdKind::Ipv4ServerSocket || k == FdKind::Ipv6ServerSocket; }
bool role_none(const FdInfo& f) { return !f.role_client && !f.role_server; }
bool is_file(const FdInfo& f) { return f.kind == FdKind::File; }

// A one-character text that outlives every event (fd.typechar), so the value
// needs no scratch copy.
std::string_view one_char_text(char c) {
  static const auto chars = [] {
    std::array<char, 256> a{};
    for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<char>(i);
    return a;
  }();
  return {&chars[static_cast<unsigned char>(c)], 1};
}

// libsinsp: the client side is "local" when its address belongs to this machine.
bool client_is_local(const EventContext& c, const FdInfo& f) {
  return c.zone != nullptr && c.zone->interfaces().is_local_address(f.cip);
}

// The l4 protocol libsinsp reports: unknown ("<NA>") for IP sockets whose role
// is not known yet (raw sockets excepted).
uint8_t effective_l4proto(const FdInfo& f) {
  if (f.kind == FdKind::Ipv4Socket || f.kind == FdKind::Ipv6Socket) {
    if (f.l4proto == kL4Raw) return kL4Raw;
    if (!f.role_client && !f.role_server) return kL4Na;
    return f.l4proto;
  }
  if (f.kind == FdKind::Ipv4ServerSocket || f.kind == FdKind::Ipv6ServerSocket) return f.l4proto;
  return kL4Na;
}

enum class End { Client, Server, Local, Remote };

// Which end of an IP socket a field names, resolved to client/server.
std::optional<bool> is_client_end(const EventContext& c, const FdInfo& f, End end) {
  switch (end) {
    case End::Client: return true;
    case End::Server: return false;
    case End::Local: return client_is_local(c, f);
    case End::Remote: return !client_is_local(c, f);
  }
  return std::nullopt;
}

// The address of one end of the socket (nullptr when that end has none).
const IpAddress* endpoint_ip(const EventContext& c, const FdInfo& f, End end) {
  if (role_none(f)) return nullptr;
  if (is_ip_socket(f.kind)) return *is_client_end(c, f, end) ? &f.cip : &f.sip;
  if (is_server_socket(f.kind) && end == End::Server) return &f.sip;
  return nullptr;
}

std::optional<uint16_t> endpoint_port(const EventContext& c, const FdInfo& f, End end) {
  if (is_ip_socket(f.kind)) {
    if (role_none(f)) return std::nullopt;
    return *is_client_end(c, f, end) ? f.cport : f.sport;
  }
  if (is_server_socket(f.kind) && end == End::Server) return f.sport;
  return std::nullopt;
}

// fd.cip, fd.sip, fd.lip, fd.rip (IPADDR) and fd.cnet and friends (IPNET:
// printed "<IPNET>", compared against networks): the one endpoint address.
// Plain functions (address_field), which conditions call directly.
template <End E>
uint32_t endpoint_address(const EventContext& c, const IpAddress* out[2]) {
  if (c.fd == nullptr || c.thread == nullptr) return 0;
  const FdInfo& f = *c.fd;
  if ((E == End::Local || E == End::Remote) && !is_ip_socket(f.kind)) return 0;
  out[0] = endpoint_ip(c, f, E);
  return out[0] != nullptr ? 1 : 0;
}

// fd.ip / fd.net: print nothing, match either endpoint: endpoint_ip() of
// the client end, then of the server end, spelled out (conditions test
// them on every connect): an IP socket has both, a server socket the server's.
uint32_t either_endpoint_address(const EventContext& c, const IpAddress* out[2]) {
  if (c.fd == nullptr || c.thread == nullptr) return 0;
  const FdInfo& f = *c.fd;
  if (role_none(f)) return 0;
  if (is_ip_socket(f.kind)) {
    out[0] = &f.cip;
    out[1] = &f.sip;
    return 2;
  }
  if (!is_server_socket(f.kind)) return 0;
  out[0] = &f.sip;
  return 1;
}

// fd.cport, fd.sport, fd.lport, fd.rport: plain functions (number_field).
template <End E>
bool endpoint_port_number(const EventContext& c, uint64_t& out) {
  if (c.fd == nullptr || c.thread == nullptr) return false;
  const FdInfo& f = *c.fd;
  if ((E == End::Local || E == End::Remote || E == End::Client) && !is_ip_socket(f.kind)) return false;
  auto port = endpoint_port(c, f, E);
  if (!port) return false;
  out = *port;
  return true;
}

// fd.cproto and friends: the port as text (service names are not resolved,
// as in Falco's default configuration); "" for a listening socket's client side.
FieldBinding proto_field(std::string_view name, End end) {
  return fd_field(name, T::CHARBUF, [end](const EventContext& c, const FdInfo& f, FieldValues& o, Scratch& sc) {
    if (end == End::Local || end == End::Remote) {
      if (!is_ip_socket(f.kind) || role_none(f)) return false;
    } else if (end == End::Client) {
      if (role_none(f)) return false;
      if (!is_ip_socket(f.kind)) return push_string(o, "");
    } else {
      if (is_ip_socket(f.kind) && role_none(f)) return false;
      if (!is_ip_socket(f.kind) && !is_server_socket(f.kind)) return false;
      if (!is_ip_socket(f.kind)) return push_string(o, "");
    }
    auto port = endpoint_port(c, f, end);
    return port && push_owned(o, sc, std::to_string(*port));
  });
}

// fd.port / fd.proto: print nothing, match either endpoint.
FieldBinding either_endpoint_port_field(std::string_view name) {
  return FieldBinding{name, [](const ExtractorRequest&, std::string&) -> std::unique_ptr<Extractor> {
    auto none = [](const EventContext&, FieldValues&, Scratch&) { return false; };
    auto candidates = [](const EventContext& c, FieldValues& o, Scratch&) {
      if (c.fd == nullptr || c.thread == nullptr) return false;
      for (End e : {End::Client, End::Server}) {
        if (auto p = endpoint_port(c, *c.fd, e)) push_unsigned(o, T::PORT, *p);
      }
      return !o.empty();
    };
    return std::make_unique<CandidateExtractor>(T::PORT, none, candidates, MatchMode::EitherEndpoint);
  }};
}

// A view into f.name (or the root), valid while the fd entry is: conditions
// test fd.directory on every open, and a copy of the name cost an allocation.
std::string_view directory_view(const FdInfo& f) {
  std::string_view name = f.name;
  if (!is_file(f)) return name;
  size_t pos = name.rfind('/');
  if (pos == std::string_view::npos || pos == 0) return "/";
  return pos < name.size() - 1 ? name.substr(0, pos) : name;
}

std::string directory_of(const FdInfo& f) { return std::string(directory_view(f)); }

std::string filename_of(const FdInfo& f) {
  const std::string& name = f.name;
  size_t pos = name.rfind('/');
  if (pos == std::string::npos) return "/";
  if (pos < name.size() - 1) return name.substr(pos + 1);
  return name;
}

std::string_view sockfamily_of(FdKind k) {
  if (is_ip_socket(k) || is_server_socket(k)) return "ip";
  if (k == FdKind::UnixSocket) return "unix";
  return {};
}

// fd.types: the distinct fd types of the process, in Falco's order.
FieldBinding fd_types_field() {
  return FieldBinding{"fd.types", [](const ExtractorRequest& req, std::string&) -> std::unique_ptr<Extractor> {
    bool with_index = req.arg.has_value();
    return std::make_unique<FnExtractor>(T::CHARBUF, [with_index](const EventContext& c, FieldValues& o, Scratch&) {
      if (with_index || c.thread == nullptr || c.zone == nullptr || !event_has_fd(c)) return false;
      const ThreadInfo* m = c.zone->main_thread(*c.thread);
      const FdTable* table = m->fds ? m->fds.get() : c.thread->fds.get();
      if (table == nullptr) return false;
      std::set<std::string_view, std::greater<>> kinds;
      table->for_each([&](int64_t, const FdInfo& f) {
        kinds.insert(fd_type_name(f.kind));
        return true;
      });
      for (auto k : kinds) push_string(o, k);
      return !o.empty();
    }, true);
  }};
}

std::string ip_text(const IpAddress& ip) {
  std::string out;
  append_value_text(out, FieldValue::address(T::IPADDR, ip), PrintFormat::Na);
  return out;
}

// fdlist.*: the fds of a poll/ppoll event's fds param.
using FdListPart = std::string (*)(const FdInfo* f, int64_t fd);

FieldBinding fdlist_field(std::string_view name, FdListPart part) {
  return field(name, T::CHARBUF, [part](const EventContext& c, FieldValues& o, Scratch& sc) {
    if (c.info == nullptr || c.event == nullptr || c.thread == nullptr || c.zone == nullptr) return false;
    int idx = param_index_of(c.info, "fds");
    if (idx < 0 || c.info->params[static_cast<size_t>(idx)].type != T::FDLIST) return false;
    auto entries = decode_fdlist(c.event->param(static_cast<uint32_t>(idx)));
    std::string out;
    for (const auto& e : entries) {
      std::string piece = part(c.zone->fd(*c.thread, e.fd), e.fd);
      if (piece.empty()) continue;
      if (!out.empty()) out += ',';
      out += piece;
    }
    if (out.empty()) return false;
    return push_owned(o, sc, std::move(out));
  });
}

std::string fdlist_num(const FdInfo*, int64_t fd) { return std::to_string(fd); }
std::string fdlist_name(const FdInfo* f, int64_t) { return f ? f->name : std::string(); }
std::string fdlist_cip(const FdInfo* f, int64_t) {
  return f && is_ip_socket(f->kind) ? ip_text(f->cip) : std::string();
}
std::string fdlist_sip(const FdInfo* f, int64_t) {
  return f && (is_ip_socket(f->kind) || is_server_socket(f->kind)) ? ip_text(f->sip) : std::string();
}
std::string fdlist_cport(const FdInfo* f, int64_t) {
  return f && is_ip_socket(f->kind) ? std::to_string(f->cport) : std::string();
}
std::string fdlist_sport(const FdInfo* f, int64_t) {
  return f && (is_ip_socket(f->kind) || is_server_socket(f->kind)) ? std::to_string(f->sport) : std::string();
}


// fs.path.*: which params of an event hold the path, source and target.
struct FsPathParams {
  std::string_view id;
  std::string_view name, source, target;
};

constexpr FsPathParams kFsPathParams[] = {
    {"PPME_SYSCALL_OPEN_X", "name", {}, {}},
    {"PPME_SYSCALL_OPENAT_2_X", "name", {}, {}},
    {"PPME_SYSCALL_OPENAT2_X", "name", {}, {}},
    {"PPME_SYSCALL_CREAT_X", "name", {}, {}},
    {"PPME_SYSCALL_MKDIR_2_X", "path", {}, {}},
    {"PPME_SYSCALL_MKDIRAT_X", "path", {}, {}},
    {"PPME_SYSCALL_RMDIR_2_X", "path", {}, {}},
    {"PPME_SYSCALL_UNLINK_2_X", "path", {}, {}},
    {"PPME_SYSCALL_UNLINKAT_2_X", "name", {}, {}},
    {"PPME_SYSCALL_FCHMODAT_X", "filename", {}, {}},
    {"PPME_SYSCALL_CHMOD_X", "filename", {}, {}},
    {"PPME_SYSCALL_FCHOWNAT_X", "pathname", {}, {}},
    {"PPME_SYSCALL_CHOWN_X", "path", {}, {}},
    {"PPME_SYSCALL_LCHOWN_X", "path", {}, {}},
    {"PPME_SYSCALL_RENAME_X", {}, "oldpath", "newpath"},
    {"PPME_SYSCALL_RENAMEAT_X", {}, "oldpath", "newpath"},
    {"PPME_SYSCALL_RENAMEAT2_X", {}, "oldpath", "newpath"},
    {"PPME_SYSCALL_LINK_2_X", {}, "oldpath", "newpath"},
    {"PPME_SYSCALL_LINKAT_2_X", {}, "oldpath", "newpath"},
    {"PPME_SYSCALL_SYMLINK_X", {}, "target", "linkpath"},
    {"PPME_SYSCALL_SYMLINKAT_X", {}, "target", "linkpath"},
    {"PPME_SYSCALL_MOUNT_X", {}, "dev", "dir"},
    {"PPME_SYSCALL_UMOUNT_1_X", {}, {}, "name"},
    {"PPME_SYSCALL_UMOUNT2_X", {}, {}, "name"},
};

enum class FsPart { Name, Source, Target };

FieldBinding fs_path_field(std::string_view field_name, FsPart part, bool raw) {
  return field(field_name, T::CHARBUF, [part, raw](const EventContext& c, FieldValues& o, Scratch& sc) {
    if (c.info == nullptr || c.event == nullptr) return false;
    for (const auto& entry : kFsPathParams) {
      if (entry.id != c.info->id) continue;
      std::string_view param = part == FsPart::Name ? entry.name : part == FsPart::Source ? entry.source : entry.target;
      if (param.empty()) return false;
      auto value = read_param_string(*c.event, c.info, param);
      if (!value) return false;
      if (raw) return push_owned(o, sc, std::string(*value));
      std::string cwd = c.thread && c.zone ? std::string(c.zone->cwd(*c.thread)) : std::string();
      return push_owned(o, sc, concatenate_paths(cwd, *value));
    }
    return false;
  });
}

// fd.name, fd.nameraw, fd.typechar and fd.directory as plain text functions
// (text_field), which conditions call directly on every open. As
// fd_field_or_null: no thread, no value; `on_fd` reads the event's fd entry;
// an event that has an fd but no entry for it takes `on_null`.
template <bool (*OnFd)(const FdInfo&, std::string_view&),
          bool (*OnNull)(const EventContext&, Scratch&, std::string_view&)>
bool fd_text(const EventContext& c, Scratch& sc, std::string_view& out) {
  if (c.thread == nullptr) return false;
  if (c.fd != nullptr) return OnFd(*c.fd, out);
  return event_has_fd(c) && OnNull(c, sc, out);
}

bool name_on_fd(const FdInfo& f, std::string_view& out) {
  out = f.name;
  return true;
}
bool name_raw_on_fd(const FdInfo& f, std::string_view& out) {
  out = f.name_raw;
  return true;
}
bool name_on_null(const EventContext& c, Scratch& sc, std::string_view& out) {
  sc.text = null_fd_name(c);
  out = sc.text;
  return true;
}
bool typechar_on_fd(const FdInfo& f, std::string_view& out) {
  out = one_char_text(fd_type_char(f.kind));
  return true;
}
bool typechar_on_null(const EventContext&, Scratch&, std::string_view& out) {
  out = "o";
  return true;
}
bool directory_on_fd(const FdInfo& f, std::string_view& out) {
  if (f.kind != FdKind::File && f.kind != FdKind::Directory) return false;
  out = directory_view(f);
  return true;
}
bool directory_on_null(const EventContext& c, Scratch& sc, std::string_view& out) {
  sc.text = directory_of_path(null_fd_name(c));
  out = sc.text;
  return true;
}

// fd.type, fd.l4proto and fd.sockfamily as plain text functions (as
// fd_field: nothing without an fd entry or a thread); the texts are static.
template <bool (*OnFd)(const FdInfo&, std::string_view&)>
bool fd_of_thread_text(const EventContext& c, Scratch&, std::string_view& out) {
  if (c.fd == nullptr || c.thread == nullptr) return false;
  return OnFd(*c.fd, out);
}
bool type_on_fd(const FdInfo& f, std::string_view& out) {
  out = fd_type_name(f.kind);
  return true;
}
bool l4proto_on_fd(const FdInfo& f, std::string_view& out) {
  out = l4proto_name(effective_l4proto(f));
  return true;
}
bool sockfamily_on_fd(const FdInfo& f, std::string_view& out) {
  out = sockfamily_of(f.kind);
  return !out.empty();
}

// fd.num, fd.connected and fd.name_changed as plain number functions (number_field).
bool fd_num(const EventContext& c, uint64_t& out) {
  if (!event_has_fd(c)) return false;
  out = static_cast<uint64_t>(c.fd_num);
  return true;
}
bool fd_connected(const EventContext& c, uint64_t& out) {
  if (c.fd == nullptr || c.thread == nullptr) return false;
  out = c.fd->connected ? 1 : 0;
  return true;
}
bool fd_name_changed(const EventContext& c, uint64_t& out) {
  if (c.fd == nullptr || c.thread == nullptr) return false;
  out = c.fd_name_changed ? 1 : 0;
  return true;
}

std::vector<FieldBinding> make_table() {
  std::vector<FieldBinding> t;
  t.push_back(number_field("fd.num", T::INT64, fd_num));
  t.push_back(text_field("fd.type", T::CHARBUF, fd_of_thread_text<type_on_fd>));
  t.push_back(text_field("fd.typechar", T::CHARBUF, fd_text<typechar_on_fd, typechar_on_null>));
  t.push_back(text_field("fd.name", T::CHARBUF, fd_text<name_on_fd, name_on_null>));
  t.push_back(text_field("fd.nameraw", T::CHARBUF, fd_text<name_raw_on_fd, name_on_null>));
  t.push_back(fd_field_or_null("fd.containername", T::CHARBUF,
      [](const EventContext& c, const FdInfo& f, FieldValues& o, Scratch& sc) {
        return push_owned(o, sc, c.thread->container_id + ":" + f.name);
      },
      [](const EventContext& c, FieldValues& o, Scratch& sc) {
        return push_owned(o, sc, c.thread->container_id + ":" + null_fd_name(c));
      }));
  t.push_back(text_field("fd.directory", T::CHARBUF, fd_text<directory_on_fd, directory_on_null>));
  t.push_back(fd_field_or_null("fd.containerdirectory", T::CHARBUF,
      [](const EventContext& c, const FdInfo& f, FieldValues& o, Scratch& sc) {
        if (f.kind != FdKind::File && f.kind != FdKind::Directory) return false;
        return push_owned(o, sc, c.thread->container_id + ":" + directory_of(f));
      },
      [](const EventContext& c, FieldValues& o, Scratch& sc) {
        return push_owned(o, sc, c.thread->container_id + ":" + directory_of_path(null_fd_name(c)));
      }));
  t.push_back(fd_field("fd.filename", T::CHARBUF, [](const EventContext&, const FdInfo& f, FieldValues& o, Scratch& sc) {
    if (!is_file(f)) return false;
    return push_owned(o, sc, filename_of(f));
  }));
  t.push_back(address_field("fd.ip", T::IPADDR, either_endpoint_address, MatchMode::EitherEndpoint));
  t.push_back(address_field("fd.cip", T::IPADDR, endpoint_address<End::Client>));
  t.push_back(address_field("fd.sip", T::IPADDR, endpoint_address<End::Server>));
  t.push_back(address_field("fd.lip", T::IPADDR, endpoint_address<End::Local>));
  t.push_back(address_field("fd.rip", T::IPADDR, endpoint_address<End::Remote>));
  t.push_back(either_endpoint_port_field("fd.port"));
  t.push_back(number_field("fd.cport", T::PORT, endpoint_port_number<End::Client>));
  t.push_back(number_field("fd.sport", T::PORT, endpoint_port_number<End::Server>));
  t.push_back(number_field("fd.lport", T::PORT, endpoint_port_number<End::Local>));
  t.push_back(number_field("fd.rport", T::PORT, endpoint_port_number<End::Remote>));
  t.push_back(either_endpoint_port_field("fd.proto"));
  t.push_back(proto_field("fd.cproto", End::Client));
  t.push_back(proto_field("fd.sproto", End::Server));
  t.push_back(proto_field("fd.lproto", End::Local));
  t.push_back(proto_field("fd.rproto", End::Remote));
  t.push_back(address_field("fd.net", T::IPNET, either_endpoint_address, MatchMode::EitherEndpoint));
  t.push_back(address_field("fd.cnet", T::IPNET, endpoint_address<End::Client>));
  t.push_back(address_field("fd.snet", T::IPNET, endpoint_address<End::Server>));
  t.push_back(address_field("fd.lnet", T::IPNET, endpoint_address<End::Local>));
  t.push_back(address_field("fd.rnet", T::IPNET, endpoint_address<End::Remote>));
  t.push_back(text_field("fd.l4proto", T::CHARBUF, fd_of_thread_text<l4proto_on_fd>));
  t.push_back(text_field("fd.sockfamily", T::CHARBUF, fd_of_thread_text<sockfamily_on_fd>));
  // libsinsp: a socket is a server one when its server address is this machine's.
  t.push_back(fd_field("fd.is_server", T::BOOL, [](const EventContext& c, const FdInfo& f, FieldValues& o, Scratch&) {
    if (is_server_socket(f.kind)) return push_bool(o, true);
    if (!is_ip_socket(f.kind)) return push_bool(o, false);
    IpAddress server = f.sip;
    if (server.family == 0) server.family = f.kind == FdKind::Ipv6Socket ? 6 : 4;  // not connected yet: all zeros
    return push_bool(o, c.zone != nullptr && c.zone->interfaces().is_local_address(server));
  }));
  t.push_back(field("fd.uid", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch& sc) {
    if (!event_has_fd(c)) return false;
    return push_owned(o, sc, std::to_string(c.thread->tid) + std::to_string(c.fd_num));
  }));
  t.push_back(number_field("fd.connected", T::BOOL, fd_connected));
  t.push_back(number_field("fd.name_changed", T::BOOL, fd_name_changed));
  for (auto name : {"fd.cip.name", "fd.sip.name", "fd.lip.name", "fd.rip.name"}) {
    t.push_back(field_none(name, T::CHARBUF));  // no DNS name cache
  }
  t.push_back(fd_field("fd.dev", T::INT32, [](const EventContext&, const FdInfo& f, FieldValues& o, Scratch&) {
    return push_signed(o, T::INT32, static_cast<int32_t>(f.dev));
  }));
  t.push_back(fd_field("fd.dev.major", T::INT32, [](const EventContext&, const FdInfo& f, FieldValues& o, Scratch&) {
    return push_signed(o, T::INT32, static_cast<int32_t>((f.dev & 0xfff00u) >> 8));
  }));
  t.push_back(fd_field("fd.dev.minor", T::INT32, [](const EventContext&, const FdInfo& f, FieldValues& o, Scratch&) {
    return push_signed(o, T::INT32, static_cast<int32_t>((f.dev & 0xffu) | ((f.dev >> 12) & 0xfff00u)));
  }));
  t.push_back(fd_field("fd.ino", T::INT64, [](const EventContext&, const FdInfo& f, FieldValues& o, Scratch&) {
    return push_signed(o, T::INT64, static_cast<int64_t>(f.ino));
  }));
  t.push_back(fd_types_field());
  t.push_back(fd_field("fd.is_upper_layer", T::BOOL, [](const EventContext&, const FdInfo& f, FieldValues& o, Scratch&) {
    return push_bool(o, f.overlay_upper);
  }));
  t.push_back(fd_field("fd.is_lower_layer", T::BOOL, [](const EventContext&, const FdInfo& f, FieldValues& o, Scratch&) {
    return push_bool(o, f.overlay_lower);
  }));
  t.push_back(fdlist_field("fdlist.nums", fdlist_num));
  t.push_back(fdlist_field("fdlist.names", fdlist_name));
  t.push_back(fdlist_field("fdlist.cips", fdlist_cip));
  t.push_back(fdlist_field("fdlist.sips", fdlist_sip));
  t.push_back(fdlist_field("fdlist.cports", fdlist_cport));
  t.push_back(fdlist_field("fdlist.sports", fdlist_sport));
  t.push_back(fs_path_field("fs.path.name", FsPart::Name, false));
  t.push_back(fs_path_field("fs.path.nameraw", FsPart::Name, true));
  t.push_back(fs_path_field("fs.path.source", FsPart::Source, false));
  t.push_back(fs_path_field("fs.path.sourceraw", FsPart::Source, true));
  t.push_back(fs_path_field("fs.path.target", FsPart::Target, false));
  t.push_back(fs_path_field("fs.path.targetraw", FsPart::Target, true));
  return t;
}

}  // namespace

std::span<const FieldBinding> fd_field_bindings() {
  static const std::vector<FieldBinding> table = make_table();
  return table;
}

}  // namespace eg
