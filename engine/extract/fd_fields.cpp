// fd.* fields: table filled in as the state tables land.
#include "engine/extract/extractor_kit.h"

namespace eg {

std::span<const FieldBinding> fd_field_bindings() {
  static const std::vector<FieldBinding> table;
  return table;
}

}  // namespace eg
