// Socket name texts (see socket_names.h).
#include "engine/state/socket_names.h"

#include <arpa/inet.h>

#include <charconv>

namespace eg {

namespace {

// Socket events build these texts for every connect and accept, so they are
// written into a stack buffer with std::to_chars and appended once, rather
// than character by character through temporary strings or iterators.
// An endpoint's text is at most an IPv6 address, ':' and five digits.
constexpr size_t kEndpointMax = INET6_ADDRSTRLEN + 6;

// Writes the address text at `p`: dotted quad, or inet_ntop's IPv6 form.
char* write_ip(char* p, char* end, const IpAddress& ip) {
  if (ip.family == 6) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (inet_ntop(AF_INET6, ip.bytes.data(), buf, sizeof buf) == nullptr) return p;
    for (const char* c = buf; *c != '\0' && p < end; ++c) *p++ = *c;
    return p;
  }
  for (int i = 0; i < 4; ++i) {
    if (i > 0) *p++ = '.';
    p = std::to_chars(p, end, ip.bytes[i]).ptr;
  }
  return p;
}

char* write_endpoint(char* p, char* end, const IpAddress& ip, uint16_t port) {
  p = write_ip(p, end, ip);
  *p++ = ':';
  return std::to_chars(p, end, port).ptr;
}

void append_ip(std::string& out, const IpAddress& ip) {
  char buf[kEndpointMax];
  out.append(buf, write_ip(buf, buf + sizeof buf, ip));
}

void append_endpoint(std::string& out, const IpAddress& ip, uint16_t port) {
  char buf[kEndpointMax];
  out.append(buf, write_endpoint(buf, buf + sizeof buf, ip, port));
}

}  // namespace

std::string ip_text(const IpAddress& ip) {
  std::string out;
  append_ip(out, ip);
  return out;
}

std::string endpoint_text(const IpAddress& ip, uint16_t port) {
  std::string out;
  out.reserve(24);
  append_endpoint(out, ip, port);
  return out;
}

void assign_tuple_text(std::string& out, const IpAddress& cip, uint16_t cport, const IpAddress& sip,
                       uint16_t sport) {
  char buf[2 * kEndpointMax + 2];
  char* end = buf + sizeof buf;
  char* p = write_endpoint(buf, end, cip, cport);
  *p++ = '-';
  *p++ = '>';
  p = write_endpoint(p, end, sip, sport);
  out.assign(buf, p);
}

std::string tuple_text(const IpAddress& cip, uint16_t cport, const IpAddress& sip, uint16_t sport) {
  std::string out;
  assign_tuple_text(out, cip, cport, sip, sport);
  return out;
}

bool ipv4_mapped(const IpAddress& ip, IpAddress& v4) {
  if (ip.family != 6) return false;
  for (int i = 0; i < 10; ++i) {
    if (ip.bytes[i] != 0) return false;
  }
  if (ip.bytes[10] != 0xff || ip.bytes[11] != 0xff) return false;
  v4 = IpAddress{};
  v4.family = 4;
  for (int i = 0; i < 4; ++i) v4.bytes[i] = ip.bytes[12 + i];
  return true;
}

}  // namespace eg
