// See zone_id.h.
#include "engine/sources/edera/zone_id.h"

#include <cctype>

namespace eg::edera {

std::string normalise_zone_id(std::string_view id) {
  if (id.size() != 36) return {};
  std::string out(id);
  for (size_t i = 0; i < out.size(); ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (dash_position) {
      if (c != '-') return {};
    } else if (!std::isxdigit(c)) {
      return {};
    } else {
      out[i] = static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

}  // namespace eg::edera
