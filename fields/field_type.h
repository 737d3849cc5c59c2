// Value types of fields and event parameters, named as Falco prints them in errors
// (PT_CHARBUF -> "CHARBUF"). The same enum serves event params (fields/event_schema)
// and filter fields (fields/field_registry), as in libsinsp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace eg {

enum class FieldType : uint8_t {
  NONE, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64,
  CHARBUF, BYTEBUF, ERRNO, SOCKADDR, SOCKTUPLE, FD, PID, FDLIST, FSPATH,
  SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO, SOCKFAMILY, BOOL,
  IPV4ADDR, DYN, FLAGS8, FLAGS16, FLAGS32, UID, GID, DOUBLE, SIGSET,
  CHARBUFARRAY, CHARBUF_PAIR_ARRAY, IPV4NET, IPV6ADDR, IPV6NET, IPADDR, IPNET,
  MODE, FSRELPATH, ENUMFLAGS8, ENUMFLAGS16, ENUMFLAGS32, FD32, PID32,
};

// "CHARBUF", "UINT64", ... (the spelling of Falco's error messages).
std::string_view field_type_name(FieldType t);
// Parses "PT_CHARBUF" or "CHARBUF".
std::optional<FieldType> field_type_from_name(std::string_view name);

enum class TypeClass : uint8_t { Numeric, Bool, String, Buffer, Address, Other };
TypeClass type_class(FieldType t);
bool is_signed_numeric(FieldType t);

}  // namespace eg
