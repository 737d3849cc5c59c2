// The compile step run after each file (§2.8): lists are expanded, macros
// parsed and resolved, every rule's condition built (exceptions, lists),
// parsed, resolved, checked and compiled; unused lists/macros are reported.
// The first failure stops the step, as in Falco.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/loader/collector.h"
#include "engine/loader/load_sink.h"
#include "engine/loader/compile_cache.h"
#include "engine/loader/rule_loader.h"

namespace eg {

struct CompileOutput {
  std::vector<CompiledList> lists;
  std::vector<CompiledMacro> macros;
  std::vector<CompiledRule> rules;
  std::optional<std::string> fatal;  // runtime error that ends the application
};

// Returns false when compilation failed (the error is in sink.result). `cache`
// carries what the compiles of one loader share (compile_cache.h).
bool compile_collected(const Collector& collector, const LoaderOptions& options, CompileCache& cache,
                       LoadSink& sink, CompileOutput& out);

}  // namespace eg
