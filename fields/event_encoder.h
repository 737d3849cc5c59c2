// Building event records in the current 26-byte layout (scap format spec
// section 2): used by the capture converter, the capture writer and the
// synthetic-capture builder. Params are given as byte spans already encoded
// for their wire type; the length-array width follows EF_LARGE_PAYLOAD.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "fields/field_type.h"

namespace eg {

using ParamBytes = std::span<const uint8_t>;

// Replaces `out` with the record. Returns false when the
// params do not fit the record format (more than 32 params, a param longer
// than 65535 bytes in a 2-byte-length event, or a record over 4 GiB).
bool encode_event(uint64_t ts, int64_t tid, uint16_t type, std::span<const ParamBytes> params,
                  std::vector<uint8_t>& out);

// The "default" value of a param type, as libscap's converter fills it in:
// zero bytes of the type's fixed size (all ones for UID/GID); empty for
// strings and variable-size types.
ParamBytes default_param_bytes(FieldType type);

}  // namespace eg
