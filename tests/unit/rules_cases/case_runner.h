// Runs one golden rules-file case (a directory of the shared rules-cases
// corpus) through the loader library the way the CLI would for `-V` and `-L`,
// and produces the outputs the corpus records, so a test can compare them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace eg::testing {

struct CaseOutputs {
  int validate_exit_code = 0;
  std::string validate_json;
  std::string validate_txt;
  std::string validate_stderr;
  bool list_ran = false;
  int list_exit_code = 0;
  std::string list_json;
  std::string list_txt;
  std::string list_stderr;
};

struct CaseCommand {
  bool validate = false;                  // -V (else -r)
  std::vector<std::string> files;         // as written
  std::vector<std::string> extra_outputs;  // append_output[].extra_output values
};

CaseCommand parse_case_command(const std::string& cmd);
CaseOutputs run_case(const std::filesystem::path& case_dir);

// Comparison helpers: each returns an empty string when equal, else a diff note.
std::string compare_validate_json(const std::string& expected, const std::string& actual);
std::string compare_list_json(const std::string& expected, const std::string& actual);
std::string compare_text(const std::string& what, const std::string& expected, const std::string& actual);

std::string read_file_text(const std::filesystem::path& p);

}  // namespace eg::testing
