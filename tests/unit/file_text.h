// The whole content of a file as bytes, for tests that read rules files and
// expected outputs ("" when it cannot be read: the comparison then fails).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace eg::testing {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

}  // namespace eg::testing
