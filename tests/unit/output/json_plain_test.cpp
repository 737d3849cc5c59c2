// short_json_plain (engine/extract/json_text.h), which the alert formatter
// asks of every string value it writes, against json_plain for every length
// up to 40 (its inline cases and beyond) with each kind of byte that needs
// escaping (or is UTF-8) at each position: the text line's JSON is copied
// unescaped on its answer.
#include <string>

#include <gtest/gtest.h>

#include "engine/extract/json_text.h"

namespace eg {
namespace {

TEST(ShortJsonPlain, AgreesWithJsonPlain) {
  const unsigned char specials[] = {0x00, 0x01, 0x1f, '"', '\\', 0x7f, 0x80, 0xc3, 0xff, ' ', 'a', '~', '/'};
  for (size_t n = 0; n <= 40; ++n) {
    std::string s(n, 'x');
    EXPECT_TRUE(short_json_plain(s.data(), n)) << n;
    for (size_t at = 0; at < n; ++at) {
      for (unsigned char c : specials) {
        std::string t = s;
        t[at] = static_cast<char>(c);
        EXPECT_EQ(short_json_plain(t.data(), n), json_plain(t)) << "n=" << n << " at=" << at << " byte=" << int(c);
      }
    }
  }
}

}  // namespace
}  // namespace eg
