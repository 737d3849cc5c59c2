// See xen_domains.h. The libxenctrl part compiles only with EG_HAVE_XENCTRL
// (set by CMake when pkg-config finds xencontrol).
#include "engine/sources/edera/xen_domains.h"

#if EG_HAVE_XENCTRL
#include <unistd.h>

extern "C" {  // xenctrl.h declares C functions without extern "C" guards
#include <xenctrl.h>
}
#endif

namespace eg::edera {

#if EG_HAVE_XENCTRL

namespace {

class XenctrlInspector : public DomainInspector {
 public:
  explicit XenctrlInspector(xc_interface* xch) : xch_(xch) {}
  ~XenctrlInspector() override { xc_interface_close(xch_); }

  std::optional<DomainInfo> inspect(uint32_t domid) override {
    xc_dominfo_t info{};
    // Returns the first domain at or after `domid`: check it is this one.
    if (xc_domain_getinfo(xch_, domid, 1, &info) != 1 || info.domid != domid) return std::nullopt;
    DomainInfo out;
    out.alive = !info.dying && !info.crashed && !info.shutdown;
    out.online_vcpus = info.nr_online_vcpus;
    return out;
  }

 private:
  xc_interface* xch_;
};

}  // namespace

bool xen_support_built() { return true; }

std::unique_ptr<DomainInspector> make_xen_domain_inspector() {
  // Not a Xen dom0 (or no privcmd device): say nothing, use no hypervisor view.
  if (::access("/dev/xen/privcmd", R_OK | W_OK) != 0) return nullptr;
  xc_interface* xch = xc_interface_open(nullptr, nullptr, 0);
  if (xch == nullptr) return nullptr;
  return std::make_unique<XenctrlInspector>(xch);
}

#else

bool xen_support_built() { return false; }

std::unique_ptr<DomainInspector> make_xen_domain_inspector() { return nullptr; }

#endif

}  // namespace eg::edera
