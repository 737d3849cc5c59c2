// The `enabled_syscalls` list a zone stream is opened with.
//
// What the zone does with the numbers is not known: Edera's plugin sends host
// syscall-table indices while bounding them by the libscap PPM_SC range, and
// the in-zone agent is closed (control-API spec §3.4, §6 #2). So the default
// is the defensive one the spec recommends: send nothing, and the zone uses
// its default set. `edera.enabled_syscalls: rules` instead asks for the
// syscalls the active rules can match plus every syscall whose events change
// state (create or destroy fds, or carry EF_MODIFIES_STATE — what state
// tracking needs), numbered as `edera.syscall_numbering` says: `ppm_sc`
// (libscap's syscall codes) or `native` (x86_64 syscall numbers).
// edera-guard never filters on the list itself: every event the zone sends is
// used.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace eg::edera {

enum class SyscallRequest { ZoneDefault, Rules };
enum class SyscallNumbering { PpmSc, Native };

// Sorted, unique syscall numbers for the event codes `rule_codes`.
std::vector<uint32_t> syscalls_for_rules(std::span<const uint16_t> rule_codes, SyscallNumbering numbering);

bool parse_syscall_request(std::string_view text, SyscallRequest& out);
bool parse_syscall_numbering(std::string_view text, SyscallNumbering& out);

}  // namespace eg::edera
