// Reads the YAML documents of a rules file with yaml-cpp, keeping for every
// node its position (yaml-cpp Mark: 0-based line, column and byte offset), and
// maps YAML syntax errors to Falco's report (message + position). Also renders
// the source snippet Falco prints under an error ("- list: x\n  ^\n").
//
// The loader walks the YAML::Node tree directly: yaml-cpp already keeps the
// marks, so a second item model would only duplicate it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace eg {

struct YamlMark {
  uint32_t line = 0;    // 0-based
  uint32_t column = 0;  // 0-based
  uint32_t offset = 0;  // byte offset
};

YamlMark mark_of(const YAML::Node& node);
YamlMark mark_of(const YAML::Mark& mark);

struct YamlSyntaxError {
  std::string message;  // yaml-cpp's text: "yaml-cpp: error at line 3, column 13: illegal map value"
  std::optional<YamlMark> mark;  // absent for errors without a position
};

struct RulesYaml {
  std::vector<YAML::Node> documents;
  std::optional<YamlSyntaxError> error;  // set when the content is not valid YAML
};

// All documents of the content; on a syntax error, no documents.
RulesYaml read_rules_yaml(const std::string& content);

// Falco's snippet: the line containing `offset` (at most width/2 bytes each
// side, elided with "..."), a newline, then a caret line under the position.
std::string render_snippet(std::string_view content, size_t offset, size_t width = 160);

}  // namespace eg
