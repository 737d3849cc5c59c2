// make_http_sink() of the executable: the libcurl sink from the HTTP module
// (module_entries.h explains why it is a module).
#include <memory>

#include "engine/modules/module_entries.h"
#include "engine/modules/module_loader.h"
#include "engine/output/sink.h"

namespace eg::output {

std::unique_ptr<Sink> make_http_sink(const HttpSinkConfig& config, bool json_output) {
  auto make = reinterpret_cast<modules::MakeHttpSinkFn>(
      modules::module_symbol(modules::kHttpModuleFile, modules::kMakeHttpSinkSymbol, "http_output"));
  return std::unique_ptr<Sink>(make(&config, json_output));
}

}  // namespace eg::output
