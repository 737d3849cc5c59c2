// Field listing for --list (see field_listing.h). The layout follows Falco's:
// a header per field class, then one field per line with its type and description.
#include "engine/cli/field_listing.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fields/field_registry.h"

namespace eg::cli {

std::string render_field_list(const std::string& source, bool names_only, const std::string& format) {
  if (!source.empty() && source != "syscall") return {};
  std::string out;
  nlohmann::json json = nlohmann::json::array();
  std::string_view current_class;
  for (const FieldInfo& f : all_fields()) {
    if (f.has(kFieldHidden)) continue;
    if (names_only) {
      out += fmt::format("{}\n", f.name);
      continue;
    }
    if (format == "json") {
      json.push_back({{"name", f.name}, {"type", field_type_name(f.type)}, {"class", f.field_class},
                      {"desc", f.description}});
      continue;
    }
    if (f.field_class != current_class) {
      current_class = f.field_class;
      out += format == "markdown" ? fmt::format("\n## Field Class: {}\n\n", f.field_class)
                                  : fmt::format("\n-------------------------------\nField Class: {} (source: syscall)\n\n", f.field_class);
    }
    if (format == "markdown")
      out += fmt::format("`{}` | {} | {}\n", f.name, field_type_name(f.type), f.description);
    else
      out += fmt::format("{:<25} {}\n", f.name, f.description);
  }
  if (format == "json" && !names_only) return json.dump() + "\n";
  return out;
}

}  // namespace eg::cli
