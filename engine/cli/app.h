// The edera-guard application: parses the command line, builds the
// configuration, and runs one action (help, version, --list, -V, -L/-l,
// --dry-run, or processing events), returning Falco's exit code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eg::cli {

// `version` is printed by --version (the binary's build version).
int run_app(const std::vector<std::string>& args, std::string_view version);

}  // namespace eg::cli
