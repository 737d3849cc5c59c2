// Event and ignored-syscall listings (see event_listing.h).
#include "engine/cli/event_listing.h"

#include <set>

#include <fmt/format.h>

#include "fields/event_schema.h"

namespace eg::cli {

std::string render_event_list() {
  std::string out;
  std::set<std::string> seen;
  for (const EventInfo& e : all_events()) {
    if (e.name.empty() || e.name == "NA") continue;
    std::string params;
    for (const auto& p : e.params) params += fmt::format("{}{}", params.empty() ? "" : ", ", p.name);
    std::string line = fmt::format("{} {}({})", e.dir, e.name, params);
    if (seen.insert(line).second) out += line + "\n";
  }
  return out;
}

std::string render_ignored_syscalls() {
  static const char* const kIgnored[] = {"read", "readv", "pread", "preadv", "write", "writev",
                                         "pwrite", "pwritev", "recv", "send", "sendfile"};
  std::string out = "Ignored syscall(s):\n";
  for (const char* s : kIgnored) out += fmt::format("- {}\n", s);
  return out;
}

}  // namespace eg::cli
