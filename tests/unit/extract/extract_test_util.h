// Unit-test helpers of the extract suite: an extractor made from a field
// expression as a condition writes it (`evt.arg.flags`, `evt.arg[2]`), and the
// text of its first value.
#pragma once

#include <memory>
#include <string>

#include "engine/extract/extractor.h"

namespace eg::testing {

inline std::unique_ptr<Extractor> field_extractor(const std::string& form) {
  FieldLookup lookup = lookup_field(form);
  if (lookup.info == nullptr) return nullptr;
  ExtractorRequest req;
  req.info = lookup.info;
  req.arg = lookup.bracket_arg ? lookup.bracket_arg : lookup.dotted_arg;
  std::string error;
  return make_extractor(req, &error);
}

// The first extracted value as a string; "<NA>" when there is none.
inline std::string first_text(Extractor& ex, const EventContext& ctx) {
  FieldValues values;
  if (!ex.extract(ctx, values) || values.empty()) return "<NA>";
  return std::string(values[0].str);
}

}  // namespace eg::testing
