// See edera_log.h.
#include "engine/sources/edera/edera_log.h"

#include <cstdio>

namespace eg::edera {

void write_log_line(const std::string& text) {
  std::string line = "Edera: " + text + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace eg::edera
