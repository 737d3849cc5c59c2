// Differential test of the compiler and the ruleset against Falco itself,
// independent of the state and extractor code: the rules of the shared
// rules-cases corpus are compiled with extractors that read the field values
// Falco recorded for every event of the capture (compat/expected/*.fields.jsonl.gz),
// evaluated through the Ruleset, and the (rule, evt.num) sequence is compared
// with the alerts Falco emitted. Files of plain rules are parsed here; others
// (macros, lists, exceptions, overrides) go through the project's loader, whose
// resolved conditions are compiled again on the recorded values. Only the
// options rule_matching and priority are covered.
// Cases that cannot match for a known reason are listed, with the reason, in
// tests/data/compiler/recorded_fields_divergences.txt; any other difference fails.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <zlib.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "engine/compiler/constant_parser.h"
#include "engine/compiler/event_types.h"
#include "engine/compiler/field_resolver.h"
#include "engine/loader/rule_loader.h"
#include "engine/ruleset/ruleset.h"
#include "fields/event_schema.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const json*& current_record() {
  static const json* record = nullptr;
  return record;
}

const EventContext& no_context() {
  alignas(64) static unsigned char storage[64];
  return *reinterpret_cast<const EventContext*>(storage);
}

// Reads recorded values (`keys`, first non-null wins per key) as values of `type`.
class RecordedExtractor : public Extractor {
 public:
  RecordedExtractor(std::vector<std::string> keys, FieldType type, bool list, MatchMode mode,
                    bool split_words)
      : keys_(std::move(keys)), type_(type), list_(list), mode_(mode), split_(split_words) {}
  bool extract(const EventContext&, FieldValues& out) override {
    storage_.clear();
    bool any = false;
    for (const auto& key : keys_) {
      auto it = current_record()->find(key);
      if (it == current_record()->end() || it->is_null()) continue;
      any = true;
      if (it->is_array()) {
        for (const auto& e : *it) push(e, out);
      } else if (split_ && it->is_string()) {
        std::istringstream words(it->get<std::string>());
        for (std::string w; words >> w;) push(json(w), out);
      } else {
        push(*it, out);
      }
    }
    return any;
  }
  FieldType type() const override { return type_; }
  bool is_list() const override { return list_; }
  MatchMode match_mode() const override { return mode_; }

 private:
  void push(const json& v, FieldValues& out) {
    Constant c;
    TypeClass cls = type_class(type_);
    if (v.is_boolean()) {
      c.value = FieldValue::boolean_value(v.get<bool>());
    } else if (v.is_number_float()) {
      c.value = FieldValue::floating(v.get<double>());
    } else if (v.is_number_unsigned()) {
      c.value = FieldValue::unsigned_int(type_, v.get<uint64_t>());
    } else if (v.is_number_integer()) {
      c.value = FieldValue::signed_int(type_, v.get<int64_t>());
    } else if (cls == TypeClass::Address) {
      std::string error;
      FieldType as = type_ == FieldType::IPV4NET ? FieldType::IPV4ADDR
                     : type_ == FieldType::IPV6NET ? FieldType::IPV6ADDR
                     : type_ == FieldType::IPNET   ? FieldType::IPADDR
                                                   : type_;
      auto parsed = parse_constant(v.get<std::string>(), as, CompareOp::Eq, &error);
      if (!parsed) return;
      c = *parsed;
    } else {
      c.bytes = v.is_string() ? v.get<std::string>() : v.dump();
    }
    storage_.push_back(std::move(c));
    out.push_back(storage_.back().view());
    out.back().type = type_;
  }
  std::vector<std::string> keys_;
  FieldType type_;
  bool list_;
  MatchMode mode_;
  bool split_;
  std::deque<Constant> storage_;
};

