// Param rendering (param_render.h), one function per family of types. The
// number formats reproduce libsinsp's printf choices exactly, including its
// quirks (PT_UINT32 and PT_UINT64 with PF_DEC print as signed numbers, poll
// event bits are sign-extended, flag values always print in decimal).
#include "fields/param_render.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <vector>

#include "fields/param_decoder.h"

namespace eg {
namespace {

// A flags value as libsinsp prints it: the number, and its flag names as the
// resolved text.
void render_flags(FieldType type, uint32_t value, std::span<const FlagName> table, RenderedParam& out) {
  char digits[16];
  out.value.assign(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  out.resolved.clear();
  append_flag_names(out.resolved, type, value, table);
}

// FLAGS / ENUMFLAGS params of the right size, rendered as render_decoded
// does (render_flags) without building a DecodedParam:
// conditions such as `evt.arg.flags contains O_CREAT` render one per open.
// Anything else (empty, mis-sized, MODE, other types) is left to the
// general path.
bool render_plain_flags(const RawEvent& ev, uint32_t i, RenderedParam& out) {
  const EventInfo* info = event_info(ev.type);
  if (info == nullptr || i >= info->params.size() || i >= ev.nparams) return false;
  const ParamInfo& p = info->params[i];
  switch (p.type) {
    case FieldType::FLAGS8: case FieldType::FLAGS16: case FieldType::FLAGS32:
    case FieldType::ENUMFLAGS8: case FieldType::ENUMFLAGS16: case FieldType::ENUMFLAGS32:
      break;
    default:
      return false;
  }
  const IntegerLayout layout = integer_layout(p.type);
  if (layout.size == 0 || ev.param_len[i] != layout.size) return false;
  int64_t signed_value = 0;
  uint64_t value = 0;
  load_integer(ev.record + ev.param_offset[i], layout, signed_value, value);
  render_flags(p.type, static_cast<uint32_t>(value), p.flags, out);
  return true;
}

// libsinsp prints integers of up to 32 bits through a (promoted) int, and
// 64-bit ones as int64: `s` is the value as that signed number.
std::string format_int(int64_t s, bool wide, ParamFormat fmt) {
  uint64_t bits = wide ? static_cast<uint64_t>(s) : static_cast<uint32_t>(s);
  switch (fmt) {
    case ParamFormat::Hex:
      return fmt::format("{:X}", bits);
    case ParamFormat::Oct:
      return bits == 0 ? "0" : fmt::format("0{:o}", bits);
    case ParamFormat::Pad10:
      return fmt::format("{:09}", s);
    default:
      return std::to_string(s);
  }
}

// The value of a decoded integer as libsinsp's printf sees it.
std::string render_integer(const DecodedParam& d) {
  switch (d.type) {
    case FieldType::INT8: case FieldType::INT16: case FieldType::INT32:
    case FieldType::UINT8: case FieldType::UINT16:
      return format_int(d.i64, false, d.format);
    case FieldType::UINT32:
      return format_int(static_cast<int32_t>(d.u64), false, d.format);
    default:  // INT64, UINT64
      return format_int(d.i64, true, d.format);
  }
}

std::string ipv4_text(const IpAddress& a) {
  return fmt::format("{}.{}.{}.{}", a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]);
}

std::string ipv6_text(const IpAddress& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, a.bytes.data(), buf, sizeof buf);
  return buf;
}

// libsinsp treats ::ffff:a.b.c.d and :: as IPv4 inside IPv6 tuples.
bool is_ipv4_mapped(const IpAddress& a) {
  for (int k = 0; k < 10; ++k)
    if (a.bytes[k] != 0) return false;
  bool mapped = a.bytes[10] == 0xff && a.bytes[11] == 0xff;
  bool zero = a.bytes[10] == 0 && a.bytes[11] == 0 && a.bytes[12] == 0 && a.bytes[13] == 0 &&
              a.bytes[14] == 0 && a.bytes[15] == 0;
  return mapped || zero;
}

IpAddress mapped_ipv4(const IpAddress& a) {
  IpAddress v4;
  v4.family = 4;
  for (int k = 0; k < 4; ++k) v4.bytes[k] = a.bytes[12 + k];
  return v4;
}

std::string render_sockaddr(const DecodedParam& d) {
  const SockAddr& a = d.addr;
  switch (a.family) {
    case kAfUnix:
      return std::string(a.path);
    case kAfInet:
      return d.ok() ? fmt::format("{}:{}", ipv4_text(a.ip), a.port) : "INVALID IPv4";
    case kAfInet6:
      return d.ok() ? fmt::format("{}:{}", ipv6_text(a.ip), a.port) : "INVALID IPv6";
    default:
      return fmt::format("family {}", a.family);
  }
}

std::string render_socktuple(const DecodedParam& d) {
  const SockTuple& t = d.tuple;
  switch (t.family) {
    case kAfInet:
      if (!d.ok()) return "INVALID IPv4";
      return fmt::format("{}:{}->{}:{}", ipv4_text(t.sip), t.sport, ipv4_text(t.dip), t.dport);
    case kAfInet6:
      if (!d.ok()) return "INVALID IPv6";
      if (is_ipv4_mapped(t.sip) && is_ipv4_mapped(t.dip))
        return fmt::format("{}:{}->{}:{}", ipv4_text(mapped_ipv4(t.sip)), t.sport,
                           ipv4_text(mapped_ipv4(t.dip)), t.dport);
      return fmt::format("{}:{}->{}:{}", ipv6_text(t.sip), t.sport, ipv6_text(t.dip), t.dport);
    case kAfUnix:
      if (!d.ok()) return "INVALID UNIX";
      return fmt::format("{:x}->{:x} {}", t.src_ptr, t.dst_ptr, t.path);
    default:
      return fmt::format("family {}", t.family);
  }
}

std::string render_bytes(std::span<const uint8_t> b, const RenderOptions& options) {
  std::string out;
  out.reserve(b.size());
  for (uint8_t c : b) out.push_back(std::isprint(c) ? static_cast<char>(c) : '.');
  if (options.max_buffer_len && out.size() > options.max_buffer_len) {
    out.resize(options.max_buffer_len);
    if (out.size() > 3) out.replace(out.size() - 3, 3, "...");
  }
  return out;
}

void render_fd(int64_t fd, const ParamRenderContext& ctx, RenderedParam& out) {
  out.value = std::to_string(fd);
  if (!ctx.has_thread()) return;
  if (fd >= 0) {
    FdDescription desc;
    if (ctx.fd_info(fd, desc)) {
      out.resolved = "<";
      out.resolved.push_back(desc.type_char);
      if (desc.l4_char) out.resolved.push_back(desc.l4_char);
      out.resolved += ">";
      out.resolved += desc.name;
    }
  } else if (fd == kAtFdCwd) {
    out.resolved = "AT_FDCWD";
  } else {
    int32_t e = static_cast<int32_t>(fd);
    if (e < 0) out.resolved = std::string(errno_name(-int64_t{e}));
  }
}

void render_path(const RawEvent& ev, const DecodedParam& d, const ParamRenderContext& ctx,
                 RenderedParam& out) {
  out.value = std::string(d.str);
  if (!ctx.has_thread() || d.str.empty() || d.str.front() == '/') return;
  std::string base = ctx.cwd();
  if (d.type == FieldType::FSRELPATH && d.info && d.info->dirfd_param >= 0) {
    DecodedParam dirfd = decode_param(ev, static_cast<uint32_t>(d.info->dirfd_param));
    if (dirfd.ok() && dirfd.type == FieldType::FD && dirfd.i64 != kAtFdCwd)
      base = ctx.dir_fd_path(dirfd.i64);
  }
  if (base.empty() || base.back() != '/') base.push_back('/');
  out.resolved = concatenate_paths(base, d.str);
}

void render_user_or_group(const DecodedParam& d, const ParamRenderContext& ctx, bool user,
                          RenderedParam& out) {
  uint32_t id = static_cast<uint32_t>(d.u64);
  if (id == UINT32_MAX) {
    out.value = "-1";
    out.resolved = "<NONE>";
    return;
  }
  out.value = std::to_string(static_cast<int32_t>(id));
  std::string_view name;
  bool found = ctx.has_thread() && (user ? ctx.user_name(id, name) : ctx.group_name(id, name));
  out.resolved = found && !name.empty() ? std::string(name) : "<NA>";
}

std::string render_fdlist(std::span<const uint8_t> bytes, const ParamRenderContext& ctx) {
  if (!ctx.has_thread()) return {};
  std::string out;
  for (const FdListEntry& e : decode_fdlist(bytes)) {
    FdDescription desc;
    char tch = ctx.fd_info(e.fd, desc) ? desc.type_char : '?';
    if (!out.empty()) out.push_back(' ');
    uint32_t bits = static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(e.events)));
    out += fmt::format("{}:{}{:x}", static_cast<uint64_t>(e.fd), tch, bits);
  }
  return out;
}

