// Runs the hand-written condition corpus (tests/data/conditions/*.cases, format
// in the README there): each condition must print as expected or fail with the
// expected message and position.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "parser/condition/ast_printer.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

namespace fs = std::filesystem;

struct CorpusCase {
  std::string where;  // file:line of the input line
  std::string input;
  std::optional<std::string> printed;  // accepted: expected text
  std::string error;                   // rejected: expected message
  ast::Position error_pos;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escapes of "inx:"/"outx:" lines.
std::string decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    const char c = text[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'b': out += '\b'; break;
      case 'v': out += '\v'; break;
      case 'f': out += '\f'; break;
      case 's': out += ' '; break;
      case 'x':
        if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
          out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
          i += 2;
        }
        break;
      default: out += c; break;
    }
  }
  return out;
}

std::optional<std::string> after_prefix(const std::string& line, const std::string& key) {
  if (line == key + ":") return std::string();
  if (line.rfind(key + ": ", 0) == 0) return line.substr(key.size() + 2);
  return std::nullopt;
}

bool parse_error_line(const std::string& text, CorpusCase& c) {
  unsigned offset = 0, line = 0, column = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%u:%u:%u %n", &offset, &line, &column, &consumed) != 3) return false;
  c.error_pos = {offset, line, column};
  c.error = text.substr(static_cast<size_t>(consumed));
  return true;
}

std::vector<CorpusCase> load_file(const fs::path& file) {
  std::vector<CorpusCase> cases;
  std::ifstream in(file);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::string where = file.filename().string() + ":" + std::to_string(number);
    if (auto v = after_prefix(line, "in")) {
      cases.push_back({where, *v, {}, {}, {}});
    } else if (auto x = after_prefix(line, "inx")) {
      cases.push_back({where, decode(*x), {}, {}, {}});
    } else if (cases.empty()) {
      ADD_FAILURE() << where << ": expectation without input";
    } else if (auto o = after_prefix(line, "out")) {
      cases.back().printed = *o;
    } else if (auto ox = after_prefix(line, "outx")) {
      cases.back().printed = decode(*ox);
    } else if (auto e = after_prefix(line, "err")) {
      if (!parse_error_line(*e, cases.back())) ADD_FAILURE() << where << ": bad err line";
    } else {
      ADD_FAILURE() << where << ": unknown line: " << line;
    }
  }
  return cases;
}

std::vector<CorpusCase> load_corpus() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(EG_SOURCE_DIR) / "tests/data/conditions")) {
    if (e.path().extension() == ".cases") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<CorpusCase> all;
  for (const auto& f : files) {
    auto cases = load_file(f);
    all.insert(all.end(), cases.begin(), cases.end());
  }
  return all;
}

TEST(ConditionCorpus, EveryCaseMatches) {
  const auto corpus = load_corpus();
  ASSERT_GE(corpus.size(), 200u);
  for (const auto& c : corpus) {
    SCOPED_TRACE(c.where);
    const auto result = parse_condition(c.input);
    if (c.printed) {
      if (!result.ok()) {
        ADD_FAILURE() << "rejected: " << result.error << " at " << result.error_pos.offset;
        continue;
      }
      EXPECT_EQ(ast::to_string(*result.expr), *c.printed);
      continue;
    }
    if (c.error.empty()) {
      ADD_FAILURE() << "case has no expectation";
      continue;
    }
    if (result.ok()) {
      ADD_FAILURE() << "accepted as: " << ast::to_string(*result.expr);
      continue;
    }
    EXPECT_EQ(result.error, c.error);
    EXPECT_EQ(result.error_pos.offset, c.error_pos.offset);
    EXPECT_EQ(result.error_pos.line, c.error_pos.line);
    EXPECT_EQ(result.error_pos.column, c.error_pos.column);
  }
}

}  // namespace
}  // namespace eg
