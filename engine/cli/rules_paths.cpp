// Rules path expansion and the Falco wildcard matcher (see rules_paths.h).
#include "engine/cli/rules_paths.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace eg::cli {
namespace fs = std::filesystem;

bool wildcard_match(std::string_view pattern, std::string_view text) {
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == text;
  // literal head must match exactly
  if (text.substr(0, star) != pattern.substr(0, star)) return false;
  size_t pos = star;
  std::string_view rest = pattern.substr(star);
  while (!rest.empty()) {
    // rest starts with one or more '*'
    size_t first = rest.find_first_not_of('*');
    if (first == std::string_view::npos) return true;  // trailing '*' eats everything
    rest.remove_prefix(first);
    size_t next_star = rest.find('*');
    std::string_view chunk = rest.substr(0, next_star);
    if (next_star == std::string_view::npos) {
      // last chunk: first occurrence must end the text (no backtracking)
      size_t at = text.find(chunk, pos);
      return at != std::string_view::npos && at + chunk.size() == text.size();
    }
    size_t at = text.find(chunk, pos);
    if (at == std::string_view::npos) return false;
    pos = at + chunk.size();
    rest.remove_prefix(next_star);
  }
  return pos == text.size();
}

namespace {

bool is_rules_file_name(const std::string& path) {
  return wildcard_match("*.yaml", path) || wildcard_match("*.yml", path);
}

std::vector<std::string> directory_files(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file(ec)) out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

RulesPathsResult expand_rules_paths(const std::vector<std::string>& paths) {
  RulesPathsResult r;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& f : directory_files(p))
        if (is_rules_file_name(f)) r.files.push_back(f);
      continue;
    }
    if (!is_rules_file_name(p)) continue;
    std::ifstream probe(p);
    if (!probe) {
      r.error = fmt::format("Could not open file {} for reading", p);
      return r;
    }
    r.files.push_back(p);
  }
  return r;
}

}  // namespace eg::cli
