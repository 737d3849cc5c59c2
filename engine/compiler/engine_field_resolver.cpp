// FieldResolver over the real registry, extractors and event table (see
// field_resolver.h); kept in its own file so that tests using fakes do not
// depend on it.
#include "engine/compiler/field_resolver.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

class EngineFieldResolver : public FieldResolver {
 public:
  FieldLookup lookup(std::string_view name) const override { return lookup_field(name); }
  std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req,
                                            std::string* error) const override {
    return eg::make_extractor(req, error);
  }
  bool is_event_name(std::string_view name) const override {
    return !event_codes_for_name(name).empty();
  }
};

}  // namespace

const FieldResolver& FieldResolver::engine() {
  static const EngineFieldResolver resolver;
  return resolver;
}

}  // namespace eg
