// Output format scan (see output_fields.h): longest-prefix field match after
// each `%`, optional width digits, transformers as name(args).
#include "engine/loader/output_fields.h"

#include <array>
#include <cctype>
#include <string_view>

#include "fields/field_registry.h"

namespace eg {
namespace {

constexpr std::array<std::string_view, 8> kOutputTransformers{"tolower", "toupper", "b64", "basename",
                                                               "len", "join", "concat", "getopt"};

struct Scanner {
  std::string_view text;
  size_t pos = 0;

  // A field or a transformer expression at pos; appends the names seen.
  bool operand(std::vector<std::string>& inner, std::string& written) {
    for (auto t : kOutputTransformers) {
      if (text.substr(pos, t.size()) == t && pos + t.size() < text.size() && text[pos + t.size()] == '(') {
        size_t start = pos;
        pos += t.size() + 1;
        std::vector<std::string> args_inner;
        while (true) {
          while (pos < text.size() && text[pos] == ' ') ++pos;
          std::string w;
          if (!operand(args_inner, w)) return false;
          while (pos < text.size() && text[pos] == ' ') ++pos;
          if (pos < text.size() && text[pos] == ',') {
            ++pos;
            continue;
          }
          break;
        }
        if (pos >= text.size() || text[pos] != ')') return false;
        ++pos;
        written = std::string(text.substr(start, pos - start));
        inner.insert(inner.end(), args_inner.begin(), args_inner.end());
        inner.push_back(written);
        return true;
      }
    }
    FieldPrefixMatch m = match_field_prefix(text.substr(pos));
    if (!m.info || m.length == 0 || m.unterminated_bracket) return false;
    written = std::string(text.substr(pos, m.length));
    inner.push_back(written);
    pos += m.length;
    return true;
  }
};

}  // namespace

OutputScan scan_output_format(const std::string& format) {
  OutputScan out;
  Scanner s{format, 0};
  while (s.pos < format.size()) {
    if (format[s.pos] != '%') {
      ++s.pos;
      continue;
    }
    ++s.pos;
    while (s.pos < format.size() && std::isdigit(static_cast<unsigned char>(format[s.pos]))) ++s.pos;
    std::vector<std::string> inner;
    std::string written;
    if (s.pos >= format.size() || !s.operand(inner, written)) {
      out.ok = false;
      return out;
    }
    out.fields.insert(out.fields.end(), inner.begin(), inner.end());
  }
  return out;
}

}  // namespace eg
