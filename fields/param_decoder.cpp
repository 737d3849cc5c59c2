// Param decoding (param_decoder.h). Fixed-size types must have exactly their
// size; variable types are checked against their layouts (spec 4.2-4.5).
#include "fields/param_decoder.h"

#include <cstring>

namespace eg {
namespace {

template <typename T>
T load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::string_view text_of(std::span<const uint8_t> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// A NUL-terminated string param: text up to the first NUL.
std::string_view c_string(std::span<const uint8_t> b) {
  std::string_view s = text_of(b);
  size_t nul = s.find('\0');
  return nul == std::string_view::npos ? s : s.substr(0, nul);
}

bool is_signed_wire(FieldType t) {
  switch (t) {
    case FieldType::INT8: case FieldType::INT16: case FieldType::INT32: case FieldType::INT64:
    case FieldType::ERRNO: case FieldType::FD: case FieldType::PID:
    case FieldType::FD32: case FieldType::PID32:
      return true;
    default:
      return false;
  }
}

IpAddress ip_from(const uint8_t* p, int family) {
  IpAddress a;
  a.family = static_cast<uint8_t>(family);
  std::memcpy(a.bytes.data(), p, family == 4 ? 4 : 16);
  return a;
}

bool decode_sockaddr(DecodedParam& d) {
  auto b = d.bytes;
  SockAddr& a = d.addr;
  a.family = b[0];
  if (a.family == kAfInet) {
    if (b.size() != 7) return false;
    a.ip = ip_from(b.data() + 1, 4);
    a.port = load<uint16_t>(b.data() + 5);
  } else if (a.family == kAfInet6) {
    if (b.size() != 19) return false;
    a.ip = ip_from(b.data() + 1, 6);
    a.port = load<uint16_t>(b.data() + 17);
  } else if (a.family == kAfUnix) {
    a.path = c_string(b.subspan(1));
  }
  return true;
}

bool decode_socktuple(DecodedParam& d) {
  auto b = d.bytes;
  SockTuple& t = d.tuple;
  t.family = b[0];
  if (t.family == kAfInet) {
    if (b.size() != 13) return false;
    t.sip = ip_from(b.data() + 1, 4);
    t.sport = load<uint16_t>(b.data() + 5);
    t.dip = ip_from(b.data() + 7, 4);
    t.dport = load<uint16_t>(b.data() + 11);
  } else if (t.family == kAfInet6) {
    if (b.size() != 37) return false;
    t.sip = ip_from(b.data() + 1, 6);
    t.sport = load<uint16_t>(b.data() + 17);
    t.dip = ip_from(b.data() + 19, 6);
    t.dport = load<uint16_t>(b.data() + 35);
  } else if (t.family == kAfUnix) {
    if (b.size() < 17) return false;
    t.src_ptr = load<uint64_t>(b.data() + 1);
    t.dst_ptr = load<uint64_t>(b.data() + 9);
    t.path = c_string(b.subspan(17));
  }
  return true;
}

bool decode_typed(DecodedParam& d) {
  const int size = param_type_size(d.type);
  if (size > 0) {
    if (d.bytes.size() != static_cast<size_t>(size)) return false;
    if (d.type == FieldType::DOUBLE) {
      d.dbl = load<double>(d.bytes.data());
    } else if (d.type == FieldType::IPV4ADDR) {
      d.ip = ip_from(d.bytes.data(), 4);
      d.u64 = load<uint32_t>(d.bytes.data());
    } else if (d.type == FieldType::IPV6ADDR) {
      d.ip = ip_from(d.bytes.data(), 6);
    } else {
      load_integer(d.bytes.data(), integer_layout(d.type), d.i64, d.u64);
    }
    return true;
  }
  switch (d.type) {
    case FieldType::CHARBUF: case FieldType::FSPATH: case FieldType::FSRELPATH:
      d.str = c_string(d.bytes);
      return true;
    case FieldType::SOCKADDR:
      return decode_sockaddr(d);
    case FieldType::SOCKTUPLE:
      return decode_socktuple(d);
    case FieldType::FDLIST:
      return d.bytes.size() >= 2 && d.bytes.size() == 2u + 10u * load<uint16_t>(d.bytes.data());
    default:  // BYTEBUF, CHARBUFARRAY, CHARBUF_PAIR_ARRAY, unresolved DYN: raw bytes
      d.str = text_of(d.bytes);
      return true;
  }
}

bool is_string_type(FieldType t) {
  return t == FieldType::CHARBUF || t == FieldType::FSPATH || t == FieldType::FSRELPATH;
}

}  // namespace

DecodedParam decode_value(FieldType type, std::span<const uint8_t> bytes) {
  ParamInfo info{"", type, ParamFormat::Dec, {}, "", -1};
  DecodedParam d = decode_param_bytes(info, bytes);
  d.info = nullptr;
  return d;
}

DecodedParam decode_param_bytes(const ParamInfo& info, std::span<const uint8_t> bytes) {
  DecodedParam d;
  d.info = &info;
  d.type = info.type;
  d.format = info.format;
  d.bytes = bytes;
  if (bytes.empty()) return d;  // Empty
  if (is_string_type(d.type) && text_of(bytes) == std::string_view("(NULL)\0", 7)) return d;
  if (d.type == FieldType::DYN) {
    auto table = dyn_param_table(info.info);
    uint8_t idx = bytes[0];
    if (idx < table.size()) {
      d.type = table[idx].type;
      d.bytes = bytes.subspan(1);
    } else {
      d.dyn_index_invalid = true;
    }
  }
  d.status = decode_typed(d) ? DecodeStatus::Ok : DecodeStatus::Malformed;
  return d;
}

namespace {

// Per wire type, worked out once from param_type_size and is_signed_wire, so
// that the parsers' integer reads cost a table load instead of two switches.
struct IntegerLayoutTable {
  IntegerLayout layout[256] = {};
  IntegerLayoutTable() {
    for (int t = 0; t < 256; ++t) {
      auto type = static_cast<FieldType>(t);
      int n = param_type_size(type);
      bool plain = n > 0 && type != FieldType::DOUBLE && type != FieldType::IPV4ADDR &&
                   type != FieldType::IPV6ADDR && type != FieldType::DYN;
      if (plain) layout[t] = {static_cast<uint8_t>(n), is_signed_wire(type)};
    }
  }
};

}  // namespace

IntegerLayout integer_layout(FieldType t) {
  static const IntegerLayoutTable table;
  return table.layout[static_cast<uint8_t>(t)];
}

bool read_plain_string(const ParamInfo& info, std::span<const uint8_t> bytes, DecodeStatus& status,
                       std::string_view& str) {
  if (!is_string_type(info.type)) return false;
  if (bytes.empty() || text_of(bytes) == std::string_view("(NULL)\0", 7)) {
    status = DecodeStatus::Empty;
  } else {
    str = c_string(bytes);
    status = DecodeStatus::Ok;
  }
  return true;
}

DecodedParam decode_param(const RawEvent& ev, uint32_t i) {
  const EventInfo* info = event_info(ev.type);
  if (!info || i >= info->params.size()) {
    DecodedParam d;
    d.bytes = ev.param(i);
    d.type = FieldType::BYTEBUF;
    d.status = d.bytes.empty() ? DecodeStatus::Empty : DecodeStatus::Ok;
    d.str = text_of(d.bytes);
    return d;
  }
  return decode_param_bytes(info->params[i], ev.param(i));
}

std::vector<FdListEntry> decode_fdlist(std::span<const uint8_t> bytes) {
  std::vector<FdListEntry> out;
  if (bytes.size() < 2) return out;
  uint16_t n = load<uint16_t>(bytes.data());
  if (bytes.size() != 2u + 10u * n) return out;
  for (uint16_t k = 0; k < n; ++k) {
    const uint8_t* p = bytes.data() + 2 + 10 * k;
    out.push_back({load<int64_t>(p), load<uint16_t>(p + 8)});
  }
  return out;
}

std::vector<std::string_view> decode_string_list(std::span<const uint8_t> bytes) {
  std::vector<std::string_view> out;
  std::string_view s = text_of(bytes);
  while (!s.empty()) {
    size_t nul = s.find('\0');
    out.push_back(s.substr(0, nul));
    if (nul == std::string_view::npos) break;
    s.remove_prefix(nul + 1);
  }
  return out;
}

std::vector<std::pair<std::string_view, std::string_view>> decode_string_pairs(
    std::span<const uint8_t> bytes) {
  auto items = decode_string_list(bytes);
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (size_t k = 0; k + 1 < items.size(); k += 2) out.emplace_back(items[k], items[k + 1]);
  return out;
}

int find_param(const RawEvent& ev, std::string_view name) {
  const EventInfo* info = event_info(ev.type);
  if (!info) return -1;
  int idx = param_index(*info, name);
  return idx >= 0 && static_cast<uint32_t>(idx) < ev.nparams ? idx : -1;
}

std::string_view event_type_name(const RawEvent& ev) {
  const EventInfo* info = event_info(ev.type);
  if (!info) return "unknown";
  if (ev.type != kGenericEnterCode && ev.type != kGenericExitCode) return info->name;
  DecodedParam id = decode_param(ev, 0);
  uint16_t sc = id.ok() ? static_cast<uint16_t>(id.u64) : 0;
  if (sc == 0) {
    DecodedParam native = decode_param(ev, 1);
    if (native.ok())
      if (const SyscallInfo* s = syscall_by_nr(static_cast<uint32_t>(native.u64))) return s->name;
    return ppm_sc_name(0);
  }
  std::string_view name = ppm_sc_name(sc);
  return name.empty() ? ppm_sc_name(0) : name;
}

}  // namespace eg
