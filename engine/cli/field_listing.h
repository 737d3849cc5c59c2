// --list: the supported fields, by class, as text, markdown or JSON (-N: names only).
#pragma once

#include <string>

namespace eg::cli {

std::string render_field_list(const std::string& source, bool names_only, const std::string& format);

}  // namespace eg::cli
