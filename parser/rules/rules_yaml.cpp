// yaml-cpp loading and snippet rendering for rules files (see rules_yaml.h).
#include "parser/rules/rules_yaml.h"

namespace eg {

YamlMark mark_of(const YAML::Mark& mark) {
  YamlMark m;
  m.line = mark.line < 0 ? 0 : static_cast<uint32_t>(mark.line);
  m.column = mark.column < 0 ? 0 : static_cast<uint32_t>(mark.column);
  m.offset = mark.pos < 0 ? 0 : static_cast<uint32_t>(mark.pos);
  return m;
}

YamlMark mark_of(const YAML::Node& node) { return mark_of(node.Mark()); }

RulesYaml read_rules_yaml(const std::string& content) {
  RulesYaml out;
  try {
    out.documents = YAML::LoadAll(content);
  } catch (const YAML::ParserException& e) {
    out.documents.clear();
    out.error = YamlSyntaxError{e.what(), mark_of(e.mark)};
  } catch (const std::exception& e) {
    out.documents.clear();
    out.error = YamlSyntaxError{e.what(), std::nullopt};
  }
  return out;
}

std::string render_snippet(std::string_view content, size_t offset, size_t width) {
  if (content.empty()) return "<No context available>\n";
  const size_t half = width / 2;
  size_t pos = offset;
  // A mark may point past the end (dangling value) or at a newline: step back.
  while (pos > 0 && (pos >= content.size() || content[pos] == '\n')) --pos;

  size_t from = pos;
  while (from > 0 && content[from] != '\n' && (pos - from) < half) --from;
  size_t to = pos;
  while (to < content.size() - 1 && content[to] != '\n' && (to - pos) < half) ++to;
  if (from < content.size() && content[from] == '\n') ++from;
  if (to < content.size() && content[to] == '\n' && to > 0) --to;
  if (to + 1 < from) return "<No context available>\n";

  std::string line(content.substr(from, to - from + 1));
  if (line.empty()) return "<No context available>\n";
  if (pos - from >= half) line.replace(0, 3, "...");
  if (to - pos >= half) line.replace(line.size() - 3, 3, "...");
  line += "\n";
  if (pos - from <= line.size() - 1) {
    line += std::string(pos - from, ' ') + "^\n";
  }
  return line;
}

}  // namespace eg
