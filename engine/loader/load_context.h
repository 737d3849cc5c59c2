// Building the location chains of load reports (see load_result.h): a child
// context adds one location to its parent's chain; condition contexts add the
// parser's 1-based position to the YAML position of the condition value and
// name the location after the (shortened) condition text, as Falco does.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "engine/loader/load_result.h"
#include "parser/condition/ast.h"

namespace eg {

// The root context of a file: "rules content" at 0:0:0.
LoadContext file_context(const std::string& file_name);

// A child location at a YAML node.
LoadContext child_context(const LoadContext& parent, const YAML::Node& node,
                          std::string_view item_type, std::string item_name = {});
LoadContext child_context(const LoadContext& parent, const YAML::Mark& mark,
                          std::string_view item_type, std::string item_name = {});

// A "condition expression" location: `pos` is the parser position within
// `condition`; `parent`'s last location is the YAML position of the value.
LoadContext condition_context(const LoadContext& parent, const ast::Position& pos,
                              const std::string& condition);
// The same with Falco's default position (0, 0, 0), used by warnings that
// carry no parser position (deprecated fields).
LoadContext condition_context_at_start(const LoadContext& parent, const std::string& condition);

// Thrown by item readers and the compile step; caught per file.
struct LoadFailure {
  LoadErrorCode code;
  std::string message;
  LoadContext context;
};

}  // namespace eg
