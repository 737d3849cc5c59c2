// Reading the typed configuration from the YAML tree (see app_config.h).
//
// Small typed getters keep each key a one-liner; unknown keys are ignored as
// Falco ignores keys it does not use.
#include "engine/cli/app_config.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/cli/config_overrides.h"
#include "engine/sources/edera/syscall_selection.h"
#include "engine/loader/priority.h"

namespace eg::cli {
namespace {

struct ConfigError {
  std::string text;
};

YAML::Node child(const YAML::Node& n, const char* key) {
  if (!n || !n.IsMap()) return YAML::Node();
  return n[key];
}

void read_bool(const YAML::Node& n, const char* key, bool& out) {
  YAML::Node v = child(n, key);
  if (!v || v.IsNull()) return;
  try {
    out = v.as<bool>();
  } catch (const YAML::Exception&) {
    throw ConfigError{fmt::format("Error reading config key '{}': not a boolean", key)};
  }
}

void read_string(const YAML::Node& n, const char* key, std::string& out) {
  YAML::Node v = child(n, key);
  if (!v || v.IsNull()) return;
  if (!v.IsScalar()) throw ConfigError{fmt::format("Error reading config key '{}': not a string", key)};
  out = v.Scalar();
}

template <typename T>
void read_uint(const YAML::Node& n, const char* key, T& out) {
  YAML::Node v = child(n, key);
  if (!v || v.IsNull()) return;
  try {
    out = static_cast<T>(v.as<uint64_t>());
  } catch (const YAML::Exception&) {
    throw ConfigError{fmt::format("Error reading config key '{}': not a number", key)};
  }
}

std::vector<std::string> read_string_list(const YAML::Node& v) {
  std::vector<std::string> out;
  if (!v || v.IsNull()) return out;
  if (v.IsScalar()) return {v.Scalar()};
  if (v.IsSequence())
    for (const auto& item : v)
      if (item.IsScalar()) out.push_back(item.Scalar());
  return out;
}

void read_rules_files(const YAML::Node& root, AppConfig& c) {
  YAML::Node files = child(root, "rules_files");
  YAML::Node legacy = child(root, "rules_file");
  if (files && legacy)
    throw ConfigError{"Error reading config file: both 'rules_files' and 'rules_file' keys set"};
  YAML::Node chosen = files ? files : legacy;
  if (!chosen) return;
  c.rules_files = read_string_list(chosen);
  c.rules_files_set = true;
}

RuleSelection read_selection_entry(const YAML::Node& item) {
  RuleSelection s;
  YAML::Node body;
  if (YAML::Node e = child(item, "enable")) {
    s.enable = true;
    body = e;
  } else if (YAML::Node d = child(item, "disable")) {
    body = d;
  } else {
    throw ConfigError{"Error reading config file: each 'rules' entry must be 'enable' or 'disable'"};
  }
  if (YAML::Node r = child(body, "rule"); r && r.IsScalar()) s.rule = r.Scalar();
  if (YAML::Node t = child(body, "tag"); t && t.IsScalar()) s.tag = t.Scalar();
  if (!s.rule && !s.tag)
    throw ConfigError{"Error reading config file: a 'rules' entry needs a 'rule' or a 'tag'"};
  return s;
}

void read_rule_selection(const YAML::Node& root, AppConfig& c) {
  YAML::Node rules = child(root, "rules");
  if (!rules || rules.IsNull()) return;
  if (!rules.IsSequence()) throw ConfigError{"Error reading config file: 'rules' must be a list"};
  for (const auto& item : rules) c.rule_selection.push_back(read_selection_entry(item));
}

void read_priority(const YAML::Node& root, AppConfig& c) {
  std::string text;
  read_string(root, "priority", text);
  if (text.empty()) return;
  auto p = parse_priority(text);
  if (!p)
    throw ConfigError{fmt::format(
        "Unknown priority \"{}\"--must be one of emergency, alert, critical, error, warning, notice, "
        "informational, debug", text)};
  c.min_priority = static_cast<int>(*p);
}

void read_rule_matching(const YAML::Node& root, AppConfig& c) {
  std::string text;
  read_string(root, "rule_matching", text);
  if (text.empty()) return;
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (lower != "first" && lower != "all")
    throw ConfigError{fmt::format("Unknown rule matching strategy \"{}\"--must be one of first, all", text)};
  c.rule_matching_all = lower == "all";
}

output::ExtraField read_extra_field(const YAML::Node& f) {
  output::ExtraField ef;
  if (f.IsScalar()) {
    ef.key = f.Scalar();
    ef.raw = true;
    return ef;
  }
  if (f.IsMap() && f.size() == 1) {
    auto it = f.begin();
    ef.key = it->first.Scalar();
    ef.format = it->second.IsScalar() ? it->second.Scalar() : "";
    return ef;
  }
  throw ConfigError{"Error reading config file: invalid append_output extra_fields entry"};
}

output::AppendOutputEntry read_append_entry(const YAML::Node& item) {
  output::AppendOutputEntry e;
  if (YAML::Node m = child(item, "match")) {
    if (YAML::Node s = child(m, "source"); s && s.IsScalar()) e.match_source = s.Scalar();
    if (YAML::Node r = child(m, "rule"); r && r.IsScalar()) e.match_rule = r.Scalar();
    e.match_tags = read_string_list(child(m, "tags"));
  }
  read_string(item, "extra_output", e.extra_output);
  read_bool(item, "suggested_output", e.suggested_output);
  if (YAML::Node fields = child(item, "extra_fields"); fields && fields.IsSequence())
    for (const auto& f : fields) e.extra_fields.push_back(read_extra_field(f));
  return e;
}

void read_append_output(const YAML::Node& root, output::OutputConfig& o) {
  YAML::Node list = child(root, "append_output");
  if (!list) return;
  o.append_output.clear();
  if (list.IsNull()) return;
  if (!list.IsSequence()) throw ConfigError{"Error reading config file: 'append_output' must be a list"};
  for (const auto& item : list) o.append_output.push_back(read_append_entry(item));
}

void read_http(const YAML::Node& n, output::HttpSinkConfig& h) {
  read_bool(n, "enabled", h.enabled);
  read_string(n, "url", h.url);
  read_string(n, "user_agent", h.user_agent);
  read_bool(n, "insecure", h.insecure);
  read_string(n, "ca_cert", h.ca_cert);
  read_string(n, "ca_bundle", h.ca_bundle);
  read_string(n, "ca_path", h.ca_path);
  read_bool(n, "mtls", h.mtls);
  read_string(n, "client_cert", h.client_cert);
  read_string(n, "client_key", h.client_key);
  read_bool(n, "echo", h.echo);
  read_bool(n, "compress_uploads", h.compress_uploads);
  read_bool(n, "keep_alive", h.keep_alive);
  read_uint(n, "max_consecutive_timeouts", h.max_consecutive_timeouts);
  read_uint(n, "timeout_ms", h.timeout_ms);
  read_uint(n, "retry_backoff_max_ms", h.retry_backoff_max_ms);
  read_uint(n, "max_retries", h.max_retries);
}

void read_outputs(const YAML::Node& root, output::OutputConfig& o) {
  read_bool(root, "json_output", o.json_output);
  read_bool(root, "json_include_output_property", o.json_include_output_property);
  read_bool(root, "json_include_message_property", o.json_include_message_property);
  read_bool(root, "json_include_output_fields_property", o.json_include_output_fields_property);
  read_bool(root, "json_include_tags_property", o.json_include_tags_property);
  read_bool(root, "time_format_iso_8601", o.time_format_iso_8601);
  read_bool(root, "buffered_outputs", o.buffered_outputs);
  read_uint(child(root, "outputs_queue"), "capacity", o.queue_capacity);
  read_uint(root, "output_timeout", o.output_timeout_ms);
  read_uint(root, "outputs_drain_timeout", o.drain_timeout_ms);
  read_append_output(root, o);
  read_bool(child(root, "stdout_output"), "enabled", o.stdout_output.enabled);
  YAML::Node file = child(root, "file_output");
  read_bool(file, "enabled", o.file_output.enabled);
  read_string(file, "filename", o.file_output.filename);
  read_bool(file, "keep_alive", o.file_output.keep_alive);
  YAML::Node program = child(root, "program_output");
  read_bool(program, "enabled", o.program_output.enabled);
  read_string(program, "program", o.program_output.program);
  read_bool(program, "keep_alive", o.program_output.keep_alive);
  read_bool(child(root, "syslog_output"), "enabled", o.syslog_output.enabled);
  read_http(child(root, "http_output"), o.http_output);
}

void read_engine(const YAML::Node& root, AppConfig& c) {
  YAML::Node engine = child(root, "engine");
  read_string(engine, "kind", c.engine_kind);
  read_string(child(engine, "replay"), "capture_file", c.capture_file);
  read_bool(child(root, "base_syscalls"), "all", c.base_syscalls_all);
  read_string(root, "log_level", c.log_level);
  read_bool(root, "log_stderr", c.log_stderr);
}

void read_millis(const YAML::Node& n, const char* key, std::chrono::milliseconds& out) {
  uint64_t ms = static_cast<uint64_t>(out.count());
  read_uint(n, key, ms);
  out = std::chrono::milliseconds(ms);
}

// edera: the zone source (engine/sources/edera/edera_options.h).
void read_edera(const YAML::Node& root, edera::EderaOptions& e) {
  YAML::Node n = child(root, "edera");
  read_string(n, "socket", e.socket);
  read_millis(n, "discovery_interval_ms", e.discovery_interval);
  read_millis(n, "reconnect_min_ms", e.reconnect_min);
  read_millis(n, "reconnect_max_ms", e.reconnect_max);
  read_millis(n, "stop_timeout_ms", e.stop_timeout);
  read_uint(n, "queue_capacity", e.queue_capacity);
  read_uint(n, "queue_max_bytes", e.queue_max_bytes);
  read_uint(n, "max_message_bytes", e.max_message_bytes);
  read_uint(n, "workers", e.workers);
  read_bool(n, "append_zone_output", e.append_zone_output);
  read_string(n, "enabled_syscalls", e.enabled_syscalls_mode);
  read_string(n, "syscall_numbering", e.syscall_numbering);
  edera::SyscallRequest request;
  edera::SyscallNumbering numbering;
  if (!edera::parse_syscall_request(e.enabled_syscalls_mode, request))
    throw ConfigError{"Error reading config key 'edera.enabled_syscalls': expected zone_default or rules"};
  if (!edera::parse_syscall_numbering(e.syscall_numbering, numbering))
    throw ConfigError{"Error reading config key 'edera.syscall_numbering': expected ppm_sc or native"};
  if (YAML::Node v = child(n, "rule_sources"); v && !v.IsNull()) e.rule_sources = read_string_list(v);
  if (e.socket.empty()) throw ConfigError{"Error reading config key 'edera.socket': empty path"};
  if (e.queue_capacity == 0) throw ConfigError{"Error reading config key 'edera.queue_capacity': must be at least 1"};
}

}  // namespace

AppConfigResult read_app_config(const YAML::Node& root) {
  AppConfigResult r;
  try {
    read_rules_files(root, r.config);
    read_rule_selection(root, r.config);
    read_priority(root, r.config);
    read_rule_matching(root, r.config);
    read_outputs(root, r.config.outputs);
    read_engine(root, r.config);
    read_edera(root, r.config.edera);
  } catch (const ConfigError& e) {
    r.error = e.text;
  }
  return r;
}

AppConfigResult load_app_config(const std::optional<std::string>& path,
                                const std::vector<std::string>& overrides) {
  YAML::Node root(YAML::NodeType::Map);
  if (path) {
    std::ifstream in(*path);
    if (!in) {
      AppConfigResult r;
      r.error = fmt::format("Could not open file {} for reading", *path);
      return r;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    try {
      root = YAML::Load(ss.str());
      if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    } catch (const YAML::Exception& e) {
      AppConfigResult r;
      r.error = fmt::format("Error reading config file ({}): {}", *path, e.what());
      return r;
    }
  }
  for (const auto& o : overrides) {
    if (std::string err = apply_override(root, o); !err.empty()) {
      AppConfigResult r;
      r.error = err;
      return r;
    }
  }
  return read_app_config(root);
}

}  // namespace eg::cli
