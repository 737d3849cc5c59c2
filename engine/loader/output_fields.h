// A light scan of a rule output format for the loader: whether every `%`
// starts a valid token (§7.1), the fields named (for -L output_fields), and
// nothing more. Rendering alerts is the output library's job; this only
// decides load errors and listing details.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace eg {

struct OutputScan {
  bool ok = true;
  std::vector<std::string> fields;  // -L output_fields, in order
};

OutputScan scan_output_format(const std::string& format);

// The message Falco gives for any invalid output format in the reference setup.
inline constexpr const char* kOutputErrorMessage = "unknown filter: unexpected token after '";

}  // namespace eg
