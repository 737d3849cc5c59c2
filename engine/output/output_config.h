// Configuration of alert formatting and delivery: the falco.yaml keys of the
// output side (language reference §7.7, §7.8, §8), as plain data. engine/cli
// fills it from YAML; engine/output only reads it, so the output library does
// not depend on a configuration format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eg::output {

// One `extra_fields` element: a named formatted string, or a raw field.
struct ExtraField {
  std::string key;     // the output_fields key (for raw fields: the field itself)
  std::string format;  // format text; empty for raw fields
  bool raw = false;
};

// One `append_output` entry (§7.8).
struct AppendOutputEntry {
  std::optional<std::string> match_source;
  std::vector<std::string> match_tags;  // all must be present
  std::optional<std::string> match_rule;
  std::string extra_output;
  std::vector<ExtraField> extra_fields;
  bool suggested_output = false;
};

// Falco's shipped default: one entry appending the plugins' suggested fields.
inline std::vector<AppendOutputEntry> default_append_output() {
  AppendOutputEntry e;
  e.suggested_output = true;
  return {e};
}

struct StdoutSinkConfig { bool enabled = true; };
struct FileSinkConfig { bool enabled = false; std::string filename; bool keep_alive = false; };
struct ProgramSinkConfig { bool enabled = false; std::string program; bool keep_alive = false; };
struct SyslogSinkConfig { bool enabled = true; };

struct HttpSinkConfig {
  bool enabled = false;
  std::string url;
  std::string user_agent = "falcosecurity/falco";
  bool insecure = false;
  std::string ca_cert, ca_bundle, ca_path;
  bool mtls = false;
  std::string client_cert, client_key;
  bool echo = false;
  bool compress_uploads = false;
  bool keep_alive = false;
  uint32_t max_consecutive_timeouts = 5;
  // edera-guard additions: per-request timeout, retry backoff cap and how many
  // attempts a failing alert gets before it is dropped (counted).
  uint32_t timeout_ms = 5000;
  uint32_t retry_backoff_max_ms = 2000;
  uint32_t max_retries = 3;
};

struct OutputConfig {
  bool json_output = false;
  bool json_include_output_property = true;
  bool json_include_message_property = false;
  bool json_include_output_fields_property = true;
  bool json_include_tags_property = true;
  bool time_format_iso_8601 = false;
  bool buffered_outputs = false;
  size_t queue_capacity = 0;  // per sink; 0 = edera-guard default (bounded)
  std::vector<AppendOutputEntry> append_output = default_append_output();
  std::vector<std::string> extra_formats;  // -p
  std::string hostname;                    // resolved by the caller (FALCO_HOSTNAME / gethostname)
  StdoutSinkConfig stdout_output;
  FileSinkConfig file_output;
  ProgramSinkConfig program_output;
  SyslogSinkConfig syslog_output;
  HttpSinkConfig http_output;
  uint32_t output_timeout_ms = 2000;
  // edera-guard: how long shutdown waits for the sinks to drain their queues.
  uint32_t drain_timeout_ms = 10000;
};

}  // namespace eg::output
