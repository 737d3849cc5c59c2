// Constant parsing per left type (see constant_parser.h). Numbers follow the C
// scanf conventions libsinsp relies on: leading blanks and a sign are allowed,
// nothing may follow the digits, and values wrap to the width of the type.
#include "engine/compiler/constant_parser.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace eg {
namespace {

std::string not_a_number(std::string_view text) {
  return std::string(text) + " is not a valid number";
}

// Width in bits of the integer types (0: not an integer type).
int signed_width(FieldType t) {
  switch (t) {
    case FieldType::INT8: return 8;
    case FieldType::INT16: return 16;
    case FieldType::INT32: case FieldType::FD32: case FieldType::PID32: return 32;
    case FieldType::INT64: case FieldType::FD: case FieldType::PID: case FieldType::ERRNO: return 64;
    default: return 0;
  }
}

int unsigned_width(FieldType t) {
  switch (t) {
    case FieldType::UINT8: case FieldType::FLAGS8: case FieldType::ENUMFLAGS8:
    case FieldType::SIGTYPE: case FieldType::L4PROTO:
      return 8;
    case FieldType::UINT16: case FieldType::FLAGS16: case FieldType::ENUMFLAGS16:
    case FieldType::SYSCALLID:
      return 16;
    case FieldType::UINT32: case FieldType::FLAGS32: case FieldType::ENUMFLAGS32:
    case FieldType::MODE: case FieldType::UID: case FieldType::GID:
      return 32;
    case FieldType::UINT64: case FieldType::RELTIME: case FieldType::ABSTIME:
      return 64;
    default:
      return 0;
  }
}

int64_t wrap_signed(int64_t v, int width) {
  switch (width) {
    case 8: return static_cast<int8_t>(v);
    case 16: return static_cast<int16_t>(v);
    case 32: return static_cast<int32_t>(v);
    default: return v;
  }
}

uint64_t wrap_unsigned(uint64_t v, int width) {
  return width >= 64 ? v : (v & ((uint64_t{1} << width) - 1));
}

// Digits (after optional blanks and sign) that run to the end of the text.
bool well_formed_integer(std::string_view text, const char* end_of_parse, const char* begin) {
  return end_of_parse == begin + text.size() && end_of_parse != begin &&
         std::isdigit(static_cast<unsigned char>(text.back()));
}

std::optional<uint16_t> parse_port(std::string_view text, std::string* error) {
  if (text.empty()) return uint16_t{0};
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    auto n = parse_unsigned_number(text);
    if (n) return static_cast<uint16_t>(*n);
  }
  std::string name(text);
  if (const servent* se = getservbyname(name.c_str(), nullptr)) {
    return ntohs(static_cast<uint16_t>(se->s_port));
  }
  *error = "unrecognized protocol " + name;
  return std::nullopt;
}

std::optional<Constant> parse_number(std::string_view text, FieldType type, std::string* error) {
  Constant c;
  if (int w = signed_width(type)) {
    auto n = parse_signed_number(text);
    if (!n) { *error = not_a_number(text); return std::nullopt; }
    c.value = FieldValue::signed_int(type, wrap_signed(*n, w));
    return c;
  }
  if (int w = unsigned_width(type)) {
    auto n = parse_unsigned_number(text);
    if (!n) { *error = not_a_number(text); return std::nullopt; }
    c.value = FieldValue::unsigned_int(type, wrap_unsigned(*n, w));
    return c;
  }
  if (type == FieldType::DOUBLE) {
    auto n = parse_signed_number(text);
    if (!n) { *error = not_a_number(text); return std::nullopt; }
    c.value = FieldValue::floating(static_cast<double>(static_cast<int32_t>(*n)));
    return c;
  }
  if (type == FieldType::PORT) {
    auto port = parse_port(text, error);
    if (!port) return std::nullopt;
    c.value = FieldValue::unsigned_int(type, *port);
    return c;
  }
  *error = "filter error: unsupported constant type " + std::string(field_type_name(type));
  return std::nullopt;
}

std::optional<Constant> parse_bool(std::string_view text, std::string* error) {
  if (text != "true" && text != "false") {
    *error = "filter error: unrecognized boolean value " + std::string(text);
    return std::nullopt;
  }
  Constant c;
  c.value = FieldValue::boolean_value(text == "true");
  return c;
}

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

std::optional<Constant> parse_buffer(std::string_view text, CompareOp op, std::string* error) {
  Constant c;
  c.value.type = FieldType::BYTEBUF;
  if (op != CompareOp::BContains && op != CompareOp::BStartsWith) {
    c.bytes = std::string(text);
    return c;
  }
  if (text.size() % 2 != 0) {
    *error = "filter error: bcontains and bstartswith operator support hex strings only";
    return std::nullopt;
  }
  for (size_t i = 0; i < text.size(); i += 2) {
    int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0) {
      *error = "filter error: bcontains and bstartswith operator support hex strings only";
      return std::nullopt;
    }
    c.bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  return c;
}