// Real registry and event table; values from the recording.
class RecordedResolver : public FieldResolver {
 public:
  explicit RecordedResolver(std::set<std::string> keys) : keys_(std::move(keys)) {}
  FieldLookup lookup(std::string_view name) const override { return lookup_field(name); }
  bool is_event_name(std::string_view name) const override {
    return !event_codes_for_name(name).empty();
  }
  std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req,
                                            std::string* error) const override {
    std::string name(req.info->name);
    bool dotted = req.info->has(kFieldDottedArg) && req.arg && !is_index(*req.arg);
    std::string key = !req.arg ? name : dotted ? name + "." + *req.arg : name + "[" + *req.arg + "]";
    static const std::map<std::string, std::vector<std::string>> kEndpoints = {
        {"fd.ip", {"fd.cip", "fd.sip"}},     {"fd.net", {"fd.cip", "fd.sip"}},
        {"fd.port", {"fd.cport", "fd.sport"}}, {"fd.proto", {"fd.cproto", "fd.sproto"}}};
    FieldType type = req.info->type;
    bool list = req.info->has(kFieldIsList);
    if (auto it = kEndpoints.find(key); it != kEndpoints.end())
      return std::make_unique<RecordedExtractor>(it->second, type, false,
                                                 MatchMode::EitherEndpoint, false);
    // Networks are printed as "<IPNET>": read the address they are computed from.
    static const std::map<std::string, std::string> kNetworks = {
        {"fd.snet", "fd.sip"}, {"fd.cnet", "fd.cip"}, {"fd.lnet", "fd.lip"}, {"fd.rnet", "fd.rip"}};
    if (auto it = kNetworks.find(key); it != kNetworks.end())
      return std::make_unique<RecordedExtractor>(std::vector<std::string>{it->second}, type, false,
                                                 MatchMode::Values, false);
    if (!keys_.count(key) || type == FieldType::DYN) {
      *error = "not recorded: " + key;
      return nullptr;
    }
    if (key == "proc.aname" || key == "proc.apid")
      return std::make_unique<RecordedExtractor>(std::vector<std::string>{key}, type, false,
                                                 MatchMode::AnyCandidate, true);
    return std::make_unique<RecordedExtractor>(std::vector<std::string>{key}, type, list,
                                               MatchMode::Values, false);
  }

 private:
  static bool is_index(const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  }
  std::set<std::string> keys_;
};

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<json> read_gz_lines(const fs::path& p) {
  std::vector<json> out;
  gzFile f = gzopen(p.c_str(), "rb");
  if (!f) return out;
  std::string line;
  char buf[1 << 16];
  while (gzgets(f, buf, sizeof buf)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      out.push_back(json::parse(line));
      line.clear();
    }
  }
  if (!line.empty()) out.push_back(json::parse(line));
  gzclose(f);
  return out;
}

struct CaseSetup {
  std::vector<std::string> rule_files;
  std::string capture;
  RuleMatching matching = RuleMatching::First;
  Priority minimum = Priority::Debug;
};

// nullopt when the case is outside what this test covers.
std::optional<CaseSetup> parse_cmd(const std::string& cmd) {
  std::istringstream in(cmd);
  std::vector<std::string> args;
  for (std::string a; in >> a;) args.push_back(a);
  CaseSetup s;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-r" && i + 1 < args.size()) { s.rule_files.push_back(args[++i]); continue; }
    if (args[i] == "-e" && i + 1 < args.size()) { s.capture = args[++i]; continue; }
    if (args[i] == "-o" && i + 1 < args.size()) {
      std::string o = args[++i];
      if (o == "rule_matching=all") s.matching = RuleMatching::All;
      else if (o.starts_with("priority=")) {
        auto p = parse_priority(o.substr(9));
        if (!p) return std::nullopt;
        s.minimum = *p;
      } else return std::nullopt;
      continue;
    }
    return std::nullopt;
  }
  if (s.capture.empty()) return std::nullopt;
  return s;
}

struct PlainRule {
  std::string name, condition;
  Priority priority = Priority::Debug;
  bool enabled = true;
};

