// fd.name texts of sockets as libsinsp writes them: "1.2.3.4:80" for an
// address, "cip:cport->sip:sport" for a tuple; IPv6 in inet_ntop form.
#pragma once

#include <cstdint>
#include <string>

#include "fields/field_value.h"

namespace eg {

std::string ip_text(const IpAddress& ip);
std::string endpoint_text(const IpAddress& ip, uint16_t port);
std::string tuple_text(const IpAddress& cip, uint16_t cport, const IpAddress& sip, uint16_t sport);
// The same into `out`, reusing its buffer (an fd's name, rewritten per connect).
void assign_tuple_text(std::string& out, const IpAddress& cip, uint16_t cport, const IpAddress& sip,
                       uint16_t sport);
// True for ::ffff:a.b.c.d; `v4` receives a.b.c.d.
bool ipv4_mapped(const IpAddress& ip, IpAddress& v4);

}  // namespace eg
