// Where the warnings of the file being loaded go: a thin handle on its
// FileLoadResult, passed to the item reader, the collector and the compile
// step so that they report in the order Falco does.
#pragma once

#include <string>

#include "engine/loader/load_result.h"

namespace eg {

struct LoadSink {
  FileLoadResult* result = nullptr;

  void warn(LoadWarningCode code, std::string message, LoadContext context,
            std::string deprecated_field = {}) const {
    LoadMessage m;
    m.warning = code;
    m.message = std::move(message);
    m.context = std::move(context);
    m.deprecated_field = std::move(deprecated_field);
    result->warnings.push_back(std::move(m));
  }
  void fail(LoadErrorCode code, std::string message, LoadContext context) const {
    LoadMessage m;
    m.is_error = true;
    m.error = code;
    m.message = std::move(message);
    m.context = std::move(context);
    result->errors.push_back(std::move(m));
    result->successful = false;
  }
};

}  // namespace eg
