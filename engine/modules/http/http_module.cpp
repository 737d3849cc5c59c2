// The HTTP module (edera-guard-http.so): the libcurl sink, for the executable
// (module_entries.h).
#include "engine/modules/module_entries.h"
#include "engine/output/http/http_sink.h"

extern "C" {

__attribute__((visibility("default"))) const char* eg_module_version() { return EG_VERSION; }

__attribute__((visibility("default"))) eg::output::Sink* eg_module_make_http_sink(
    const eg::output::HttpSinkConfig* config, bool json_output) {
  return eg::output::make_curl_http_sink(*config, json_output).release();
}

}  // extern "C"
