// Golden-case runner (see case_runner.h). `-V` loads every file (in command
// order, continuing after failures); `-L` loads the `-r` files (only *.yaml /
// *.yml, directories expanded in name order) and stops at the first failure.
#include "case_runner.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "engine/loader/rule_loader.h"

namespace eg::testing {
namespace fs = std::filesystem;

std::string read_file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

CaseCommand parse_case_command(const std::string& cmd) {
  CaseCommand c;
  std::istringstream is(cmd);
  std::vector<std::string> tokens;
  for (std::string t; is >> t;) tokens.push_back(t);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t == "-V" || t == "-r") {
      c.validate = t == "-V";
      c.files.push_back(tokens[++i]);
    } else if (t == "-o") {
      const std::string& opt = tokens[++i];
      const std::string key = "append_output[].extra_output=";
      if (opt.rfind(key, 0) == 0) c.extra_outputs.push_back(opt.substr(key.size()));
    } else if (t == "-e") {
      ++i;
    }
  }
  return c;
}

namespace {

LoaderOptions options_for(const CaseCommand& c) {
  LoaderOptions o;
  o.extra_output_formats = c.extra_outputs;
  return o;
}

bool is_rules_file_name(const std::string& name) {
  auto ends = [&](const std::string& s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

// The -r expansion: directories in name order, non-YAML names dropped.
std::vector<RulesFileInput> run_inputs(const fs::path& dir, const CaseCommand& c) {
  std::vector<RulesFileInput> out;
  for (const auto& f : c.files) {
    fs::path p = dir / f;
    if (fs::is_directory(p)) {
      std::vector<std::string> names;
      for (const auto& e : fs::directory_iterator(p)) names.push_back(e.path().filename().string());
      std::sort(names.begin(), names.end());
      for (const auto& n : names) {
        if (is_rules_file_name(n)) out.push_back({f + "/" + n, read_file_text(p / n)});
      }
    } else if (is_rules_file_name(f)) {
      out.push_back({f, read_file_text(p)});
    }
  }
  return out;
}

void run_validate(const fs::path& dir, const CaseCommand& c, CaseOutputs& out) {
  RuleLoader loader(options_for(c));
  for (const auto& f : c.files) {
    fs::path p = dir / f;
    if (fs::is_directory(p)) {
      out.validate_stderr = "Runtime error: basic_filebuf::underflow error reading the file: Is a directory. Exiting.\n";
      out.validate_exit_code = 1;
      return;
    }
    loader.load({f, read_file_text(p)});
    if (loader.fatal_error()) break;
  }
  if (loader.fatal_error()) {
    out.validate_stderr = "Runtime error: " + *loader.fatal_error() + ". Exiting.\n";
    out.validate_exit_code = 1;
    return;
  }
  if (loader.ok()) {
    if (auto plugin_error = loader.check_plugin_requirements()) {
      out.validate_stderr = "Error: " + *plugin_error + "\n";
      out.validate_exit_code = 1;
      return;
    }
  }
  out.validate_json = render_validate_json(loader);
  ValidateTextOutput text = render_validate_text(loader);
  out.validate_txt = text.stdout_text;
  out.validate_stderr = text.stderr_text;
  out.validate_exit_code = loader.ok() ? 0 : 1;
}

void run_list(const fs::path& dir, const CaseCommand& c, CaseOutputs& out) {
  out.list_ran = true;
  std::vector<RulesFileInput> inputs = run_inputs(dir, c);
  if (inputs.empty()) {
    out.list_exit_code = 1;
    out.list_stderr = "Runtime error: rules must be loaded before describing them. Exiting.\n";
    return;
  }
  RuleLoader loader(options_for(c));
  for (const auto& in : inputs) {
    loader.load(in);
    if (!loader.ok()) break;
  }
  if (!loader.ok() || loader.check_plugin_requirements()) {
    out.list_exit_code = 1;
    return;
  }
  try {
    out.list_json = render_rules_list_json(loader);
    out.list_txt = render_rules_list_text(loader);
  } catch (const std::runtime_error& e) {
    out.list_exit_code = 1;
    out.list_stderr = std::string("Runtime error: ") + e.what() + ". Exiting.\n";
  }
}

}  // namespace

CaseOutputs run_case(const fs::path& case_dir) {
  CaseOutputs out;
  std::string cmd = read_file_text(case_dir / "cmd");
  CaseCommand c = parse_case_command(cmd);
  run_validate(case_dir, c, out);
  if (out.validate_exit_code == 0) run_list(case_dir, c, out);
  return out;
}

namespace {

void drop_schema(nlohmann::json& j) { (void)j; }

// Arrays Falco fills from hash sets: compared as sets.
void sort_set_arrays(nlohmann::json& j) {
  for (auto* group : {"rules", "macros", "lists"}) {
    if (!j.contains(group)) continue;
    for (auto& item : j[group]) {
      if (!item.contains("details")) continue;
      for (auto& [key, value] : item["details"].items()) {
        if (key == "output_fields" || key == "items_compiled" || !value.is_array()) continue;
        std::sort(value.begin(), value.end());
      }
    }
  }
}

std::string json_diff(const nlohmann::json& e, const nlohmann::json& a) {
  if (e == a) return {};
  nlohmann::json patch = nlohmann::json::diff(e, a);
  std::string s = patch.dump();
  if (s.size() > 3000) s = s.substr(0, 3000) + "...";
  return "JSON differs (patch expected->actual): " + s;
}

}  // namespace

std::string compare_validate_json(const std::string& expected, const std::string& actual) {
  if (expected.empty() || actual.empty()) {
    return expected == actual ? "" : "validate.json: expected [" + expected + "] got [" + actual + "]";
  }
  nlohmann::json e = nlohmann::json::parse(expected, nullptr, false);
  nlohmann::json a = nlohmann::json::parse(actual, nullptr, false);
  drop_schema(e);
  drop_schema(a);
  std::string d = json_diff(e, a);
  return d.empty() ? d : "validate.json: " + d;
}

std::string compare_list_json(const std::string& expected, const std::string& actual) {
  nlohmann::json e = nlohmann::json::parse(expected, nullptr, false);
  nlohmann::json a = nlohmann::json::parse(actual, nullptr, false);
  if (a.is_discarded()) return "list.json: actual is not JSON: " + actual.substr(0, 200);
  sort_set_arrays(e);
  sort_set_arrays(a);
  std::string d = json_diff(e, a);
  return d.empty() ? d : "list.json: " + d;
}

std::string compare_text(const std::string& what, const std::string& expected, const std::string& actual) {
  if (expected == actual) return {};
  return what + " differs.\n--- expected\n" + expected + "\n--- actual\n" + actual + "\n---";
}

}  // namespace eg::testing
