// Typed decoding of event parameters (scap format spec section 4). A param is
// decoded from its bytes and its schema entry (type, format, tables); PT_DYN
// params are resolved through their dynamic table first. Decoding never reads
// outside the param's bytes: a value whose size does not fit its type comes
// back as Malformed, and an empty param (length 0, or the legacy "(NULL)"
// string) as Empty.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "fields/event_schema.h"
#include "fields/field_value.h"
#include "fields/raw_event.h"

namespace eg {

// PPM_AF_* socket families.
inline constexpr uint8_t kAfUnix = 1, kAfInet = 2, kAfInet6 = 10;
inline constexpr int64_t kAtFdCwd = -100;  // PPM_AT_FDCWD

enum class DecodeStatus : uint8_t { Ok, Empty, Malformed };

struct SockAddr {           // PT_SOCKADDR
  uint8_t family = 0;
  IpAddress ip;             // INET / INET6
  uint16_t port = 0;
  std::string_view path;    // UNIX (without NUL)
};

struct SockTuple {          // PT_SOCKTUPLE
  uint8_t family = 0;
  IpAddress sip, dip;       // INET / INET6: source and destination
  uint16_t sport = 0, dport = 0;
  uint64_t src_ptr = 0, dst_ptr = 0;  // UNIX: kernel socket pointers
  std::string_view path;    // UNIX (without NUL)
};

struct FdListEntry {        // one entry of a PT_FDLIST
  int64_t fd = 0;
  uint16_t events = 0;      // PPM_POLL* bits
};

struct DecodedParam {
  DecodeStatus status = DecodeStatus::Empty;
  FieldType type = FieldType::NONE;   // after PT_DYN resolution
  ParamFormat format = ParamFormat::Na;  // the outer param's format
  const ParamInfo* info = nullptr;    // schema entry (nullptr beyond the table)
  std::span<const uint8_t> bytes;     // the value bytes (after a PT_DYN index byte)
  bool dyn_index_invalid = false;     // PT_DYN whose index is beyond its table
  // Numbers: every integer type, sign-extended into i64 / zero-extended into u64.
  int64_t i64 = 0;
  uint64_t u64 = 0;
  double dbl = 0;
  std::string_view str;     // CHARBUF / FSPATH / FSRELPATH without NUL; BYTEBUF raw text
  IpAddress ip;             // IPV4ADDR / IPV6ADDR
  SockAddr addr;            // SOCKADDR
  SockTuple tuple;          // SOCKTUPLE

  bool ok() const { return status == DecodeStatus::Ok; }
};

// Decodes param `i` of `ev` according to the event table (or, beyond the
// table, as opaque bytes).
DecodedParam decode_param(const RawEvent& ev, uint32_t i);

// Decodes `bytes` as a value described by `info` (PT_DYN resolved).
DecodedParam decode_param_bytes(const ParamInfo& info, std::span<const uint8_t> bytes);

// How a plain integer param type sits on the wire: `size` bytes, signed or
// not; size 0 for every type decode_param_bytes decodes otherwise (PT_DYN,
// addresses, doubles, strings, buffers).
struct IntegerLayout {
  uint8_t size = 0;
  bool is_signed = false;
};
IntegerLayout integer_layout(FieldType t);

// The integer at `p` laid out as `l` (l.size > 0), into both views exactly as
// DecodedParam holds it: signed types sign-extended, unsigned zero-extended.
inline void load_integer(const uint8_t* p, IntegerLayout l, int64_t& i64, uint64_t& u64) {
  uint64_t u = 0;
  // Little-endian wire, little-endian host. One fixed-size copy per width, so
  // the compiler emits a single load instead of a call to memcpy.
  switch (l.size) {
    case 1: u = p[0]; break;
    case 2: { uint16_t w; std::memcpy(&w, p, 2); u = w; break; }
    case 4: { uint32_t w; std::memcpy(&w, p, 4); u = w; break; }
    case 8: std::memcpy(&u, p, 8); break;
    default: std::memcpy(&u, p, l.size < 8 ? l.size : 8); break;
  }
  if (l.is_signed && l.size < 8) {
    const unsigned shift = 64u - 8u * l.size;
    i64 = static_cast<int64_t>(u << shift) >> shift;
    u64 = static_cast<uint64_t>(i64);
  } else {
    u64 = u;
    i64 = static_cast<int64_t>(u);
  }
}

// A plain string param (CHARBUF, FSPATH, FSRELPATH) read without building a
// DecodedParam (the state parsers read a few per event). Returns false for
// any other type; otherwise sets `status` as decode_param_bytes would and,
// when Ok, `str` exactly as DecodedParam's str.
bool read_plain_string(const ParamInfo& info, std::span<const uint8_t> bytes, DecodeStatus& status,
                       std::string_view& str);

// Decodes `bytes` as a plain value of `type` (no tables involved).
DecodedParam decode_value(FieldType type, std::span<const uint8_t> bytes);

// PT_FDLIST entries; empty when malformed.
std::vector<FdListEntry> decode_fdlist(std::span<const uint8_t> bytes);

// PT_CHARBUFARRAY / NUL-separated BYTEBUF (execve args, env, cgroups):
// the strings, without the final empty one.
std::vector<std::string_view> decode_string_list(std::span<const uint8_t> bytes);

// PT_CHARBUF_PAIR_ARRAY: alternating key/value strings as pairs.
std::vector<std::pair<std::string_view, std::string_view>> decode_string_pairs(
    std::span<const uint8_t> bytes);

// Index of the param called `name` in `ev`'s schema, -1 if none.
int find_param(const RawEvent& ev, std::string_view name);

// What evt.type shows: the event's name, or for generic events (codes 0/1)
// the PPM_SC name of param ID, falling back to the x86_64 syscall table for
// param nativeID when ID is 0 ("unknown" if neither names it).
std::string_view event_type_name(const RawEvent& ev);

}  // namespace eg
