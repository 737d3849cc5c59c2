// Parsed conditions by text. Everything is compiled again after each file
// (as Falco does), and most conditions do not change between files, so the
// loader keeps each text's parse result and hands out copies of the tree.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "parser/condition/condition_parser.h"

namespace eg {

class ParseCache {
 public:
  // The cached result for `text` (parsing it on first use). The tree is
  // shared: clone it before changing it.
  const ConditionParseResult& parse(const std::string& text) {
    auto it = results_.find(text);
    if (it == results_.end()) it = results_.emplace(text, parse_condition(text)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, ConditionParseResult> results_;
};

}  // namespace eg
