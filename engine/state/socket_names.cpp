// Socket name texts (see socket_names.h).
#include "engine/state/socket_names.h"

#include <arpa/inet.h>

#include <fmt/format.h>

namespace eg {

std::string ip_text(const IpAddress& ip) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (ip.family == 6) {
    if (inet_ntop(AF_INET6, ip.bytes.data(), buf, sizeof buf) == nullptr) return {};
    return buf;
  }
  return fmt::format("{}.{}.{}.{}", ip.bytes[0], ip.bytes[1], ip.bytes[2], ip.bytes[3]);
}

std::string endpoint_text(const IpAddress& ip, uint16_t port) { return fmt::format("{}:{}", ip_text(ip), port); }

std::string tuple_text(const IpAddress& cip, uint16_t cport, const IpAddress& sip, uint16_t sport) {
  return endpoint_text(cip, cport) + "->" + endpoint_text(sip, sport);
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
