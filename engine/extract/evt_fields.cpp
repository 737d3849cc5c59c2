// evt.* and syscall.type: fields computed from the event record itself (its
// header, its schema entry and its params), with the event's fd consulted for
// the I/O categories. One table entry per field; behaviour follows libsinsp's
// event filtercheck, including its quirks (evt.count.exit is null on enter-
// coded events, evt.failed is null without a return value).
#include <ctime>

#include "engine/extract/context_view.h"
#include "engine/extract/evt_args.h"
#include "engine/extract/evt_time.h"
#include "engine/extract/extractor_kit.h"
#include "engine/extract/param_read.h"

namespace eg {
namespace {

using T = FieldType;

constexpr uint32_t kEcIoBase = 32, kEcIoRead = 32, kEcIoWrite = 33, kEcIoOther = 34;
constexpr uint32_t kEcMemory = 5, kEcInternal = 256, kEcSyscallBit = 512, kEcMetaeventBit = 4096;
constexpr uint32_t kPpmORdonly = 1, kPpmOWronly = 2, kPpmOCreat = 4, kPpmOTmpfile = 8192,
                   kPpmOFCreated = 16384;
constexpr uint32_t kExecMask = 0111;

uint32_t base_category(const EventInfo* info) {
  if (info == nullptr) return 0;
  return info->category & ~(kEcSyscallBit | 1024u | 2048u | kEcMetaeventBit | 8192u);
}

bool is_file_kind(FdKind k) { return k == FdKind::File || k == FdKind::Directory; }
bool is_net_kind(FdKind k) {
  return k == FdKind::Ipv4Socket || k == FdKind::Ipv6Socket || k == FdKind::Ipv4ServerSocket ||
         k == FdKind::Ipv6ServerSocket || k == FdKind::UnixSocket;
}
bool is_ip_kind(FdKind k) {
  return k == FdKind::Ipv4Socket || k == FdKind::Ipv6Socket || k == FdKind::Ipv4ServerSocket ||
         k == FdKind::Ipv6ServerSocket;
}

std::string_view category_name(const EventContext& ctx) {
  uint32_t cat = base_category(ctx_event_info(ctx));
  switch (cat) {
    case 0: return "unknown";
    case 1: return "other";
    case 2: return "file";
    case 3: return "net";
    case 4: return "IPC";
    case 5: return "memory";
    case 6: return "process";
    case 7: return "sleep";
    case 8: return "system";
    case 9: return "signal";
    case 10: return "user";
    case 11: return "time";
    case 12: return "processing";
    case kEcIoRead: case kEcIoWrite: case kEcIoOther: {
      auto kind = ctx_fd_kind(ctx);
      if (!kind) return "unknown";
      if (*kind == FdKind::File || *kind == FdKind::Directory) return "file";
      if (is_ip_kind(*kind)) return "net";
      if (*kind == FdKind::UnixSocket || *kind == FdKind::Fifo) return "ipc";
      return "unknown";
    }
    case 64: return "wait";
    case 128: return "scheduler";
    case kEcInternal: return "internal";
    default: return "unknown";
  }
}

bool is_syscall_event(const EventInfo* info) { return info && (info->category & kEcSyscallBit); }
bool is_exit_code(uint16_t code) { return (code & 1u) != 0; }

// Name of the event as evt.type prints it (generic events by their syscall).
std::string_view event_type_name(const EventContext& ctx) {
  const RawEvent& ev = ctx_event(ctx);
  const EventInfo* info = ctx_event_info(ctx);
  if (info == nullptr) return "unknown";
  if (ev.type == kGenericEnterCode || ev.type == kGenericExitCode) {
    auto sc = read_param_unsigned(ev, 0, T::UINT16);
    return sc ? ppm_sc_name(static_cast<uint16_t>(*sc)) : std::string_view("unknown");
  }
  if (ev.type == kAsyncEventCode) {
    if (auto name = read_param_string(ev, info, "name")) return *name;
  }
  return info->name;
}

// libsinsp's error counter: 1/0 by the sign of the return value, none without one.
bool push_error_count(const EventContext& ctx, FieldValues& out) {
  auto res = ctx_return_value(ctx);
  if (!res) return false;
  return push_unsigned(out, T::UINT32, *res < 0 ? 1 : 0);
}

bool is_open_code(uint16_t code, std::string_view id) {
  (void)code;
  return id == "PPME_SYSCALL_OPEN_X" || id == "PPME_SYSCALL_OPENAT_2_X" || id == "PPME_SYSCALL_OPENAT2_X" ||
         id == "PPME_SYSCALL_OPEN_BY_HANDLE_AT_X";
}

bool is_file_open_id(std::string_view id) {
  return is_open_code(0, id) || id == "PPME_SYSCALL_CREAT_X";
}

bool is_net_error_id(std::string_view id) {
  return id == "PPME_SOCKET_ACCEPT_5_X" || id == "PPME_SOCKET_ACCEPT4_6_X" || id == "PPME_SOCKET_CONNECT_X";
}

enum class OpenCheck { Read, Write, Exec, Create };

// What evt.is_open_* needs to know about an event code, worked out once from
// the event ids: conditions ask these on every open exit.
struct OpenEventKind {
  bool open = false;         // an open exit (is_open_code)
  bool new_version = false;  // openat/openat2 exits: flags at 3, mode at 4
  bool by_handle = false;    // open_by_handle_at: never "exec"
  bool creat = false;        // creat exit: mode at 2
};

const OpenEventKind& open_event_kind(uint16_t code) {
  static const std::vector<OpenEventKind> table = [] {
    std::vector<OpenEventKind> t;
    for (const EventInfo& e : all_events()) {
      OpenEventKind k;
      k.open = is_open_code(e.code, e.id);
      k.new_version = e.id == "PPME_SYSCALL_OPENAT_2_X" || e.id == "PPME_SYSCALL_OPENAT2_X";
      k.by_handle = e.id == "PPME_SYSCALL_OPEN_BY_HANDLE_AT_X";
      k.creat = e.id == "PPME_SYSCALL_CREAT_X";
      if (e.code >= t.size()) t.resize(e.code + 1u);
      t[e.code] = k;
    }
    return t;
  }();
  static const OpenEventKind none;
  return code < table.size() ? table[code] : none;
}

bool open_check(const EventContext& ctx, OpenCheck which) {
  const RawEvent& ev = ctx_event(ctx);
  if (ctx_event_info(ctx) == nullptr) return false;
  const OpenEventKind& kind = open_event_kind(ev.type);
  if (kind.open) {
    uint32_t flags = static_cast<uint32_t>(read_param_unsigned(ev, kind.new_version ? 3 : 2, T::UINT32).value_or(0));
    switch (which) {
      case OpenCheck::Read: return (flags & kPpmORdonly) != 0;
      case OpenCheck::Write: return (flags & kPpmOWronly) != 0;
      case OpenCheck::Create: {
        if (flags & kPpmOFCreated) return true;
        auto res = ctx_return_value(ctx);
        return (flags & kPpmOTmpfile) && res && *res >= 0;
      }
      case OpenCheck::Exec: {
        if (!(flags & (kPpmOTmpfile | kPpmOCreat)) || kind.by_handle) return false;
        auto mode = read_param_unsigned(ev, kind.new_version ? 4 : 3, T::UINT32);
        return mode && (*mode & kExecMask);
      }
    }
  }
  if (which == OpenCheck::Exec && kind.creat) {
    auto mode = read_param_unsigned(ev, 2, T::UINT32);
    return mode && (*mode & kExecMask);
  }
  return false;
}

// evt.is_open_*: plain number functions (number_field), tested on every open exit.
template <OpenCheck Which>
bool open_flag(const EventContext& ctx, uint64_t& out) {
  out = open_check(ctx, Which) ? 1 : 0;
  return true;
}

bool io_buflen(const EventContext& ctx, FieldValues& out) {
  if (!ctx_fd_kind(ctx) || !(base_category(ctx_event_info(ctx)) & kEcIoBase)) return false;
  if (!is_exit_code(ctx_event(ctx).type)) return false;
  auto res = ctx_return_value(ctx);
  if (!res || *res < 0) return false;
  return push_unsigned(out, T::UINT64, static_cast<uint64_t>(*res));
}

bool flag_bool(const EventContext& ctx, FieldValues& out, uint32_t mask) {
  const EventInfo* info = ctx_event_info(ctx);
  return push_bool(out, info && (info->flags & mask));
}

// evt.num, evt.res, evt.rawres and evt.failed as plain functions (text_field,
// number_field), which conditions call directly on every exit event.
bool result_text(const EventContext& c, Scratch& sc, std::string_view& out) {
  auto res = ctx_return_value(c);
  if (!res) return false;
  if (*res >= 0) {
    out = "SUCCESS";
    return true;
  }
  std::string plain, resolved;
  ctx_param_text(c, 0, plain, resolved);
  if (resolved.empty()) resolved = std::string(errno_name(-*res));
  sc.text = resolved.empty() ? plain : resolved;
  out = sc.text;
  return true;
}
// evt.num: tested by the upstream `never_true` macro (evt.num=0) on every alert.
bool event_num(const EventContext& c, uint64_t& out) {
  out = ctx_event_num(c);
  return true;
}
bool raw_result(const EventContext& c, uint64_t& out) {
  auto res = ctx_return_value(c);
  if (!res) return false;
  out = static_cast<uint64_t>(*res);
  return true;
}
bool failed(const EventContext& c, uint64_t& out) {
  auto res = ctx_return_value(c);
  if (!res) return false;
  out = *res < 0 ? 1 : 0;
  return true;
}

constexpr uint64_t kNs = 1000000000ull;

std::vector<FieldBinding> make_table() {
  std::vector<FieldBinding> t;
  // --- times ---
  auto text_time = [](std::string_view name, TimeStyle style) {
    return field(name, T::CHARBUF, [style](const EventContext& ctx, FieldValues& out, Scratch& sc) {
      uint64_t ts = ctx_event(ctx).ts;
      sc.text.clear();
      append_event_time(sc.text, ts, style);  // reuses the buffer
      FieldValue v = FieldValue::string(T::CHARBUF, sc.text);
      v.u64 = ts;
      out.push_back(v);
      return true;
    });
  };
  t.push_back(text_time("evt.time", TimeStyle::LocalClockNs));
  t.push_back(text_time("evt.time.s", TimeStyle::LocalClock));
  t.push_back(text_time("evt.time.iso8601", TimeStyle::Iso8601Utc));
  t.push_back(text_time("evt.datetime", TimeStyle::LocalDateTimeNs));
  t.push_back(text_time("evt.datetime.s", TimeStyle::LocalDateTime));
  t.push_back(text_time("evt.outputtime", TimeStyle::LocalClockNs));
  t.push_back(field("evt.rawtime", T::ABSTIME, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::ABSTIME, ctx_event(c).ts);
  }));
  t.push_back(field("evt.rawtime.s", T::ABSTIME, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::ABSTIME, ctx_event(c).ts / kNs);
  }));
  t.push_back(field("evt.rawtime.ns", T::ABSTIME, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::ABSTIME, ctx_event(c).ts % kNs);
  }));
  auto rel = [](const EventContext& c) { return ctx_event(c).ts - ctx_first_event_ts(c); };
  t.push_back(field("evt.reltime", T::RELTIME, [rel](const EventContext& c, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::RELTIME, rel(c));
  }));
  t.push_back(field("evt.reltime.s", T::RELTIME, [rel](const EventContext& c, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::RELTIME, rel(c) / kNs);
  }));
  t.push_back(field("evt.reltime.ns", T::RELTIME, [rel](const EventContext& c, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::RELTIME, rel(c) % kNs);
  }));
  auto delta = [](std::string_view name, uint64_t div, bool mod) {
    return field(name, T::RELTIME, [div, mod](const EventContext& c, FieldValues& o, Scratch& sc) {
      uint64_t ts = ctx_event(c).ts;
      uint64_t d = sc.seen ? ts - sc.last_ts : 0;
      sc.seen = true;
      sc.last_ts = ts;
      return push_unsigned(o, T::RELTIME, mod ? d % div : d / div);
    });
  };
  t.push_back(delta("evt.deltatime", 1, false));
  t.push_back(delta("evt.deltatime.s", kNs, false));
  t.push_back(delta("evt.deltatime.ns", kNs, true));
  for (auto name : {"evt.latency", "evt.latency.s", "evt.latency.ns", "evt.wait_latency"}) {
    t.push_back(field(name, T::RELTIME, [](const EventContext&, FieldValues& o, Scratch&) {
      return push_unsigned(o, T::RELTIME, 0);
    }));
  }
  t.push_back(field("evt.latency.quantized", T::UINT64, [](const EventContext&, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::UINT64, 0);
  }));
  t.push_back(field("evt.latency.human", T::CHARBUF, [](const EventContext&, FieldValues& o, Scratch&) {
    return push_string(o, "0ns");
  }));
  t.push_back(field("evt.dir", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_string(o, is_exit_code(ctx_event(c).type) ? "<" : ">");
  }));
  // --- identity ---
  t.push_back(number_field("evt.num", T::UINT64, event_num));
  t.push_back(field("evt.type", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_string(o, event_type_name(c));
  }));
  t.push_back(field("syscall.type", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    if (!is_syscall_event(ctx_event_info(c))) return false;
    return push_string(o, event_type_name(c));
  }));
  t.push_back(field("evt.category", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_string(o, category_name(c));
  }));
  t.push_back(field("evt.cpu", T::INT16, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_signed(o, T::INT16, ctx_event(c).cpu);
  }));
  t.push_back(field("evt.source", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_string(o, ctx_event_source(c));
  }));
  t.push_back(field("evt.pluginname", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    std::string_view plugin = ctx_plugin_name(c);
    return !plugin.empty() && push_string(o, plugin);
  }));
  t.push_back(field_none("evt.plugininfo", T::CHARBUF));
  t.push_back(field("evt.is_async", T::BOOL, [](const EventContext& c, FieldValues& o, Scratch&) {
    const EventInfo* info = ctx_event_info(c);
    return push_bool(o, info && (info->category & kEcMetaeventBit));
  }));
  t.push_back(field("evt.asynctype", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    const EventInfo* info = ctx_event_info(c);
    if (!info || !(info->category & kEcMetaeventBit)) return false;
    return push_string(o, event_type_name(c));
  }));
  // --- params ---
  t.push_back(field("evt.args", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch& sc) {
    return push_owned(o, sc, render_event_args(c));
  }));
  t.push_back(field("evt.info", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch& sc) {
    return push_owned(o, sc, render_event_args(c));
  }));
  t.push_back(evt_arg_binding());
  t.push_back(evt_rawarg_binding());
  t.push_back(field("evt.buffer", T::BYTEBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    const RawEvent& ev = ctx_event(c);
    int idx = param_index_of(ctx_event_info(c), "data");
    if (idx < 0 || !ev.has_param(static_cast<uint32_t>(idx))) return false;
    auto bytes = ev.param(static_cast<uint32_t>(idx));
    return push_string(o, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), T::BYTEBUF);
  }));
  t.push_back(field("evt.buflen", T::UINT64, [](const EventContext& c, FieldValues& o, Scratch&) {
    return io_buflen(c, o);
  }));
  // --- result ---
  t.push_back(text_field("evt.res", T::CHARBUF, result_text));
  t.push_back(number_field("evt.rawres", T::INT64, raw_result));
  t.push_back(number_field("evt.failed", T::BOOL, failed));
  // --- classification ---
  t.push_back(field("evt.is_io", T::BOOL, [](const EventContext& c, FieldValues& o, Scratch&) {
    return flag_bool(c, o, kEfReadsFromFd | kEfWritesToFd);
  }));
  t.push_back(field("evt.is_io_read", T::BOOL, [](const EventContext& c, FieldValues& o, Scratch&) {
    return flag_bool(c, o, kEfReadsFromFd);
  }));
  t.push_back(field("evt.is_io_write", T::BOOL, [](const EventContext& c, FieldValues& o, Scratch&) {
    return flag_bool(c, o, kEfWritesToFd);
  }));
  t.push_back(field("evt.io_dir", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    const EventInfo* info = ctx_event_info(c);
    if (info && info->has(kEfWritesToFd)) return push_string(o, "write");
    if (info && info->has(kEfReadsFromFd)) return push_string(o, "read");
    return false;
  }));
  t.push_back(field("evt.is_wait", T::BOOL, [](const EventContext& c, FieldValues& o, Scratch&) {
    return flag_bool(c, o, kEfWaits);
  }));
  t.push_back(field("evt.is_syslog", T::BOOL, [](const EventContext& c, FieldValues& o, Scratch&) {
    const EventInfo* info = ctx_event_info(c);
    bool syslog = info && info->has(kEfWritesToFd) && ctx_fd_kind(c) && ctx_fd_name(c).starts_with("/dev/log");
    return push_bool(o, syslog);
  }));
  t.push_back(field("evt.count", T::UINT32, [](const EventContext&, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::UINT32, 1);
  }));
  t.push_back(field("evt.count.error", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_error_count(c, o);
  }));
  t.push_back(field("evt.count.error.file", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    auto kind = ctx_fd_kind(c);
    const EventInfo* info = ctx_event_info(c);
    if (kind ? is_file_kind(*kind) : (info && is_file_open_id(info->id))) return push_error_count(c, o);
    return false;
  }));
  t.push_back(field("evt.count.error.net", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    auto kind = ctx_fd_kind(c);
    const EventInfo* info = ctx_event_info(c);
    if (kind ? is_net_kind(*kind) : (info && is_net_error_id(info->id))) return push_error_count(c, o);
    return false;
  }));
  t.push_back(field("evt.count.error.memory", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    if (base_category(ctx_event_info(c)) == kEcMemory) return push_error_count(c, o);
    return false;
  }));
  t.push_back(field("evt.count.error.other", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    auto kind = ctx_fd_kind(c);
    const EventInfo* info = ctx_event_info(c);
    bool other = kind ? !(is_file_kind(*kind) || is_net_kind(*kind))
                      : !(info && (is_file_open_id(info->id) || is_net_error_id(info->id) ||
                                   base_category(info) == kEcMemory));
    if (other) return push_error_count(c, o);
    return false;
  }));
  t.push_back(field("evt.count.exit", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    return is_exit_code(ctx_event(c).type) && push_unsigned(o, T::UINT32, 1);
  }));
  t.push_back(evt_abspath_binding("evt.abspath"));
  t.push_back(evt_abspath_binding("evt.abspath.src"));
  t.push_back(evt_abspath_binding("evt.abspath.dst"));
  t.push_back(number_field("evt.is_open_read", T::BOOL, open_flag<OpenCheck::Read>));
  t.push_back(number_field("evt.is_open_write", T::BOOL, open_flag<OpenCheck::Write>));
  t.push_back(number_field("evt.is_open_exec", T::BOOL, open_flag<OpenCheck::Exec>));
  t.push_back(number_field("evt.is_open_create", T::BOOL, open_flag<OpenCheck::Create>));
  t.push_back(evt_type_is_binding());
  // evt.buflen.*: the I/O size restricted by direction and fd kind.
  struct BuflenVariant {
    std::string_view name;
    uint32_t category;  // 0: any I/O category
    int kind;           // 0 any, 1 file, 2 network
  };
  for (const BuflenVariant& v : {BuflenVariant{"evt.buflen.in", kEcIoRead, 0}, BuflenVariant{"evt.buflen.out", kEcIoWrite, 0},
                                 BuflenVariant{"evt.buflen.file", 0, 1}, BuflenVariant{"evt.buflen.file.in", kEcIoRead, 1},
                                 BuflenVariant{"evt.buflen.file.out", kEcIoWrite, 1}, BuflenVariant{"evt.buflen.net", 0, 2},
                                 BuflenVariant{"evt.buflen.net.in", kEcIoRead, 2}, BuflenVariant{"evt.buflen.net.out", kEcIoWrite, 2}}) {
    t.push_back(field(v.name, T::UINT64, [v](const EventContext& c, FieldValues& o, Scratch&) {
      auto kind = ctx_fd_kind(c);
      if (!kind) return false;
      uint32_t cat = base_category(ctx_event_info(c));
      if (v.category != 0 ? cat != v.category : !(cat & kEcIoBase)) return false;
      if (v.kind == 1 && *kind != FdKind::File) return false;
      if (v.kind == 2 && !is_ip_kind(*kind)) return false;
      return io_buflen(c, o);
    }));
  }
  t.push_back(field("evt.count.procinfo", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    const EventInfo* info = ctx_event_info(c);
    bool procinfo = info && info->name == "procinfo" && ctx_thread_is_main(c);
    return push_unsigned(o, T::UINT32, procinfo ? 1 : 0);
  }));
  t.push_back(field("evt.count.threadinfo", T::UINT32, [](const EventContext& c, FieldValues& o, Scratch&) {
    const EventInfo* info = ctx_event_info(c);
    return push_unsigned(o, T::UINT32, info && info->name == "procinfo" ? 1 : 0);
  }));
  t.push_back(field("evt.hostname", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch& sc) {
    return push_owned(o, sc, ctx_hostname(c));
  }));
  // evt.around[T] = D (within D ms of time T) needs the compiler's help; as a
  // value it is the event time.
  t.push_back(field("evt.around", T::UINT64, [](const EventContext& c, FieldValues& o, Scratch&) {
    return push_unsigned(o, T::UINT64, ctx_event(c).ts);
  }));
  // Docker infrastructure events are not produced by any source.
  for (auto name : {"evt.infra.docker.name", "evt.infra.docker.container.id", "evt.infra.docker.container.name",
                    "evt.infra.docker.container.image"}) {
    t.push_back(field_none(name, T::CHARBUF));
  }
  return t;
}

}  // namespace

std::span<const FieldBinding> evt_field_bindings() {
  static const std::vector<FieldBinding> table = make_table();
  return table;
}

}  // namespace eg
