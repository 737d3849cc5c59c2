// Helpers shared by the capture tests: where the shared corpus lives, reading
// gzip'ed JSON-lines golden files, running a command, and a temporary directory.
#pragma once

#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace eg::testing {

inline std::string shared_dir() { return EG_SHARED_DIR; }
inline std::string trace_path(const std::string& name) {
  return shared_dir() + "/compat/traces/" + name + ".scap";
}
inline std::string expected_fields_path(const std::string& name) {
  return shared_dir() + "/compat/expected/" + name + ".fields.jsonl.gz";
}
inline bool have_shared_corpus() {
  return std::filesystem::exists(shared_dir() + "/compat/traces");
}

// Whole (decompressed) content of a plain or gzip file.
inline std::vector<uint8_t> read_gz_file(const std::string& path) {
  std::vector<uint8_t> out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  uint8_t buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + n);
  gzclose(f);
  return out;
}

inline std::vector<nlohmann::json> read_jsonl_gz(const std::string& path) {
  std::vector<uint8_t> bytes = read_gz_file(path);
  std::vector<nlohmann::json> out;
  std::string text(bytes.begin(), bytes.end());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (nl > pos) out.push_back(nlohmann::json::parse(text.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  return out;
}

// Runs `cmd` through the shell; returns its stdout, sets `status`.
inline std::string run_command(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  status = pclose(p);
  return out;
}

inline bool have_program(const std::string& name) {
  int status = 0;
  run_command("command -v " + name + " >/dev/null 2>&1", status);
  return status == 0;
}

// A fresh directory under the system temp dir, removed at destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "eg-capture-XXXXXX").string();
    path_ = mkdtemp(tmpl.data()) ? tmpl : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace eg::testing
