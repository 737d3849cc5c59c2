// Component trie for pmatch (see path_prefix.h).
#include "engine/compiler/path_prefix.h"

#include <fnmatch.h>

namespace eg {

struct PathPrefixSet::Node {
  bool terminal = false;
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literal;
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> globbed;
};

namespace {

std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool has_glob_chars(std::string_view s) {
  return s.find_first_of("*?[") != std::string_view::npos;
}

}  // namespace

PathPrefixSet::PathPrefixSet() : root_(std::make_unique<Node>()) {}
PathPrefixSet::~PathPrefixSet() = default;
PathPrefixSet::PathPrefixSet(PathPrefixSet&&) noexcept = default;
PathPrefixSet& PathPrefixSet::operator=(PathPrefixSet&&) noexcept = default;

void PathPrefixSet::add(std::string_view path) {
  Node* node = root_.get();
  for (std::string_view c : components(path)) {
    if (has_glob_chars(c)) {
      Node* next = nullptr;
      for (auto& [pattern, child] : node->globbed)
        if (pattern == c) next = child.get();
      if (!next) {
        node->globbed.emplace_back(std::string(c), std::make_unique<Node>());
        next = node->globbed.back().second.get();
      }
      node = next;
    } else {
      auto it = node->literal.find(c);
      if (it == node->literal.end())
        it = node->literal.emplace(std::string(c), std::make_unique<Node>()).first;
      node = it->second.get();
    }
  }
  node->terminal = true;
  ++count_;
}

namespace {

// The next non-empty component of `path` at or after `pos`; false at the end.
bool next_component(std::string_view path, size_t& pos, std::string_view& component) {
  while (pos < path.size() && path[pos] == '/') ++pos;
  if (pos >= path.size()) return false;
  size_t end = path.find('/', pos);
  if (end == std::string_view::npos) end = path.size();
  component = path.substr(pos, end - pos);
  pos = end;
  return true;
}

bool match_from(const auto& node, std::string_view path, size_t pos, std::string& scratch) {
  if (node.terminal) return true;
  std::string_view part;
  if (!next_component(path, pos, part)) return false;
  if (auto it = node.literal.find(part); it != node.literal.end())
    if (match_from(*it->second, path, pos, scratch)) return true;
  for (const auto& [pattern, child] : node.globbed) {
    scratch.assign(part);
    if (fnmatch(pattern.c_str(), scratch.c_str(), 0) == 0 && match_from(*child, path, pos, scratch))
      return true;
  }
  return false;
}

}  // namespace

bool PathPrefixSet::matches(std::string_view path) const {
  if (count_ == 0) return false;
  std::string scratch;
  return match_from(*root_, path, 0, scratch);
}

}  // namespace eg
