// See syscall_selection.h.
#include "engine/sources/edera/syscall_selection.h"

#include <algorithm>
#include <set>

#include "fields/event_schema.h"

namespace eg::edera {
namespace {

bool changes_state(int32_t code) {
  const EventInfo* info = code >= 0 ? event_info(static_cast<uint16_t>(code)) : nullptr;
  return info && info->has(EventFlag(kEfCreatesFd | kEfDestroysFd | kEfModifiesState));
}

bool in(const std::set<uint16_t>& codes, int32_t code) {
  return code >= 0 && codes.count(static_cast<uint16_t>(code));
}

}  // namespace

std::vector<uint32_t> syscalls_for_rules(std::span<const uint16_t> rule_codes, SyscallNumbering numbering) {
  const std::set<uint16_t> codes(rule_codes.begin(), rule_codes.end());
  std::vector<uint32_t> out;
  for (const SyscallInfo& s : all_syscalls()) {
    const bool wanted = in(codes, s.enter_event) || in(codes, s.exit_event) ||
                        (!s.generic && (changes_state(s.enter_event) || changes_state(s.exit_event)));
    if (wanted) out.push_back(numbering == SyscallNumbering::Native ? s.nr : s.ppm_sc);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool parse_syscall_request(std::string_view text, SyscallRequest& out) {
  if (text == "zone_default") out = SyscallRequest::ZoneDefault;
  else if (text == "rules") out = SyscallRequest::Rules;
  else return false;
  return true;
}

bool parse_syscall_numbering(std::string_view text, SyscallNumbering& out) {
  if (text == "ppm_sc") out = SyscallNumbering::PpmSc;
  else if (text == "native") out = SyscallNumbering::Native;
  else return false;
  return true;
}

}  // namespace eg::edera
