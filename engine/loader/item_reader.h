// Reads the items of one rules file (YAML documents already parsed) into the
// collector, with Falco's checks and messages for every key (§1, §2.3, §3.1).
// The first error stops the file: it is thrown as LoadFailure and recorded by
// read_rules_file, which returns false.
#pragma once

#include <string>

#include "engine/loader/collector.h"
#include "engine/loader/load_sink.h"
#include "parser/rules/rules_yaml.h"

namespace eg {

// Returns false when the file failed (the error is in sink.result).
bool read_rules_file(const std::string& name, const RulesYaml& yaml, Collector& collector,
                     LoadSink& sink);

}  // namespace eg
