// The libcurl HTTP sink (http_output, Falcosidekick's contract). It lives in its
// own library because libcurl and the ~30 libraries it pulls in cost the
// dynamic loader ~10 ms at every start: the executable reaches it through the
// HTTP module (engine/modules), tests link it directly. Both go through
// make_http_sink() (sink.h).
#pragma once

#include <memory>

#include "engine/output/sink.h"

namespace eg::output {

std::unique_ptr<Sink> make_curl_http_sink(const HttpSinkConfig& config, bool json_output);

}  // namespace eg::output
