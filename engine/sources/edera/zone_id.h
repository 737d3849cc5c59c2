// Zone identifiers: the daemon names zones by UUID text. Every id that enters
// edera-guard (ListZones, watch events, stream messages) is normalised to the
// canonical lowercase hyphenated form, so that state keys, requests and
// exit matching never disagree on case (the plugin compares raw strings).
#pragma once

#include <string>
#include <string_view>

namespace eg::edera {

// Canonical lowercase 8-4-4-4-12 form of `id`, or "" when `id` is not a UUID.
std::string normalise_zone_id(std::string_view id);

}  // namespace eg::edera
