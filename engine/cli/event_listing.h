// --list-events (the event names of the schema, one per line as
// "<dir> name(params)") and -i (the high-volume I/O syscalls a live source
// leaves out unless base_syscalls.all, language reference §6.3).
#pragma once

#include <string>

namespace eg::cli {

std::string render_event_list();
std::string render_ignored_syscalls();

}  // namespace eg::cli
