// Settings of the Edera zone source (falco.yaml section `edera:`, `-o edera.KEY=V`,
// `--edera-socket`). Defaults follow the daemon's conventions (socket path) and
// the recommendations of the control-API spec (capped reconnect back-off,
// bounded waits, a message limit far above gRPC's 4 MiB default so that large
// thread snapshots do not break a stream).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

namespace eg::edera {

inline constexpr const char* kDefaultDaemonSocket = "/var/lib/edera/protect/daemon.socket";

struct EderaOptions {
  std::string socket = kDefaultDaemonSocket;
  // How often ListZones runs when no watch event asks for it sooner.
  std::chrono::milliseconds discovery_interval{5000};
  // Back-off of every reconnect (daemon, watch stream, zone streams): doubles
  // from min to max, reset after a stream delivered something.
  std::chrono::milliseconds reconnect_min{500};
  std::chrono::milliseconds reconnect_max{30000};
  // How long a stopped zone stream may take to end after `stop` + half-close
  // before the call is cancelled.
  std::chrono::milliseconds stop_timeout{2000};
  size_t queue_capacity = 65536;            // pending events per zone
  size_t queue_max_bytes = 64u << 20;       // pending event bytes per zone
  size_t max_message_bytes = 256u << 20;    // largest daemon message accepted
  // Rule sources evaluated on zone events.
  std::vector<std::string> rule_sources = {"syscall", "edera_zone", "edera-zone"};
  bool append_zone_output = true;           // " zone_id=... zone_name=..." on zone alerts
  size_t workers = 0;                       // evaluation threads; 0 = one per CPU
  // enabled_syscalls of every zone stream (syscall_selection.h): empty = the
  // zone's default set; with `edera.enabled_syscalls: rules` the run fills it.
  std::string enabled_syscalls_mode = "zone_default";  // or "rules"
  std::string syscall_numbering = "ppm_sc";            // or "native"
  std::vector<uint32_t> enabled_syscalls;
};

}  // namespace eg::edera
