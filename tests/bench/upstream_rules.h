// The three upstream Falco rules files (the default rule set) as loader
// inputs, read from the shared compatibility data; empty contents when the
// data is absent (benchmarks then skip with a message).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/loader/rule_loader.h"

namespace eg::bench {

inline std::vector<RulesFileInput> upstream_rules_files() {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(EG_SHARED_DIR) / "compat" / "rules";
  std::vector<RulesFileInput> out;
  for (const char* name : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    std::ifstream in(dir / name, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    out.push_back({name, os.str()});
  }
  return out;
}

}  // namespace eg::bench
