// `-d evttypes`: a debugging report of the event-type set of every loaded rule
// (language reference §6.1), one line per rule in evaluation order. It shows
// what the event-type index will do with each rule: which event codes reach it,
// and which rules are broad enough to run on every event.
#pragma once

#include <string>

namespace eg {
class RuleLoader;
}

namespace eg::cli {

std::string render_event_type_report(const RuleLoader& loader);

}  // namespace eg::cli
