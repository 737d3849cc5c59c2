// make_http_sink() for programs that link the libcurl sink in (tests,
// benchmarks, tools): no module to load.
#include "engine/output/http/http_sink.h"

namespace eg::output {

std::unique_ptr<Sink> make_http_sink(const HttpSinkConfig& config, bool json_output) {
  return make_curl_http_sink(config, json_output);
}

}  // namespace eg::output