std::string render_abstime(uint64_t ns) {
  time_t sec = static_cast<time_t>(ns / 1000000000ULL);
  struct tm tm {};
  localtime_r(&sec, &tm);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  char zone[16];
  strftime(zone, sizeof zone, "%z", &tm);
  return fmt::format("{}.{:09} {}", buf, ns % 1000000000ULL, zone);
}

std::string render_sigset(uint32_t set) {
  std::string out;
  for (int sig = 0; sig < 32; ++sig) {
    if (!(set & (1u << sig))) continue;
    std::string_view name = signal_name(static_cast<uint64_t>(sig) + 1);
    if (name.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += name;
  }
  return out;
}

std::string join(const std::vector<std::string_view>& items, char sep) {
  std::string out;
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) out.push_back(sep);
    out += items[k];
  }
  return out;
}

bool renders_empty_as_null(FieldType t) {
  switch (t) {
    case FieldType::BYTEBUF: case FieldType::SOCKTUPLE: case FieldType::FDLIST:
    case FieldType::CHARBUFARRAY: case FieldType::CHARBUF_PAIR_ARRAY: case FieldType::DYN:
      return true;
    default:
      return false;
  }
}

void render_decoded(const RawEvent& ev, const DecodedParam& d, const ParamRenderContext& ctx,
                    const RenderOptions& options, RenderedParam& out) {
  if (d.dyn_index_invalid) {
    out.value = "INVALID DYNAMIC PARAMETER";
    return;
  }
  switch (d.type) {
    case FieldType::INT8: case FieldType::INT16: case FieldType::INT32: case FieldType::INT64:
    case FieldType::UINT8: case FieldType::UINT16: case FieldType::UINT32: case FieldType::UINT64:
      out.value = render_integer(d);
      return;
    case FieldType::FD32: case FieldType::PID32:
      out.value = std::to_string(d.i64);
      return;
    case FieldType::FD:
      render_fd(d.i64, ctx, out);
      return;
    case FieldType::PID: {
      out.value = std::to_string(d.i64);
      std::string_view comm;
      if (ctx.thread_comm(d.i64, comm)) out.resolved = std::string(comm);
      return;
    }
    case FieldType::ERRNO: {
      out.value = std::to_string(d.i64);
      int32_t e = static_cast<int32_t>(d.i64);
      if (d.i64 < 0 && e < 0) out.resolved = std::string(errno_name(-int64_t{e}));
      return;
    }
    case FieldType::CHARBUF:
      out.value = std::string(d.str);
      return;
    case FieldType::FSPATH: case FieldType::FSRELPATH:
      render_path(ev, d, ctx, out);
      return;
    case FieldType::BYTEBUF:
      out.value = render_bytes(d.bytes, options);
      return;
    case FieldType::SOCKADDR:
      out.value = render_sockaddr(d);
      return;
    case FieldType::SOCKTUPLE:
      out.value = render_socktuple(d);
      return;
    case FieldType::FDLIST:
      out.value = render_fdlist(d.bytes, ctx);
      return;
    case FieldType::SYSCALLID:
      if (d.u64 >= ppm_sc_count()) {
        out.value = "<unknown syscall>";
        return;
      }
      out.value = std::to_string(d.u64);
      out.resolved = std::string(ppm_sc_name(static_cast<uint16_t>(d.u64)));
      return;
    case FieldType::SIGTYPE:
      out.value = std::to_string(d.u64);
      out.resolved = std::string(signal_name(d.u64));
      return;
    case FieldType::RELTIME: {
      if (d.u64 == UINT64_MAX) {
        out.value = "none";
        return;
      }
      out.value = std::to_string(d.u64);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%lgs", static_cast<double>(d.u64) / 1000000000);
      out.resolved = buf;
      return;
    }
    case FieldType::FLAGS8: case FieldType::FLAGS16: case FieldType::FLAGS32:
    case FieldType::ENUMFLAGS8: case FieldType::ENUMFLAGS16: case FieldType::ENUMFLAGS32:
      render_flags(d.type, static_cast<uint32_t>(d.u64), d.info ? d.info->flags : std::span<const FlagName>{}, out);
      return;
    case FieldType::MODE:
      out.value = format_int(static_cast<int32_t>(d.u64), false, d.format);
      if (d.info) out.resolved = render_flag_names(d.type, static_cast<uint32_t>(d.u64), d.info->flags);
      return;
    case FieldType::ABSTIME:
      out.value = render_abstime(d.u64);
      return;
    case FieldType::UID: case FieldType::GID:
      render_user_or_group(d, ctx, d.type == FieldType::UID, out);
      return;
    case FieldType::CHARBUFARRAY:
      out.value = join(decode_string_list(d.bytes), '.');
      return;
    case FieldType::CHARBUF_PAIR_ARRAY: {
      std::string pairs;
      for (auto& [k, v] : decode_string_pairs(d.bytes)) {
        if (!pairs.empty()) pairs.push_back(',');
        pairs += k;
        pairs.push_back(':');
        pairs += v;
      }
      out.value = pairs;
      return;
    }
    case FieldType::SIGSET:
      out.value = render_sigset(static_cast<uint32_t>(d.u64));
      return;
    default:  // types libsinsp has no rendering for
      out.value = "(n.a.)";
      return;
  }
}

}  // namespace

