// Parsers for the metadata blocks of a capture (scap format spec section 7):
// machine info, process list v1-v9, fd list v1/v2, interface list v1/v2, user
// list v1/v2. Each turns a block body into snapshot records of CaptureSection.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/sources/capture_section.h"

namespace eg {

// True when `type` is one of the metadata block types above.
bool is_metadata_block(uint32_t type);

// Parses the body (block without its 8-byte header and 4-byte trailer) of a
// metadata block of `type` into `section`. On a malformed body returns false
// and sets `error` to the reason, with `error_pos` the position in the body.
bool parse_metadata_block(uint32_t type, std::span<const uint8_t> body, CaptureSection& section,
                          std::string& error, size_t& error_pos);

// Splits a NUL-separated list ("a\0b\0") into its items ("a", "b").
std::vector<std::string> split_nul_list(std::string_view s);

}  // namespace eg
