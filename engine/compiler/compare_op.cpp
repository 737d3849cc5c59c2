// Operator and modifier spellings (see compare_op.h).
#include "engine/compiler/compare_op.h"

#include <array>
#include <utility>

namespace eg {
namespace {

struct OpSpelling {
  std::string_view text;
  CompareOp op;
};

constexpr std::array kOpSpellings = {
    OpSpelling{"=", CompareOp::Eq},           OpSpelling{"==", CompareOp::Eq},
    OpSpelling{"!=", CompareOp::Ne},          OpSpelling{"<", CompareOp::Lt},
    OpSpelling{"<=", CompareOp::Le},          OpSpelling{">", CompareOp::Gt},
    OpSpelling{">=", CompareOp::Ge},          OpSpelling{"contains", CompareOp::Contains},
    OpSpelling{"icontains", CompareOp::IContains}, OpSpelling{"bcontains", CompareOp::BContains},
    OpSpelling{"startswith", CompareOp::StartsWith},
    OpSpelling{"bstartswith", CompareOp::BStartsWith},
    OpSpelling{"endswith", CompareOp::EndsWith}, OpSpelling{"glob", CompareOp::Glob},
    OpSpelling{"iglob", CompareOp::IGlob},     OpSpelling{"regex", CompareOp::Regex},
    OpSpelling{"pmatch", CompareOp::PMatch},   OpSpelling{"in", CompareOp::In},
    OpSpelling{"intersects", CompareOp::Intersects}, OpSpelling{"exists", CompareOp::Exists},
};

// Indexed by CompareOp.
constexpr std::array<std::string_view, 19> kUpperNames = {
    "EQ", "NE", "LT", "LE", "GT", "GE", "CONTAINS", "ICONTAINS", "BCONTAINS", "STARTSWITH",
    "BSTARTSWITH", "ENDSWITH", "GLOB", "IGLOB", "REGEX", "PMATCH", "IN", "INTERSECTS", "EXISTS",
};

}  // namespace

std::optional<CompareOp> parse_compare_op(std::string_view text) {
  for (const auto& s : kOpSpellings)
    if (s.text == text) return s.op;
  return std::nullopt;
}

std::string_view compare_op_upper_name(CompareOp op) {
  return kUpperNames[static_cast<size_t>(op)];
}

std::optional<Modifier> parse_modifier(std::string_view text) {
  if (text.empty()) return Modifier::None;
  if (text == "oneof") return Modifier::OneOf;
  if (text == "anyof") return Modifier::AnyOf;
  if (text == "allof") return Modifier::AllOf;
  return std::nullopt;
}

}  // namespace eg
