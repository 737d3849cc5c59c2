// Differential test against sysdig (a second oracle, sysdig 0.29's libsinsp):
// the same -p format of fields whose meaning did not change between libsinsp
// 0.29 and Falco 0.44 is printed by `sysdig -r FILE` (exit events only) and by
// `edera-guard events -e FILE`; events are aligned by (evt.rawtime, thread.tid,
// evt.type) since evt.num differs once old captures are converted. Every kept
// field must agree on every matched event, except the scoped exclusions of
// tests/data/integration/sysdig_excluded_fields.txt (each with its reason).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "binary_runner.h"
#include "engine/sources/capture_builder.h"

namespace eg::itest {
namespace {

// Alignment key first, then the compared fields.
const std::vector<std::string> kKeyFields = {"evt.rawtime", "thread.tid", "evt.type"};
const std::vector<std::string> kComparedFields = {
    "evt.dir", "evt.cpu", "evt.res", "evt.rawres", "evt.is_io", "evt.is_open_read",
    "proc.name", "proc.pid", "proc.ppid", "proc.exe", "proc.exepath", "proc.args", "proc.cmdline",
    "proc.exeline", "proc.cwd", "proc.sid", "proc.tty", "proc.aname[2]", "proc.apid[2]",
    "thread.ismain", "user.uid", "user.name", "user.homedir", "user.shell", "user.loginuid",
    "group.name", "fd.num", "fd.name", "fd.type", "fd.directory", "fd.filename", "fd.is_server",
    "fd.cip", "fd.lip", "fd.lport", "fd.l4proto", "fd.sockfamily"};
// Measured: every sysdig exit event of the captures below has its edera-guard counterpart.
constexpr double kMinMatchedShare = 0.95;
const char kSep = '\x1f';

struct Exclusion {
  std::string capture, type;  // "" = any
};
using Exclusions = std::multimap<std::string, Exclusion>;

Exclusions load_exclusions() {
  std::ifstream in(EG_SOURCE_DIR "/tests/data/integration/sysdig_excluded_fields.txt");
  Exclusions out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string field, scope;
    words >> field >> scope;
    Exclusion e;
    if (scope != "*") {
      std::istringstream parts(scope);
      std::string part;
      while (std::getline(parts, part, '+')) {
        if (part.rfind("capture=", 0) == 0) e.capture = part.substr(8);
        if (part.rfind("type=", 0) == 0) e.type = part.substr(5);
      }
    }
    out.emplace(field, e);
  }
  return out;
}

bool excluded(const Exclusions& ex, const std::string& field, const std::string& capture,
              const std::string& type) {
  auto [b, e] = ex.equal_range(field);
  for (auto it = b; it != e; ++it)
    if ((it->second.capture.empty() || it->second.capture == capture) &&
        (it->second.type.empty() || it->second.type == type))
      return true;
  return false;
}

std::string find_sysdig() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string p = dir + "/sysdig";
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

std::string format_string() {
  std::string f;
  for (const auto* list : {&kKeyFields, &kComparedFields})
    for (const auto& name : *list) f += (f.empty() ? "%" : std::string(1, kSep) + "%") + name;
  return f;
}

using Rows = std::map<std::vector<std::string>, std::vector<std::string>>;

// First row of each key (the key is unique in practice).
Rows parse_rows(const std::string& out) {
  Rows rows;
  for (const auto& line : split_lines(out)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, kSep)) cells.push_back(cell);
    if (line.back() == kSep) cells.emplace_back();
    if (cells.size() != kKeyFields.size() + kComparedFields.size()) continue;
    std::vector<std::string> key(cells.begin(), cells.begin() + kKeyFields.size());
    rows.emplace(std::move(key), std::vector<std::string>(cells.begin() + kKeyFields.size(), cells.end()));
  }
  return rows;
}

struct DiffOutcome {
  bool sysdig_failed = false;
  std::string sysdig_error;
};

// Runs both sides on `capture` and checks agreement; `name` selects exclusions.
DiffOutcome diff_capture(const std::string& sysdig, const std::string& capture, const std::string& name,
                         const Exclusions& ex) {
  DiffOutcome outcome;
  RunRequest sd;
  sd.binary = sysdig;
  sd.args = {"-r", capture, "-p", "*" + format_string(), "evt.dir = <"};
  RunResult s = run_binary(sd);
  if (s.exit_code != 0) {
    outcome.sysdig_failed = true;
    outcome.sysdig_error = s.err;
    return outcome;
  }
  RunRequest eg;
  eg.args = {"events", "-e", capture, "-p", format_string(), "evt.dir = <"};
  RunResult e = run_binary(eg);
  EXPECT_EQ(e.exit_code, 0) << e.err;
  Rows srows = parse_rows(s.out), erows = parse_rows(e.out);
  size_t matched = 0, only_sysdig = 0, mismatches = 0;
  for (const auto& [key, svals] : srows) {
    auto it = erows.find(key);
    if (it == erows.end()) {
      ++only_sysdig;
      continue;
    }
    ++matched;
    for (size_t i = 0; i < kComparedFields.size(); ++i) {
      if (excluded(ex, kComparedFields[i], name, key[2])) continue;
      if (svals[i] == it->second[i]) continue;
      if (++mismatches <= 20)
        ADD_FAILURE() << name << ": " << kComparedFields[i] << " differs at rawtime=" << key[0]
                      << " tid=" << key[1] << " " << key[2] << ": sysdig '" << svals[i]
                      << "' edera-guard '" << it->second[i] << "'";
    }
  }
  size_t larger = std::max(srows.size(), erows.size());
  std::cout << name << ": sysdig " << srows.size() << " exit events, edera-guard " << erows.size()
            << ", matched " << matched << ", only in sysdig " << only_sysdig << ", only in edera-guard "
            << erows.size() - matched << ", field mismatches " << mismatches << "\n";
  EXPECT_GT(matched, 0u) << name;
  EXPECT_GE(static_cast<double>(matched), kMinMatchedShare * static_cast<double>(larger)) << name;
  return outcome;
}

TEST(SysdigDiff, SharedCaptures) {
  std::string sysdig = find_sysdig();
  if (sysdig.empty()) GTEST_SKIP() << "sysdig is not installed";
  std::string dir = EG_SHARED_DIR "/compat/traces";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "shared captures absent: " << dir;
  Exclusions ex = load_exclusions();
  size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".scap") continue;
    std::string name = entry.path().stem().string();
    DiffOutcome o = diff_capture(sysdig, entry.path().string(), name, ex);
    if (o.sysdig_failed) {
      std::cout << name << ": not compared, sysdig 0.29 cannot read it: " << o.sysdig_error;
      continue;
    }
    ++compared;
  }
  EXPECT_GE(compared, 3u);
}

}  // namespace
}  // namespace eg::itest
