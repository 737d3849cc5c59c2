// String set membership (`in`, `intersects`, `= anyof`): the set rejects a
// value early by its length and first byte and hashes the rest with its own
// short-text hash; whatever it skips, the verdict must be the plain one — the
// value, cut at its first NUL, equals some member cut at its first NUL.
// Checked against a linear search over values of every length from 0 to 40
// (the hash's 0-3, 4-7, 8 and longer branches), values with NULs, shared prefixes
// and suffixes, and members of one byte and of none.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compiler/string_match.h"
#include "engine/compiler/value_test.h"

namespace eg {
namespace {

using namespace std::string_literals;

std::vector<std::string> values() {
  std::vector<std::string> v = {""s, "\0"s, "ls"s, "id"s, "sh"s, "lsof"s, "l"s, "s"s, "ls\0x"s, "\0ls"s,
                                "/usr/bin/ls"s, "/usr/bin/lz"s, "groupmems"s, "groupmemt"s, "Groupmems"s};
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'a'), b(n, 'a');
    if (n > 0) b[n - 1] = 'b';
    std::string c = b;
    if (n > 0) c[0] = 'c';
    std::string mid = a;
    if (n > 2) mid[n / 2] = 'm';
    for (auto& s : {a, b, c, mid}) v.push_back(s);
  }
  return v;
}

bool reference(const std::vector<std::string>& members, std::string_view value) {
  std::string_view a = as_c_string(value);
  return std::any_of(members.begin(), members.end(), [&](const std::string& m) { return as_c_string(m) == a; });
}

TEST(StringSet, MembershipIsThePlainDefinition) {
  const auto all = values();
  std::vector<std::vector<std::string>> sets = {{"id", "sh", "lsy"},
                                                {"x"},
                                                {""},
                                                {"groupmems", "/usr/bin/ls", "lsof"}};
  // Sets of every third / fifth generated value (long members, shared prefixes).
  for (size_t step : {3u, 5u, 7u}) {
    std::vector<std::string> s;
    for (size_t i = 0; i < all.size(); i += step)
      if (all[i].find('\0') == std::string::npos) s.push_back(all[i]);  // constants hold no NUL
    sets.push_back(s);
  }
  for (CompareOp op : {CompareOp::In, CompareOp::Intersects}) {
    for (size_t i = 0; i < sets.size(); ++i) {
      ValueTestSpec spec;
      spec.op = op;
      spec.type = FieldType::CHARBUF;
      spec.constants = sets[i];
      spec.list_operand = true;
      std::string error;
      auto test = build_value_test(spec, &error);
      ASSERT_TRUE(test) << error;
      ASSERT_TRUE(test->supports_text(FieldType::CHARBUF));
      for (const auto& v : all) {
        const bool want = reference(sets[i], v);
        EXPECT_EQ(test->test_text(v), want) << "set " << i << " value '" << v << "' size " << v.size();
        EXPECT_EQ(test->test(FieldValue::string(FieldType::CHARBUF, v)), want) << "set " << i << " value '" << v << "'";
      }
    }
  }
}

}  // namespace
}  // namespace eg
