// container.*, k8s.* and edera.* fields. Falco gets container and k8s
// metadata from its container plugin; edera-guard has no container runtime
// metadata, so it reports what the plugin reports for the host (id, name and
// type "host", empty image fields, false flags) and, for a thread in a
// container, the id and runtime read from its cgroups. k8s fields follow the
// plugin's host answers: empty strings for the sandbox/ip/labels fields, no
// value for the rest. All are empty when the event has no thread.
#include "engine/extract/extractor_kit.h"
#include "engine/state/container_id.h"
#include "engine/state/event_context.h"

namespace eg {
namespace {

using T = FieldType;
constexpr std::string_view kHost = "host";

bool has_thread(const EventContext& c) { return c.thread != nullptr; }
bool is_host(const EventContext& c) { return c.thread->container_id.empty(); }

FieldBinding thread_text(std::string_view name, std::string_view value) {
  return field(name, T::CHARBUF, [value](const EventContext& c, FieldValues& o, Scratch&) {
    return has_thread(c) && push_string(o, value);
  });
}

FieldBinding thread_bool(std::string_view name, bool value) {
  return field(name, T::BOOL, [value](const EventContext& c, FieldValues& o, Scratch&) {
    return has_thread(c) && push_bool(o, value);
  });
}

std::vector<FieldBinding> make_container_table() {
  std::vector<FieldBinding> t;
  // A plain text function (text_field): `container` is tested on most events.
  t.push_back(text_field("container.id", T::CHARBUF, [](const EventContext& c, Scratch&, std::string_view& out) {
    if (!has_thread(c)) return false;
    out = is_host(c) ? kHost : std::string_view(c.thread->container_id).substr(0, 12);
    return true;
  }));
  t.push_back(field("container.full_id", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    if (!has_thread(c)) return false;
    return push_string(o, is_host(c) ? kHost : std::string_view(c.thread->container_id));
  }));
  t.push_back(field("container.name", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    if (!has_thread(c)) return false;
    return push_string(o, is_host(c) ? kHost : std::string_view());
  }));
  t.push_back(field("container.type", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch& sc) {
    if (!has_thread(c)) return false;
    if (is_host(c)) return push_string(o, kHost);
    return push_owned(o, sc, container_from_cgroups(c.thread->cgroups).type);
  }));
  for (auto name : {"container.image", "container.image.id", "container.mounts", "container.image.repository",
                    "container.image.tag", "container.image.digest", "container.ip", "container.cni.json",
                    "container.labels"}) {
    t.push_back(thread_text(name, ""));
  }
  t.push_back(thread_bool("container.privileged", false));
  for (auto name : {"container.host_pid", "container.host_network", "container.host_ipc"}) {
    t.push_back(thread_bool(name, false));
  }
  for (auto name : {"container.mount", "container.mount.source", "container.mount.dest", "container.mount.mode",
                    "container.mount.rdwr", "container.mount.propagation", "container.label"}) {
    t.push_back(field_none(name, T::CHARBUF));
  }
  for (auto name : {"container.healthcheck", "container.liveness_probe", "container.readiness_probe"}) {
    t.push_back(field_none(name, T::CHARBUF));
  }
  t.push_back(field_none("container.start_ts", T::ABSTIME));
  t.push_back(field_none("container.duration", T::RELTIME));
  for (auto name : {"proc.is_container_healthcheck", "proc.is_container_liveness_probe",
                    "proc.is_container_readiness_probe"}) {
    t.push_back(field_none(name, T::BOOL));
  }
  // k8s.*: the plugin answers "" for these on the host, and nothing for the rest.
  for (auto name : {"k8s.pod.sandbox_id", "k8s.pod.full_sandbox_id", "k8s.pod.labels", "k8s.pod.ip",
                    "k8s.pod.cni.json"}) {
    t.push_back(thread_text(name, ""));
  }
  for (auto name : {"k8s.pod.name", "k8s.ns.name", "k8s.pod.id", "k8s.pod.uid", "k8s.pod.label", "k8s.rc.name",
                    "k8s.rc.id", "k8s.rc.label", "k8s.rc.labels", "k8s.svc.name", "k8s.svc.id", "k8s.svc.label",
                    "k8s.svc.labels", "k8s.ns.id", "k8s.ns.label", "k8s.ns.labels", "k8s.rs.name", "k8s.rs.id",
                    "k8s.rs.label", "k8s.rs.labels", "k8s.deployment.name", "k8s.deployment.id",
                    "k8s.deployment.label", "k8s.deployment.labels"}) {
    t.push_back(field_none(name, T::CHARBUF));
  }
  // edera.*: the zone the event came from.
  t.push_back(field("edera.zone.id", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    return !c.zone_id.empty() && push_string(o, c.zone_id);
  }));
  // A zone always has a name value: the daemon's zone spec name, "" when it gives none.
  t.push_back(field("edera.zone.name", T::CHARBUF, [](const EventContext& c, FieldValues& o, Scratch&) {
    return !c.zone_id.empty() && push_string(o, c.zone_name);
  }));
  return t;
}

}  // namespace

std::span<const FieldBinding> container_field_bindings() {
  static const std::vector<FieldBinding> table = make_container_table();
  return table;
}

}  // namespace eg
