// Finds and loads edera-guard's modules (module_entries.h) on first use.
//
// A module is looked for in $EDERA_GUARD_MODULE_DIR when that is set, else in
// the directory of the running executable (where the build puts it). It is
// loaded once and stays loaded (its code backs objects such as sinks until
// the process ends). Failures throw ModuleError with what is missing and why
// (the dynamic loader's message), e.g. "http_output needs the module
// edera-guard-http.so: ...: cannot open shared object file".
#pragma once

#include <stdexcept>
#include <string>

namespace eg::modules {

struct ModuleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The directory modules are loaded from.
std::string module_directory();

// The address of `symbol` in module `file` (loading it first), checked to be
// of this executable's version. `needed_for` names the feature in errors.
void* module_symbol(const std::string& file, const char* symbol, const std::string& needed_for);

}  // namespace eg::modules