// The rules of a file made only of full rule definitions; nullopt otherwise.
std::optional<std::vector<PlainRule>> plain_rules(const fs::path& file) {
  std::vector<PlainRule> rules;
  try {
    for (const auto& doc : YAML::LoadAllFromFile(file.string())) {
      if (!doc.IsSequence()) return std::nullopt;
      for (const auto& item : doc) {
        if (!item.IsMap() || !item["rule"] || !item["condition"] || item["exceptions"] ||
            item["override"] || item["append"] || (item["source"] && item["source"].as<std::string>() != "syscall"))
          return std::nullopt;
        PlainRule r;
        r.name = item["rule"].as<std::string>();
        r.condition = item["condition"].as<std::string>();
        auto p = parse_priority(item["priority"] ? item["priority"].as<std::string>() : "");
        if (!p) return std::nullopt;
        r.priority = *p;
        if (item["enabled"]) r.enabled = item["enabled"].as<bool>();
        for (const auto& seen : rules)
          if (seen.name == r.name) return std::nullopt;  // redefinitions need the loader
        rules.push_back(std::move(r));
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return rules;
}

std::map<std::string, std::string> known_divergences() {
  std::map<std::string, std::string> out;
  std::ifstream in(std::string(EG_SOURCE_DIR) + "/tests/data/compiler/recorded_fields_divergences.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto sp = line.find(' ');
    out[line.substr(0, sp)] = sp == std::string::npos ? "" : line.substr(sp + 1);
  }
  return out;
}

using Alerts = std::vector<std::pair<std::string, int64_t>>;

// A rule ready for the recorded-values compile: its resolved condition.
struct PreparedRule {
  std::string name;
  Priority priority = Priority::Debug;
  bool enabled = true;
  std::shared_ptr<const ast::Expr> ast;
};

std::optional<std::vector<PreparedRule>> prepare_plain(const std::vector<PlainRule>& plain,
                                                       std::string* error) {
  std::vector<PreparedRule> out;
  for (const auto& p : plain) {
    auto parsed = parse_condition(p.condition);
    if (!parsed.ok()) {
      *error = "parse error in '" + p.name + "': " + parsed.error;
      return std::nullopt;
    }
    out.push_back({p.name, p.priority, p.enabled, std::shared_ptr<const ast::Expr>(std::move(parsed.expr))});
  }
  return out;
}

// Rules through the project's loader (macros, lists, exceptions, overrides).
std::optional<std::vector<PreparedRule>> prepare_loaded(const fs::path& dir,
                                                        const CaseSetup& setup) {
  RuleLoader loader;
  for (const auto& f : setup.rule_files) {
    // Directories and non-YAML names are the CLI's business (Falco skips the latter).
    auto ext = fs::path(f).extension();
    if (!fs::is_regular_file(dir / f) || (ext != ".yaml" && ext != ".yml")) return std::nullopt;
    loader.load({f, read_text(dir / f)});
  }
  if (!loader.ok()) return std::nullopt;
  std::vector<PreparedRule> out;
  for (const auto& r : loader.rules()) {
    if (!r.filter || !r.ast || r.source != "syscall") continue;
    out.push_back({r.name, r.priority, r.enabled, r.ast});
  }
  return out;
}

// Runs one case; empty string when it matches Falco, else the difference.
std::string run_case(const fs::path& dir, const CaseSetup& setup,
                     const std::vector<PreparedRule>& rules, const std::vector<json>& events) {
  std::set<std::string> keys;
  for (const auto& [k, v] : events.front().items()) keys.insert(k);
  RecordedResolver resolver(keys);
  Ruleset set;
  for (size_t i = 0; i < rules.size(); ++i) {
    auto compiled = compile_filter(*rules[i].ast, resolver);
    if (!compiled.ok()) return "compile error in '" + rules[i].name + "': " + compiled.error;
    auto codes = syscall_rule_event_codes(*rules[i].ast);
    if (!codes.ok()) return "event codes of '" + rules[i].name + "': " + codes.error;
    RulesetRule r;
    r.name = rules[i].name;
    r.priority = rules[i].priority;
    r.enabled = rules[i].enabled;
    r.filter = std::shared_ptr<Filter>(std::move(compiled.filter));
    r.event_codes = codes.codes;
    r.load_index = i;
    set.add(std::move(r));
  }
  RuleSelection selection;
  selection.minimum_priority = setup.minimum;
  set.select(selection);

  Alerts actual;
  std::vector<const RulesetRule*> matched;
  for (const auto& e : events) {
    auto codes = event_codes_for_name(e.value("evt.type", std::string()));
    if (codes.empty()) continue;
    current_record() = &e;
    matched.clear();
    set.evaluate(no_context(), *std::max_element(codes.begin(), codes.end()), setup.matching, matched);
    for (auto* r : matched) actual.emplace_back(r->name, e["evt.num"].get<int64_t>());
  }
  Alerts expected;
  std::ifstream in(dir / "alerts.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto a = json::parse(line);
    const json& num = a["output_fields"]["evt.num"];
    if (!num.is_number()) return "skip";  // the rule output does not carry evt.num
    expected.emplace_back(a["rule"].get<std::string>(), num.get<int64_t>());
  }
  if (actual == expected) return {};
  std::ostringstream diff;
  diff << "expected " << expected.size() << " alerts, got " << actual.size() << ":";
  for (size_t i = 0; i < std::max(actual.size(), expected.size()) && i < 12; ++i) {
    diff << "\n  [" << i << "] expected ";
    if (i < expected.size()) diff << expected[i].first << " @" << expected[i].second;
    diff << " | actual ";
    if (i < actual.size()) diff << actual[i].first << " @" << actual[i].second;
  }
  return diff.str();
}

TEST(RecordedFieldsGolden, RulesCasesAlertsMatchFalco) {
  fs::path shared(EG_SHARED_DIR);
  fs::path cases = shared / "compat/expected/rules-cases";
  if (!fs::is_directory(cases)) GTEST_SKIP() << "shared compatibility corpus not found";
  auto divergent = known_divergences();
  std::map<std::string, std::vector<json>> recordings;
  size_t ran = 0, matched = 0;
  std::vector<std::string> unexpected;
  std::vector<fs::path> dirs;
  for (const auto& d : fs::directory_iterator(cases))
    if (d.is_directory()) dirs.push_back(d.path());
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    std::string name = dir.filename().string();
    if (!fs::exists(dir / "alerts.jsonl")) continue;
    auto setup = parse_cmd(read_text(dir / "cmd"));
    if (!setup) continue;
    std::optional<std::vector<PreparedRule>> rules;
    std::string prepare_error;
    if (auto plain = plain_rules(dir / "rules.yaml"); plain && !plain->empty()) {
      rules = prepare_plain(*plain, &prepare_error);
      if (!rules) rules = std::vector<PreparedRule>{};
    } else {
      rules = prepare_loaded(dir, *setup);
    }
    if (!rules) continue;
    std::string capture = setup->capture.substr(0, setup->capture.find(".scap"));
    auto& events = recordings[capture];
    if (events.empty()) events = read_gz_lines(shared / "compat/expected" / (capture + ".fields.jsonl.gz"));
    if (events.empty()) continue;
    ++ran;
    std::string result =
        prepare_error.empty() ? run_case(dir, *setup, *rules, events) : prepare_error;
    if (result == "skip") {
      --ran;
      continue;
    }
    if (result.empty()) {
      ++matched;
      continue;
    }
    if (divergent.count(name)) continue;
    unexpected.push_back(name);
    ADD_FAILURE() << "case " << name << ": " << result;
  }
  std::cout << "[recorded-fields] " << matched << " of " << ran << " cases match Falco\n";
  EXPECT_GT(ran, 30u);
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " unlisted cases differ";
}

}  // namespace
}  // namespace eg