std::string render_flag_names(FieldType type, uint32_t value, std::span<const FlagName> table) {
  std::string out;
  append_flag_names(out, type, value, table);
  return out;
}

void append_flag_names(std::string& out, FieldType type, uint32_t value, std::span<const FlagName> table) {
  const size_t start = out.size();
  auto append = [&](std::string_view name) {
    if (out.size() > start) out.push_back('|');
    out += name;
  };
  if (type == FieldType::MODE) {
    uint32_t rest = value;
    size_t k = 0;
    for (; k < table.size() && table[k].value != value; ++k) {
      const FlagName& f = table[k];
      if ((f.value == 0 && value == 0) || (f.value != 0 && (rest & f.value) == f.value && rest)) {
        append(f.name);
        rest &= ~f.value;
      }
    }
    if (k < table.size()) append(table[k].name);
    return;
  }
  const bool exact = type == FieldType::ENUMFLAGS8 || type == FieldType::ENUMFLAGS16 ||
                     type == FieldType::ENUMFLAGS32;
  uint32_t rest = value;
  for (const FlagName& f : table) {
    if (exact) {
      if (f.value == value) append(f.name);
      continue;
    }
    if ((f.value == 0 && value == 0) || (f.value != 0 && (rest & f.value) == f.value && rest)) {
      rest &= ~f.value;
      append(f.name);
      if (f.value == value) break;
    }
  }
}

