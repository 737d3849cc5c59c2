// Synthetic captures of attack-like activity for the attack-scenario
// integration tests, made with the capture builder so every value an alert
// shows (process names, command lines, users, files, addresses, times) is
// chosen here and can be derived by hand; tests/data/attack_scenarios/README.md
// walks through each one.
//
// Each scenario adds its own threads and events on top of a shared host
// process tree, at its own second after the base time, so the captures of
// single scenarios and the capture of all of them together ("all") carry the
// same events at the same times: the alerts of "all" are those of the
// scenarios, concatenated in scenario order.
#pragma once

#include <string>
#include <vector>

namespace eg::itest {

// web_shell, shadow_read, bin_write, outbound_nc, container, benign.
const std::vector<std::string>& attack_scenario_names();

// Writes the capture of one scenario, or of every scenario when `name` is "all".
bool write_attack_capture(const std::string& name, const std::string& path, std::string& error);

}  // namespace eg::itest
