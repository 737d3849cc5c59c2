// The entry points of edera-guard's loadable modules, shared by the modules
// (engine/modules/http, engine/modules/edera) and the code in the executable
// that loads them (module_loader.h).
//
// Two parts of edera-guard need large libraries that a run of a capture never
// uses: HTTP output (libcurl and the ~30 libraries behind it) and Edera zones
// (gRPC, protobuf, abseil, libxenctrl: ~60 libraries). Linked into the
// executable, the dynamic loader binds them at every start (~25 ms of CPU,
// several times the whole rules load of a small rules file). So each is a
// module next to the executable, loaded the first time it is needed. A module
// is built with the executable and uses the executable's own code (the
// executable exports its symbols), so each entry point is a C function taking
// the C++ objects of the same build by pointer; the module checks nothing
// else, and the loader refuses a module of another version.
#pragma once

#include <string>
#include <vector>

namespace eg {
class RuleLoader;
namespace output {
class Sink;
struct HttpSinkConfig;
}  // namespace output
namespace cli {
struct AppConfig;
struct RunOptions;
}  // namespace cli
}  // namespace eg

namespace eg::modules {

inline constexpr const char* kHttpModuleFile = "edera-guard-http.so";
inline constexpr const char* kEderaModuleFile = "edera-guard-edera.so";

// Every module: the version it was built as (EG_VERSION).
inline constexpr const char* kVersionSymbol = "eg_module_version";
using VersionFn = const char* (*)();

// HTTP module: a new libcurl sink, owned by the caller.
inline constexpr const char* kMakeHttpSinkSymbol = "eg_module_make_http_sink";
using MakeHttpSinkFn = output::Sink* (*)(const output::HttpSinkConfig* config, bool json_output);

// Edera module: the zone run; takes ownership of `loader`. Returns the exit code.
inline constexpr const char* kRunZonesSymbol = "eg_module_run_zones";
using RunZonesFn = int (*)(const cli::AppConfig* config, const std::vector<std::string>* rules_paths,
                           RuleLoader* loader, const cli::RunOptions* options);

}  // namespace eg::modules
