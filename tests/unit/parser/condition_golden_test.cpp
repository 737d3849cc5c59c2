// Golden tests of the condition parser against real Falco output.
//
// The shared rules-cases corpus holds what Falco 0.44 printed for hundreds of
// small rules files. Two things in it concern the parser alone:
//  - `-L` JSON (list.json): for every rule or macro whose condition uses no
//    list, no macro and no exception, "condition_compiled" is libsinsp's
//    printing of the parsed condition, and "condition_fields" /
//    "condition_operators" are what the AST uses;
//  - `-V` JSON (validate.json): for a condition error, the "condition
//    expression" location minus the "rule/macro condition" location is the
//    parser position (Falco adds the parser's offset, 1-based line and column
//    to the 0-based YAML position of the condition). Syntax errors must match
//    in message and position; other compile errors (unknown fields, bad
//    values, ...) mean the text itself parsed, so it must parse here too.
// Cases whose files define lists are skipped: lists are substituted in the
// text before parsing, which is the loader's job, not the parser's.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "parser/condition/ast_inventory.h"
#include "parser/condition/ast_printer.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path cases_dir() { return fs::path(EG_SHARED_DIR) / "compat/expected/rules-cases"; }

std::vector<fs::path> case_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(cases_dir())) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

std::optional<json> read_json(const fs::path& file) {
  std::ifstream in(file);
  if (!in || fs::file_size(file) == 0) return std::nullopt;
  return json::parse(in, nullptr, /*allow_exceptions=*/false);
}

// All YAML documents of all rules files of a case (unreadable files skipped).
std::vector<YAML::Node> rules_documents(const fs::path& dir) {
  std::vector<YAML::Node> docs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (ext != ".yaml" && ext != ".yml") continue;
    try {
      for (auto& d : YAML::LoadAllFromFile(entry.path().string())) docs.push_back(d);
    } catch (const YAML::Exception&) {
    }
  }
  return docs;
}

template <typename Visit>
void for_each_item(const std::vector<YAML::Node>& docs, Visit visit) {
  for (const auto& doc : docs) {
    if (!doc.IsSequence()) continue;
    for (const auto& item : doc) {
      if (item.IsMap()) visit(item);
    }
  }
}

bool defines_lists(const std::vector<YAML::Node>& docs) {
  bool found = false;
  for_each_item(docs, [&](const YAML::Node& item) { found = found || item["list"]; });
  return found;
}

// The condition of the single plain definition of a rule or macro, if any.
std::optional<std::string> plain_condition(const std::vector<YAML::Node>& docs,
                                           const std::string& kind, const std::string& name) {
  std::optional<std::string> condition;
  int definitions = 0;
  for_each_item(docs, [&](const YAML::Node& item) {
    if (!item[kind] || !item[kind].IsScalar() || item[kind].as<std::string>() != name) return;
    ++definitions;
    if (item["exceptions"] || item["append"] || item["override"]) definitions += 100;
    if (item["condition"] && item["condition"].IsScalar()) {
      condition = item["condition"].as<std::string>();
    }
  });
  if (definitions != 1) return std::nullopt;
  return condition;
}

// Messages produced by the parser (everything else comes from the compiler).
bool is_syntax_message(const std::string& message) {
  static const std::vector<std::string> prefixes = {
      "unexpected token after", "expected ", "exceeded max depth", "unsupported string escape",
      "invalid \\\" escape", "invalid \\' escape", "filter input string is empty"};
  for (const auto& p : prefixes) {
    if (message.rfind(p, 0) == 0) return true;
  }
  return false;
}

std::set<std::string> as_set(const json& array) {
  std::set<std::string> s;
  for (const auto& v : array) s.insert(v.get<std::string>());
  return s;
}

std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

class ConditionGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(cases_dir())) GTEST_SKIP() << "shared rules-cases corpus not found";
  }
};

TEST_F(ConditionGolden, CompiledConditionsMatchFalcoListing) {
  int compared = 0;
  for (const auto& dir : case_dirs()) {
    auto listing = read_json(dir / "list.json");
    if (!listing || listing->is_discarded()) continue;
    if (defines_lists(rules_documents(dir))) continue;
    for (const char* kind : {"macros", "rules"}) {
      for (const auto& entry : listing->value(kind, json::array())) {
        const auto& details = entry["details"];
        if (!details.value("macros", json::array()).empty() ||
            !details.value("lists", json::array()).empty() ||
            !details.value("exception_names", json::array()).empty()) {
          continue;
        }
        const std::string condition = entry["info"]["condition"];
        SCOPED_TRACE(dir.filename().string() + ": " + condition);
        auto parsed = parse_condition(condition);
        ASSERT_TRUE(parsed.ok()) << parsed.error;
        EXPECT_EQ(ast::to_string(*parsed.expr), details["condition_compiled"].get<std::string>());
        EXPECT_EQ(as_set(ast::collect_fields(*parsed.expr)), as_set(details["condition_fields"]));
        EXPECT_EQ(as_set(ast::collect_operators(*parsed.expr)),
                  as_set(details["condition_operators"]));
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 150);
}

struct ConditionError {
  std::string kind;  // "rule" or "macro"
  std::string name;
  std::string message;
  ast::Position position;  // relative to the condition text
};

std::optional<ConditionError> condition_error(const json& error) {
  const json* item = nullptr;
  const json* condition = nullptr;
  const json* expression = nullptr;
  for (const auto& loc : error["context"]["locations"]) {
    const std::string type = loc["item_type"];
    if (type == "rule" || type == "macro") item = &loc;
    if (type == "rule condition" || type == "macro condition") condition = &loc;
    if (type == "condition expression") expression = &loc;
  }
  if (!item || !condition || !expression) return std::nullopt;
  const auto& c = (*condition)["position"];
  const auto& e = (*expression)["position"];
  ConditionError out;
  out.kind = (*item)["item_type"];
  out.name = (*item)["item_name"];
  out.message = error["message"];
  out.position.offset = e["offset"].get<uint32_t>() - c["offset"].get<uint32_t>();
  out.position.line = e["line"].get<uint32_t>() - c["line"].get<uint32_t>();
  out.position.column = e["column"].get<uint32_t>() - c["column"].get<uint32_t>();
  return out;
}

TEST_F(ConditionGolden, ConditionErrorsMatchFalcoValidation) {
  int syntax_errors = 0;
  int compile_errors = 0;
  for (const auto& dir : case_dirs()) {
    auto report = read_json(dir / "validate.json");
    if (!report || report->is_discarded()) continue;
    const auto docs = rules_documents(dir);
    if (defines_lists(docs)) continue;
    for (const auto& file : (*report)["falco_load_results"]) {
      for (const auto& error : file["errors"]) {
        auto expected = condition_error(error);
        if (!expected) continue;
        auto text = plain_condition(docs, expected->kind, expected->name);
        if (!text) continue;
        SCOPED_TRACE(dir.filename().string() + ": " + *text);
        auto parsed = parse_condition(*text);
        if (!is_syntax_message(expected->message)) {
          EXPECT_TRUE(parsed.ok()) << parsed.error;
          ++compile_errors;
          continue;
        }
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error, expected->message);
        EXPECT_EQ(parsed.error_pos.offset, expected->position.offset);
        EXPECT_EQ(parsed.error_pos.line, expected->position.line);
        EXPECT_EQ(parsed.error_pos.column, expected->position.column);
        ++syntax_errors;
      }
    }
  }
  EXPECT_GT(syntax_errors, 30);
  EXPECT_GT(compile_errors, 25);
}

}  // namespace
}  // namespace eg
