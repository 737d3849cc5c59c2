// Names and classes of FieldType (see field_type.h).
#include "fields/field_type.h"

#include <array>

namespace eg {
namespace {
constexpr std::array<std::string_view, 49> kNames = {
    "NONE", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64",
    "CHARBUF", "BYTEBUF", "ERRNO", "SOCKADDR", "SOCKTUPLE", "FD", "PID", "FDLIST", "FSPATH",
    "SYSCALLID", "SIGTYPE", "RELTIME", "ABSTIME", "PORT", "L4PROTO", "SOCKFAMILY", "BOOL",
    "IPV4ADDR", "DYN", "FLAGS8", "FLAGS16", "FLAGS32", "UID", "GID", "DOUBLE", "SIGSET",
    "CHARBUFARRAY", "CHARBUF_PAIR_ARRAY", "IPV4NET", "IPV6ADDR", "IPV6NET", "IPADDR", "IPNET",
    "MODE", "FSRELPATH", "ENUMFLAGS8", "ENUMFLAGS16", "ENUMFLAGS32", "FD32", "PID32",
};
}  // namespace

std::string_view field_type_name(FieldType t) {
  auto i = static_cast<size_t>(t);
  return i < kNames.size() ? kNames[i] : "NONE";
}

std::optional<FieldType> field_type_from_name(std::string_view name) {
  if (name.starts_with("PT_")) name.remove_prefix(3);
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<FieldType>(i);
  return std::nullopt;
}

TypeClass type_class(FieldType t) {
  switch (t) {
    case FieldType::INT8: case FieldType::INT16: case FieldType::INT32: case FieldType::INT64:
    case FieldType::UINT8: case FieldType::UINT16: case FieldType::UINT32: case FieldType::UINT64:
    case FieldType::RELTIME: case FieldType::ABSTIME: case FieldType::PORT:
    case FieldType::FLAGS8: case FieldType::FLAGS16: case FieldType::FLAGS32:
    case FieldType::ENUMFLAGS8: case FieldType::ENUMFLAGS16: case FieldType::ENUMFLAGS32:
    case FieldType::MODE: case FieldType::DOUBLE: case FieldType::SYSCALLID:
    case FieldType::SIGTYPE: case FieldType::FD: case FieldType::PID: case FieldType::ERRNO:
    case FieldType::FD32: case FieldType::PID32:
      return TypeClass::Numeric;
    case FieldType::BOOL:
      return TypeClass::Bool;
    case FieldType::CHARBUF: case FieldType::FSPATH: case FieldType::FSRELPATH:
      return TypeClass::String;
    case FieldType::BYTEBUF:
      return TypeClass::Buffer;
    case FieldType::IPV4ADDR: case FieldType::IPV6ADDR: case FieldType::IPADDR:
    case FieldType::IPV4NET: case FieldType::IPV6NET: case FieldType::IPNET:
      return TypeClass::Address;
    default:
      return TypeClass::Other;
  }
}

bool is_signed_numeric(FieldType t) {
  switch (t) {
    case FieldType::INT8: case FieldType::INT16: case FieldType::INT32: case FieldType::INT64:
    case FieldType::FD: case FieldType::PID: case FieldType::ERRNO:
    case FieldType::FD32: case FieldType::PID32:
      return true;
    default:
      return false;
  }
}

}  // namespace eg