std::optional<Constant> address_constant(FieldType type, std::optional<IpAddress> ip,
                                         std::string* error, std::string message) {
  if (!ip) { *error = std::move(message); return std::nullopt; }
  Constant c;
  c.value = FieldValue::address(type, *ip);
  return c;
}

std::optional<Constant> parse_address(std::string_view text, FieldType type, std::string* error) {
  bool v4 = type == FieldType::IPV4ADDR ||
            (type == FieldType::IPADDR && text.find('.') != std::string_view::npos);
  if (v4)
    return address_constant(type, parse_ipv4(text), error,
                            "unrecognized IPv4 address " + std::string(text));
  return address_constant(type, parse_ipv6(text), error,
                          "unrecognized IPv6 address " + std::string(text));
}

std::optional<Constant> network_constant(FieldType type, const IpAddress& ip, uint8_t len) {
  Constant c;
  c.value = FieldValue::address(type, ip);
  c.value.prefix_len = len;
  return c;
}

std::optional<Constant> parse_ipv4_network(std::string_view text, FieldType type,
                                           std::string* error) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    *error = "unrecognized IP network " + std::string(text);
    return std::nullopt;
  }
  auto ip = parse_ipv4(text.substr(0, slash));
  if (!ip) {
    *error = "unrecognized IP address " + std::string(text);
    return std::nullopt;
  }
  std::string_view mask = text.substr(slash + 1);
  auto len = parse_unsigned_number(mask);
  if (!len) { *error = not_a_number(mask); return std::nullopt; }
  uint64_t bits = static_cast<uint8_t>(*len);
  if (bits > 32) {
    *error = "invalid netmask " + std::string(mask);
    return std::nullopt;
  }
  return network_constant(type, *ip, static_cast<uint8_t>(bits));
}

std::optional<Constant> parse_ipv6_network(std::string_view text, FieldType type,
                                           std::string* error) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    *error = "invalid v6 netmask: " + std::string(text);
    return std::nullopt;
  }
  auto ip = parse_ipv6(text.substr(0, slash));
  if (!ip) {
    *error = "unrecognized IPv6 address " + std::string(text);
    return std::nullopt;
  }
  std::string_view mask = text.substr(slash + 1);
  auto len = parse_unsigned_number(mask);
  if (!len) { *error = not_a_number(mask); return std::nullopt; }
  uint64_t bits = static_cast<uint8_t>(*len);
  if (bits == 0 || bits > 128) {
    *error = "invalid v6 netmask " + std::string(mask);
    return std::nullopt;
  }
  return network_constant(type, *ip, static_cast<uint8_t>(bits));
}

std::optional<Constant> parse_network(std::string_view text, FieldType type, std::string* error) {
  bool v4 = type == FieldType::IPV4NET ||
            (type == FieldType::IPNET && text.find('.') != std::string_view::npos);
  return v4 ? parse_ipv4_network(text, type, error) : parse_ipv6_network(text, type, error);
}

}  // namespace

std::optional<int64_t> parse_signed_number(std::string_view text) {
  std::string s(text);
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (!well_formed_integer(s, end, s.c_str())) return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<uint64_t> parse_unsigned_number(std::string_view text) {
  std::string s(text);
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (!well_formed_integer(s, end, s.c_str())) return std::nullopt;
  return static_cast<uint64_t>(v);
}

std::optional<IpAddress> parse_ipv4(std::string_view text) {
  std::string s(text);
  IpAddress a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
  a.family = 4;
  return a;
}

std::optional<IpAddress> parse_ipv6(std::string_view text) {
  std::string s(text);
  IpAddress a;
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
  a.family = 6;
  return a;
}

std::optional<Constant> parse_constant(std::string_view text, FieldType type, CompareOp op,
                                       std::string* error) {
  if (type != FieldType::BYTEBUF && text.find('\0') != std::string_view::npos) {
    *error = "filter error: filter value cannot contain a NUL byte (\\x00)";
    return std::nullopt;
  }
  switch (type_class(type)) {
    case TypeClass::String: {
      Constant c;
      c.value.type = type;
      c.bytes = std::string(text);
      return c;
    }
    case TypeClass::Buffer:
      return parse_buffer(text, op, error);
    case TypeClass::Bool:
      return parse_bool(text, error);
    case TypeClass::Numeric:
      return parse_number(text, type, error);
    case TypeClass::Address:
      if (type == FieldType::IPV4NET || type == FieldType::IPV6NET || type == FieldType::IPNET)
        return parse_network(text, type, error);
      return parse_address(text, type, error);
    case TypeClass::Other:
      break;
  }
  if (unsigned_width(type)) return parse_number(text, type, error);  // UID, GID, L4PROTO
  *error = "filter error: unsupported constant type " + std::string(field_type_name(type));
  return std::nullopt;
}

}  // namespace eg
