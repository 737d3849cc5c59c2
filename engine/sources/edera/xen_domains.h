// What the Xen hypervisor says about a zone's domain, where the host is a Xen
// dom0 and edera-guard was built with libxenctrl: whether the domain is still
// alive (a zone the daemon lists as READY but whose domain is dying or shut
// down is not worth a stream) and how many vCPUs it has (logged; a vCPU
// change is what the zone's CPU-hotplug events announce).
//
// Behind an interface so the zone source runs, and is tested, without Xen:
// make_xen_domain_inspector() returns nullptr when libxenctrl was not found
// at build time or the hypervisor interface cannot be opened (not dom0, not
// root); callers then trust the daemon alone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

namespace eg::edera {

struct DomainInfo {
  bool alive = true;  // not dying, not crashed, not shut down
  uint32_t online_vcpus = 0;
};

class DomainInspector {
 public:
  virtual ~DomainInspector() = default;
  // nullopt when the hypervisor knows no domain `domid`.
  virtual std::optional<DomainInfo> inspect(uint32_t domid) = 0;
};

// True when this build links libxenctrl.
bool xen_support_built();

std::unique_ptr<DomainInspector> make_xen_domain_inspector();

}  // namespace eg::edera
