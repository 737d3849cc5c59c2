// Event processing of a capture file (engine.kind=replay): capture reader ->
// state -> rules -> alert formatting -> queued outputs, then the end-of-run
// summary. SIGINT/SIGTERM stop reading; queues are flushed before the summary.
#pragma once

#include "engine/cli/app_config.h"
#include "engine/loader/rule_loader.h"

namespace eg::cli {

struct RunOptions {
  bool verbose = false;   // -v: processing statistics on stderr
  uint64_t duration_s = 0;  // -M
};

// Returns the exit code.
int run_replay(const AppConfig& config, RuleLoader& loader, const RunOptions& options);

// Installs the SIGINT/SIGTERM handlers: the first signal stops reading events
// (outputs are still drained, summary printed); a second one also cuts the
// drain short, dropping (and counting) what the sinks have not delivered.
void install_stop_signal_handlers();
bool stop_requested();
bool drain_abort_requested();

}  // namespace eg::cli
