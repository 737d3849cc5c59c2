// Fake fields for compiler tests: a small registry, extractors that read the
// values of a FakeEvent, and a FieldResolver over them. This keeps the
// compiler's tests independent of the real extractors and state.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/compiler/constant_parser.h"
#include "engine/compiler/field_resolver.h"

namespace eg::testing {

// Values of one event by field name, written as text ("1.2.3.4", "42", "true").
// A field absent from the map has no value.
struct FakeEvent {
  std::map<std::string, std::vector<std::string>> values;
};

// The event the fake extractors read (tests set it before evaluating).
FakeEvent& current_event();
// A context reference to pass to Filter::evaluate(); fake extractors never read it.
const EventContext& fake_context();

class FakeResolver : public FieldResolver {
 public:
  FieldLookup lookup(std::string_view name) const override;
  std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req,
                                            std::string* error) const override;
  bool is_event_name(std::string_view name) const override;
};

}  // namespace eg::testing
