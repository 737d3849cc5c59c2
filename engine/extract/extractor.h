// The interface between compiled rules/outputs and the code that produces field
// values from an event and the state.
//
// The compiler and the output formatter each ask make_extractor() once per field
// occurrence at load time; at run time they call extract() per event. An
// extractor may keep scratch storage for values it builds (strings it
// concatenates, ancestor walks); views it returns stay valid until its next call.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "fields/field_registry.h"
#include "fields/field_value.h"

namespace eg {

struct EventContext;  // engine/state/event_context.h

class Extractor {
 public:
  virtual ~Extractor() = default;
  // Appends the values of the field for this event to `out` (cleared by the caller).
  // Returns false (and appends nothing) when the field has no value.
  virtual bool extract(const EventContext& ctx, FieldValues& out) = 0;
  // The value type produced (for evt.rawarg.* this is resolved from the event schema).
  virtual FieldType type() const = 0;
  virtual bool is_list() const { return false; }
};

struct ExtractorRequest {
  const FieldInfo* info = nullptr;
  std::optional<std::string> arg;  // [arg] or dotted argument
};

// Builds the extractor for a field; on failure returns nullptr and sets `error`
// to Falco's message (e.g. "filter error: ..." for a bad argument).
std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req, std::string* error);

}  // namespace eg
