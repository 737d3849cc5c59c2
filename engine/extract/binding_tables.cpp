// The list of per-class binding tables make_extractor() searches.
#include "engine/extract/field_bindings.h"

namespace eg {

std::vector<std::span<const FieldBinding>> all_binding_tables() {
  return {evt_field_bindings(), proc_field_bindings(), fd_field_bindings(), user_field_bindings(),
          container_field_bindings()};
}

}  // namespace eg
