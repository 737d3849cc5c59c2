// See zone_interfaces.h.
#include "engine/sources/edera/zone_interfaces.h"

#include <arpa/inet.h>

#include <charconv>
#include <optional>
#include <string>

namespace eg::edera {
namespace {

namespace pb = protect::control::v1;

std::optional<IpAddress> parse_address(const std::string& text) {
  IpAddress a;
  if (inet_pton(AF_INET, text.c_str(), a.bytes.data()) == 1) {
    a.family = 4;
    return a;
  }
  if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) == 1) {
    a.family = 6;
    return a;
  }
  return std::nullopt;
}

IpAddress netmask(uint8_t family, unsigned prefix) {
  IpAddress m;
  m.family = family;
  const unsigned bits = family == 4 ? 32 : 128;
  if (prefix > bits) prefix = bits;
  for (unsigned i = 0; i < prefix; ++i) m.bytes[i / 8] |= static_cast<uint8_t>(0x80u >> (i % 8));
  return m;
}

// "addr/prefix" or "addr" (a host address: full-length prefix).
std::optional<InterfaceSnapshot> interface_from_text(const std::string& name, const std::string& text) {
  const size_t slash = text.find('/');
  auto addr = parse_address(text.substr(0, slash));
  if (!addr) return std::nullopt;
  unsigned prefix = addr->family == 4 ? 32 : 128;
  if (slash != std::string::npos) {
    const char* b = text.data() + slash + 1;
    const char* e = text.data() + text.size();
    auto [p, ec] = std::from_chars(b, e, prefix);
    if (ec != std::errc() || p != e) return std::nullopt;
  }
  InterfaceSnapshot itf;
  itf.name = name;
  itf.addr = *addr;
  itf.netmask = netmask(addr->family, prefix);
  return itf;
}

}  // namespace

std::vector<InterfaceSnapshot> zone_interfaces(const pb::Zone& zone) {
  std::vector<InterfaceSnapshot> out;
  out.push_back(*interface_from_text("lo", "127.0.0.1/8"));
  out.push_back(*interface_from_text("lo", "::1/128"));
  if (!zone.has_status() || !zone.status().has_network_status()) return out;
  for (const pb::ZoneNetworkInterfaceStatus& itf : zone.status().network_status().interfaces()) {
    const std::string name = itf.zone_interface().empty() ? "eth0" : itf.zone_interface();
    for (const pb::ZoneNetworkIp& ip : itf.ips())
      if (auto parsed = interface_from_text(name, ip.address())) out.push_back(*parsed);
  }
  return out;
}

}  // namespace eg::edera
