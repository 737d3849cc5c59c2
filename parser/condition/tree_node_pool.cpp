// Per-thread recycling of parse-tree nodes (see TreeNode in
// condition_parse_tree.h): released nodes are kept on a free list and handed
// out again, so parsing does not call the general allocator for each of the
// many short-lived nodes PEGTL creates while trying alternatives.
#include <new>
#include <vector>

#include "parser/condition/condition_parse_tree.h"

namespace eg::condition {
namespace {

class NodePool {
 public:
  ~NodePool() {
    for (void* block : free_) ::operator delete(block);
  }
  void* take(std::size_t size) {
    if (size != sizeof(TreeNode) || free_.empty()) return ::operator new(size);
    void* block = free_.back();
    free_.pop_back();
    return block;
  }
  void give(void* block, std::size_t size) {
    if (size != sizeof(TreeNode) || free_.size() >= kMaxKept) {
      ::operator delete(block);
      return;
    }
    free_.push_back(block);
  }

 private:
  static constexpr std::size_t kMaxKept = 4096;
  std::vector<void*> free_;
};

NodePool& pool() {
  thread_local NodePool nodes;
  return nodes;
}

}  // namespace

void* TreeNode::operator new(std::size_t size) { return pool().take(size); }

void TreeNode::operator delete(void* node, std::size_t size) noexcept { pool().give(node, size); }

}  // namespace eg::condition
