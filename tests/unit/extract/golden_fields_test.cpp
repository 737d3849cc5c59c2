// Differential test against Falco 0.44: for every capture of the shared corpus,
// replay it through the capture reader and the state engine, extract every field
// form of the reference rule's output (compat/expected/dump-all-fields.yaml) on
// every event reaching the rules, render it as JSON output_fields, and compare
// with what Falco wrote (compat/expected/NAME.fields.jsonl.gz), JSON types
// included. Mismatches must be listed in tests/data/extract/known_divergences.txt
// (field, capture, reason); any other mismatch fails. A per-field summary is printed.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "engine/extract/extractor.h"
#include "engine/extract/value_render.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace eg {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kShared = EG_SHARED_DIR;
const fs::path kSource = EG_SOURCE_DIR;

struct FieldForm {
  std::string key;  // as in output_fields ("proc.aname[1]", "evt.arg.fd")
  const FieldInfo* info = nullptr;
  RenderSpec spec;
  std::unique_ptr<Extractor> extractor;
};

// "name=%field name=%field ..." -> the field forms.
std::vector<std::string> field_forms_of(const fs::path& rule_file) {
  YAML::Node doc = YAML::LoadFile(rule_file.string());
  std::string output = doc[0]["output"].as<std::string>();
  std::vector<std::string> forms;
  std::regex token(R"(%([A-Za-z0-9_.]+(\[[^\]]*\])?))");
  for (std::sregex_iterator it(output.begin(), output.end(), token), end; it != end; ++it) {
    forms.push_back((*it)[1]);
  }
  return forms;
}

std::vector<json> read_jsonl_gz(const fs::path& path) {
  std::vector<json> rows;
  gzFile f = gzopen(path.string().c_str(), "rb");
  if (f == nullptr) return rows;
  std::string data;
  char buf[65536];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  gzclose(f);
  std::istringstream in(data);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(json::parse(line));
  }
  return rows;
}

// known_divergences.txt: "field<TAB>capture<TAB>reason"; capture may be "*".
std::set<std::pair<std::string, std::string>> read_divergences(const fs::path& path) {
  std::set<std::pair<std::string, std::string>> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string field, capture;
    std::getline(ls, field, '\t');
    std::getline(ls, capture, '\t');
    if (!field.empty() && !capture.empty()) out.emplace(field, capture);
  }
  return out;
}

std::unique_ptr<FieldForm> build_form(const std::string& key, std::string& error) {
  auto form = std::make_unique<FieldForm>();
  form->key = key;
  FieldLookup lookup = lookup_field(key);
  if (lookup.info == nullptr) {
    error = "unknown field " + key;
    return nullptr;
  }
  form->info = lookup.info;
  form->spec = render_spec(*lookup.info);
  ExtractorRequest req;
  req.info = lookup.info;
  if (lookup.bracket_arg) req.arg = lookup.bracket_arg;
  if (lookup.dotted_arg) req.arg = lookup.dotted_arg;
  form->extractor = make_extractor(req, &error);
  if (!form->extractor) return nullptr;
  return form;
}

void seed_zone(ZoneState& zone, const CaptureSection& s) {
  zone.clear();
  if (s.has_machine) zone.seed_machine(s.machine);
  zone.seed_interfaces(s.interfaces);
  for (const auto& t : s.threads) zone.seed_thread(t);
  for (const auto& f : s.fds) zone.seed_fd(f);
  for (const auto& u : s.users) zone.seed_user(u);
  for (const auto& g : s.groups) zone.seed_group(g);
}

struct FieldTally {
  uint64_t matched = 0, total = 0;
  std::string first_mismatch;
};

