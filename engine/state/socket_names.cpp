// Socket name texts (see socket_names.h).
#include "engine/state/socket_names.h"

#include <arpa/inet.h>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <iterator>

namespace eg {

namespace {

// Appends the address text to `out`: dotted quad, or inet_ntop's IPv6 form.
// Socket events build these texts for every connect and accept, so they are
// written in place rather than through temporary strings.
void append_ip(std::string& out, const IpAddress& ip) {
  if (ip.family == 6) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (inet_ntop(AF_INET6, ip.bytes.data(), buf, sizeof buf) != nullptr) out += buf;
    return;
  }
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}.{}.{}.{}"), ip.bytes[0], ip.bytes[1], ip.bytes[2],
                 ip.bytes[3]);
}

void append_endpoint(std::string& out, const IpAddress& ip, uint16_t port) {
  append_ip(out, ip);
  fmt::format_to(std::back_inserter(out), FMT_COMPILE(":{}"), port);
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

std::string tuple_text(const IpAddress& cip, uint16_t cport, const IpAddress& sip, uint16_t sport) {
  std::string out;
  out.reserve(48);
  append_endpoint(out, cip, cport);
  out += "->";
  append_endpoint(out, sip, sport);
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
