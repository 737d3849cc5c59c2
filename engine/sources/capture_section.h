// What the metadata blocks of one capture section describe: the machine, its
// threads, their open fds, interfaces, users and groups. The capture reader
// fills it; the capture writer writes it; engine/state seeds its tables from it.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/state/snapshot.h"

namespace eg {

struct CaptureSection {
  uint16_t major_version = 0, minor_version = 0;
  bool has_machine = false;
  MachineSnapshot machine;
  std::vector<ThreadSnapshot> threads;
  std::vector<FdSnapshot> fds;
  std::vector<InterfaceSnapshot> interfaces;
  std::vector<UserSnapshot> users;
  std::vector<GroupSnapshot> groups;
};

}  // namespace eg
