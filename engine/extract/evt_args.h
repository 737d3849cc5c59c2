// The evt.* fields that interpret params by name or index: evt.args/evt.info
// (all params as text), evt.arg (one param as text), evt.rawarg (one param
// with its own type), evt.abspath (dirfd + relative path) and evt.type.is.
#pragma once

#include <string>

#include "engine/extract/field_bindings.h"

namespace eg {

std::string render_event_args(const EventContext& ctx);
FieldBinding evt_arg_binding();
FieldBinding evt_rawarg_binding();
FieldBinding evt_abspath_binding(std::string_view name);
FieldBinding evt_type_is_binding();

}  // namespace eg
