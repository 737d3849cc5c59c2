// Extractors that transform the values of other extractors (§4.4):
// tolower/toupper/basename/b64 (per value), len (a count), join/concat
// (several operands into one string), getopt (POSIX option scanning), plus
// the constant and list operands they take. Each keeps the strings it builds
// in its own storage, valid until its next extraction.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/extract/extractor.h"

namespace eg {

using ExtractorPtr = std::unique_ptr<Extractor>;

enum class ValueMap : uint8_t { ToLower, ToUpper, Basename, Base64Decode };

ExtractorPtr make_value_map(ValueMap map, ExtractorPtr inner);
ExtractorPtr make_len(ExtractorPtr inner);
ExtractorPtr make_join(ExtractorPtr separator, ExtractorPtr list);
ExtractorPtr make_concat(std::vector<ExtractorPtr> parts);
ExtractorPtr make_getopt(ExtractorPtr args, ExtractorPtr optstring, std::optional<char> selector);
// A literal text operand (CHARBUF, always has a value).
ExtractorPtr make_literal(std::string text);
// A parenthesised list of operands: the values of all, in order (a list).
ExtractorPtr make_operand_list(std::vector<ExtractorPtr> items);

// base64 decoding (standard alphabet, '=' padding); false when not decodable.
bool base64_decode(std::string_view in, std::string& out);

}  // namespace eg
