// What the compiler needs from the rest of the engine to turn names into
// extractors: field lookup (fields/field_registry.h), extractor construction
// (engine/extract/extractor.h) and event-name validation for `evt.type`
// (fields/event_schema.h). An interface so that compiler tests can run on a
// handful of fake fields.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/extract/extractor.h"
#include "fields/field_registry.h"

namespace eg {

class FieldResolver {
 public:
  virtual ~FieldResolver() = default;
  virtual FieldLookup lookup(std::string_view name) const = 0;
  virtual std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req,
                                                    std::string* error) const = 0;
  // Is `name` an event or syscall name accepted on the right of `evt.type`?
  virtual bool is_event_name(std::string_view name) const = 0;

  // The engine's resolver: the generated registry, make_extractor(), the event table.
  static const FieldResolver& engine();
};

}  // namespace eg