TEST(GoldenFields, MatchFalcoOnSharedCaptures) {
  const fs::path expected_dir = kShared / "compat" / "expected";
  const fs::path traces_dir = kShared / "compat" / "traces";
  if (!fs::exists(expected_dir / "dump-all-fields.yaml") || !fs::exists(traces_dir)) {
    GTEST_SKIP() << "shared compatibility corpus not found at " << kShared;
  }
  setenv("TZ", "UTC", 1);
  tzset();
  auto forms_text = field_forms_of(expected_dir / "dump-all-fields.yaml");
  ASSERT_GT(forms_text.size(), 200u);
  auto divergences = read_divergences(kSource / "tests" / "data" / "extract" / "known_divergences.txt");

  std::vector<fs::path> captures;
  for (const auto& entry : fs::directory_iterator(traces_dir)) {
    if (entry.path().extension() == ".scap") captures.push_back(entry.path());
  }
  std::sort(captures.begin(), captures.end());
  ASSERT_FALSE(captures.empty());

  uint64_t grand_matched = 0, grand_total = 0;
  std::vector<std::string> failures;
  for (const auto& capture : captures) {
    const std::string name = capture.stem().string();
    auto expected_rows = read_jsonl_gz(expected_dir / (name + ".fields.jsonl.gz"));
    ASSERT_FALSE(expected_rows.empty()) << name;
    std::map<uint64_t, const json*> expected_by_num;
    for (const auto& row : expected_rows) expected_by_num[row.at("evt.num").get<uint64_t>()] = &row;

    std::vector<std::unique_ptr<FieldForm>> forms;
    for (const auto& key : forms_text) {
      if (!expected_rows.front().contains(key)) continue;  // not in Falco's output_fields
      std::string error;
      auto form = build_form(key, error);
      if (!form) {
        failures.push_back(name + ": " + key + ": cannot build extractor: " + error);
        continue;
      }
      forms.push_back(std::move(form));
    }

    std::string error;
    auto reader = CaptureReader::open_file(capture.string(), {}, error);
    ASSERT_TRUE(reader) << name << ": " << error;
    ZoneState zone;
    seed_zone(zone, reader->section());
    std::map<std::string, FieldTally> tallies;
    std::set<uint64_t> seen;
    uint64_t unexpected_events = 0;
    CaptureEvent ev;
    while (true) {
      auto r = reader->next(ev);
      if (r == CaptureReader::Next::Section) {
        seed_zone(zone, reader->section());
        continue;
      }
      if (r != CaptureReader::Next::Event) break;
      const EventContext& ctx = zone.on_event(ev.raw, ev.num);
      if (!ev.visible) continue;
      auto it = expected_by_num.find(ev.num);
      if (it == expected_by_num.end()) {
        ++unexpected_events;
        continue;
      }
      seen.insert(ev.num);
      const json& row = *it->second;
      for (auto& form : forms) {
        FieldValues values;
        if (!form->extractor->extract(ctx, values)) values.clear();
        json got = render_json(form->spec, values);
        const json& want = row.at(form->key);
        FieldTally& tally = tallies[form->key];
        ++tally.total;
        if (got == want) {
          ++tally.matched;
        } else if (tally.first_mismatch.empty()) {
          tally.first_mismatch = "evt.num=" + std::to_string(ev.num) + " got " + got.dump() + " want " + want.dump();
        }
      }
    }
    EXPECT_EQ(reader->error(), "") << name;
    const uint64_t missing_events = expected_rows.size() - seen.size();
    EXPECT_EQ(unexpected_events, 0u) << name << ": events Falco did not show";
    EXPECT_EQ(missing_events, 0u) << name << ": events Falco showed that we did not deliver";

    uint64_t matched = 0, total = 0;
    std::ostringstream summary;
    for (const auto& [key, tally] : tallies) {
      // Events we failed to deliver count as mismatches of every field.
      uint64_t field_total = tally.total + missing_events;
      matched += tally.matched;
      total += field_total;
      if (tally.matched == field_total) continue;
      bool listed = divergences.count({key, name}) || divergences.count({key, "*"});
      summary << "  " << (listed ? "[known] " : "[FAIL]  ") << key << ": " << tally.matched << "/" << field_total
              << "  " << tally.first_mismatch << "\n";
      if (!listed) failures.push_back(name + ": " + key + ": " + tally.first_mismatch);
    }
    grand_matched += matched;
    grand_total += total;
    std::cout << "[golden] " << name << ": " << forms.size() << " fields x " << expected_rows.size()
              << " events, values matched " << matched << "/" << total << "\n"
              << summary.str();
  }
  std::cout << "[golden] total values matched " << grand_matched << "/" << grand_total << "\n";
  for (const auto& f : failures) ADD_FAILURE() << f;
}

}  // namespace
}  // namespace eg