void render_param(const RawEvent& ev, uint32_t i, const ParamRenderContext& ctx,
                  RenderedParam& out, const RenderOptions& options) {
  out.value.clear();
  out.resolved.clear();
  if (render_plain_flags(ev, i, out)) return;
  DecodedParam d = decode_param(ev, i);
  if (d.status == DecodeStatus::Empty) {
    FieldType declared = d.info ? d.info->type : d.type;
    out.value = renders_empty_as_null(declared) ? "NULL" : "<NA>";
    return;
  }
  if (d.status == DecodeStatus::Malformed && d.type != FieldType::SOCKADDR &&
      d.type != FieldType::SOCKTUPLE) {
    out.value = "<NA>";
    return;
  }
  render_decoded(ev, d, ctx, options, out);
}

std::string render_args(const RawEvent& ev, const ParamRenderContext& ctx,
                        const RenderOptions& options) {
  const EventInfo* info = event_info(ev.type);
  if (!info || ev.type == kGenericEnterCode || ev.type == kGenericExitCode) return {};
  std::string out;
  RenderedParam p;
  uint32_t n = std::min<uint32_t>(ev.nparams, static_cast<uint32_t>(info->params.size()));
  for (uint32_t i = 0; i < n; ++i) {
    render_param(ev, i, ctx, p, options);
    if (i) out.push_back(' ');
    out += info->params[i].name;
    out.push_back('=');
    out += p.value;
    if (!p.resolved.empty()) {
      out.push_back('(');
      out += p.resolved;
      out.push_back(')');
    }
  }
  return out;
}

}  // namespace eg
