// String comparisons follow C-string semantics (the value up to its first
// NUL, as Falco's filter checks compare them). The fast string tests skip the
// search for a NUL where they can; this differential test checks every string
// operator on values and constants with and without embedded NULs, empty and
// longer than each other, against the plain definition: cut both at the
// first NUL, then compare.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/compiler/string_match.h"
#include "engine/compiler/value_test.h"

namespace eg {
namespace {

bool reference(CompareOp op, std::string_view value, std::string_view constant) {
  std::string_view a = as_c_string(value), c = as_c_string(constant);
  switch (op) {
    case CompareOp::Eq: return a == c;
    case CompareOp::Ne: return a != c;
    case CompareOp::Contains: return a.find(c) != std::string_view::npos;
    case CompareOp::StartsWith: return a.substr(0, c.size()) == c && a.size() >= c.size();
    case CompareOp::EndsWith: return a.size() >= c.size() && a.substr(a.size() - c.size()) == c;
    default: return false;
  }
}

TEST(StringTestNul, EveryStringOperatorMatchesTheCStringDefinition) {
  using namespace std::string_literals;
  const std::vector<std::string> texts = {""s,        "a"s,          "/etc"s,          "/etc/shadow"s,
                                          "\0"s,      "/etc\0"s,     "/etc\0/shadow"s, "/et"s,
                                          "x/etc"s,   "/etc/shadow\0junk"s, "\0/etc"s, "shadow"s};
  for (CompareOp op : {CompareOp::Eq, CompareOp::Ne, CompareOp::Contains, CompareOp::StartsWith,
                       CompareOp::EndsWith}) {
    for (const std::string& constant : texts) {
      ValueTestSpec spec;
      spec.op = op;
      spec.type = FieldType::CHARBUF;
      spec.constants = {constant};
      std::string error;
      ValueTestPtr test = build_value_test(spec, &error);
      if (!test) continue;  // a constant the operator refuses (reported elsewhere)
      for (const std::string& value : texts) {
        FieldValue v = FieldValue::string(FieldType::CHARBUF, value);
        EXPECT_EQ(test->test(v), reference(op, value, constant))
            << "op " << static_cast<int>(op) << " value '" << value << "' (" << value.size()
            << " bytes) constant '" << constant << "' (" << constant.size() << " bytes)";
      }
    }
  }
}

}  // namespace
}  // namespace eg
