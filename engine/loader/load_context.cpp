// Location chains of load reports (see load_context.h).
#include "engine/loader/load_context.h"

#include <algorithm>

#include "parser/rules/rules_yaml.h"

namespace eg {

LoadContext file_context(const std::string& file_name) {
  LoadContext ctx;
  ctx.locations.push_back(LoadLocation{"rules content", "", LoadPosition{file_name, 0, 0, 0}});
  return ctx;
}

LoadContext child_context(const LoadContext& parent, const YAML::Mark& mark,
                          std::string_view item_type, std::string item_name) {
  LoadContext ctx;
  ctx.locations = parent.locations;
  YamlMark m = mark_of(mark);
  ctx.locations.push_back(LoadLocation{std::string(item_type), std::move(item_name),
                                       LoadPosition{parent.file_name(), m.line, m.column, m.offset}});
  return ctx;
}

LoadContext child_context(const LoadContext& parent, const YAML::Node& node,
                          std::string_view item_type, std::string item_name) {
  return child_context(parent, node.Mark(), item_type, std::move(item_name));
}

namespace {

std::string condition_location_name(const std::string& condition) {
  std::string name = "\"" + (condition.size() > 20 ? condition.substr(0, 17) + "...\"" : condition + "\"");
  std::replace(name.begin(), name.end(), '\n', ' ');
  std::replace(name.begin(), name.end(), '\r', ' ');
  return name;
}

LoadContext condition_context_raw(const LoadContext& parent, uint32_t offset, uint32_t line,
                                  uint32_t column, const std::string& condition) {
  LoadContext ctx;
  ctx.locations = parent.locations;
  const LoadPosition& last = parent.locations.back().position;
  ctx.locations.push_back(LoadLocation{
      "condition expression", "",
      LoadPosition{condition_location_name(condition), line + last.line, column + last.column,
                   offset + last.offset}});
  ctx.alt_content = condition;
  return ctx;
}

}  // namespace

LoadContext condition_context(const LoadContext& parent, const ast::Position& pos,
                              const std::string& condition) {
  return condition_context_raw(parent, pos.offset, pos.line, pos.column, condition);
}

LoadContext condition_context_at_start(const LoadContext& parent, const std::string& condition) {
  return condition_context_raw(parent, 0, 0, 0, condition);
}

}  // namespace eg
