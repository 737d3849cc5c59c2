// The alert formatter's text and JSON against references built the slow way:
// the JSON document as nlohmann builds it from the same text line and
// render_fields() (and the text line's escaping as nlohmann's dump), on events
// whose strings need escaping, hold invalid or split UTF-8, are empty, long
// or missing (<NA>), for fields taking the direct way (strings, numbers) and
// the general one (widths, transformers, lists, times, extras), under each
// json_include_* option. The formatter reuses a field's rendered text for its
// JSON; these cases are where that could go wrong.
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/loader/priority.h"
#include "engine/output/alert.h"
#include "engine/output/alert_formatter.h"
#include "engine/sources/capture_builder.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/zone_state.h"

namespace eg::output {
namespace {

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// render_fields() of `format` into `fields`.
void add_fields(const std::string& format, const EventContext& ctx, nlohmann::json& fields) {
  std::string err;
  auto f = OutputFormat::compile(format, &err);
  ASSERT_TRUE(f) << format << ": " << err;
  f->render_fields(ctx, fields);
}

std::string text_of(const std::string& format, const EventContext& ctx) {
  std::string err;
  auto f = OutputFormat::compile(format, &err);
  EXPECT_TRUE(f) << format << ": " << err;
  std::string out;
  if (f) f->render_text(ctx, out);
  return out;
}

// The document Falco's JSON output has for this alert, built as a document.
std::string reference_json(const OutputConfig& c, const RuleOutputInfo& r, const EventContext& ctx, const Alert& a) {
  nlohmann::json doc = nlohmann::json::object();
  doc["hostname"] = c.hostname;
  const std::string prefix_end = ": " + std::string(priority_long_name(r.priority)) + " ";
  const size_t at = a.text_line.find(prefix_end);
  if (c.json_include_message_property) doc["message"] = a.text_line.substr(at + prefix_end.size());
  if (c.json_include_output_property) doc["output"] = a.text_line;
  if (c.json_include_output_fields_property) {
    nlohmann::json fields = nlohmann::json::object();
    add_fields(effective_output(r, c), ctx, fields);
    add_fields(c.time_format_iso_8601 ? "%evt.time.iso8601" : "%evt.time", ctx, fields);
    for (const auto& e : c.append_output)
      for (const auto& x : e.extra_fields)
        if (x.raw) add_fields("%" + x.key, ctx, fields);
    for (const auto& e : c.append_output)
      for (const auto& x : e.extra_fields)
        if (!x.raw) fields[x.key] = text_of(x.format, ctx);
    doc["output_fields"] = fields;
  }
  doc["priority"] = std::string(priority_long_name(r.priority));
  doc["rule"] = r.name;
  doc["source"] = r.source;
  if (c.json_include_tags_property) doc["tags"] = r.tags;
  doc["time"] = json_time(a.ts);
  return dump(doc);
}

// One thread running `comm` (exe and exepath given too) opening `path`.
struct Process {
  std::string comm, exe, exepath;
  std::vector<std::string> args;
  std::string path;
};

// Formats the openat of `p` with rule output `output` and checks the alert
// against the references; returns the text line.
std::string check(const OutputConfig& config, const std::string& output, const Process& p) {
  RuleOutputInfo rule{"rule \"q\"", output, Priority::Warning, "syscall", {"b", "a\\"}};
  std::string err;
  auto formatter = RuleFormatter::compile(rule, config, &err);
  EXPECT_TRUE(formatter) << output << ": " << err;
  if (!formatter) return {};
  CaptureBuilder b;
  ThreadSnapshot t;
  t.tid = t.pid = 10;
  t.ptid = 1;
  t.comm = p.comm;
  t.exe = p.exe;
  t.exepath = p.exepath;
  t.args = p.args;
  t.uid = 1000;
  b.add_thread(t);
  b.add("openat", 10, 1'700'000'000'123'456'789ull, {{"fd", 3}, {"dirfd", -100}, {"name", p.path}, {"flags", 1}});
  const std::vector<uint8_t> bytes = b.bytes();
  auto reader = CaptureReader::open_memory(bytes, {}, err);
  EXPECT_TRUE(reader) << err;
  if (!reader) return {};
  ZoneState zone;
  for (const auto& s : reader->section().threads) zone.seed_thread(s);
  CaptureEvent ev;
  std::string line;
  while (reader->next(ev) == CaptureReader::Next::Event) {
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (!ev.visible) continue;
    for (int round = 0; round < 2; ++round) {  // a fresh alert, then a refilled one
      AlertPtr a = formatter->format(ctx);
      line = a->text_line;
      if (config.json_output) {
        EXPECT_EQ(a->json, reference_json(config, rule, ctx, *a)) << output << " comm=" << p.comm;
        EXPECT_TRUE(a->escaped_text.empty());
      } else {
        const std::string quoted = dump(nlohmann::json(a->text_line));
        EXPECT_EQ(a->escaped_text, quoted.substr(1, quoted.size() - 2)) << output;
        EXPECT_TRUE(a->json.empty());
      }
    }
  }
  return line;
}

// Strings that need escaping, UTF-8 valid and not, empty and long ones, and
// lengths around the word sizes the copies and the escaper work in.
std::vector<Process> processes() {
  const std::string s16 = "abcdefghijklmnop";
  return {
      {"plain", "/bin/plain", "/usr/bin/plain", {"-x", "1"}, "/etc/hosts"},
      {"q\"uo\\te", "tab\there", "/nl\nin/path", {"a\"b", "c\\d"}, "/etc/\x01\x1f\x7f"},
      {"caf\xC3\xA9", "\xE2\x82\xAC", "/usr/bin/\xF0\x9F\x98\x80", {"\xC3\xBC"}, "/tmp/\xE6\x97\xA5"},
      {"bad\xFF", "\xC0\xAF", "/x/\xED\xA0\x80", {"\xF4\x90\x80\x80", "\xE2\x82"}, "/tmp/\x80"},
      // a lead byte ending one value and a continuation starting the next:
      // valid UTF-8 in the text line, two broken sequences as separate values
      {"trunc\xC3", "\xA9tail", "/p\xE2\x82", {"\xAC"}, "/q\xF0\x9F"},
      {"", "", "", {}, ""},
      {s16.substr(0, 7), s16.substr(0, 8), s16, {s16 + "q", s16.substr(0, 3)}, s16 + s16 + s16},
      {s16.substr(0, 15), s16 + "\"", std::string(300, 'x') + "\\", {std::string(40, '\n')}, std::string(17, 'y')},
  };
}

class AlertJson : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    config.json_output = true;
    config.hostname = "h\"ost";
    config.append_output = {};
  }
  OutputConfig config;
};

// Direct-way fields (strings, decimal numbers), general-way ones (widths,
// transformers, lists, hex, times, no value), adjacent fields and a field twice.
const char* const kOutputs[] = {
    "name=%proc.name exe=%proc.exe path=%proc.exepath cmd=%proc.cmdline file=%fd.name pid=%proc.pid uid=%user.uid",
    "%proc.name%proc.exe%proc.exepath%fd.name",
    "w=%5proc.name| up=%toupper(proc.exe) base=%basename(fd.name) len=%len(proc.name) %3proc.pid",
    "args=%proc.args aname=%proc.aname[1] pname=%proc.pname ppid=%proc.ppid tty=%proc.tty",
    "t=%evt.rawtime d=%evt.deltatime n=%evt.num type=%evt.type dir=%evt.dir res=%evt.res flags=%evt.arg.flags",
    "twice %proc.name %proc.name %5proc.name %proc.name end",
    "iso %evt.time.iso8601 %evt.time %evt.datetime",
    "no fields at all",
    "%proc.name",
};

TEST_F(AlertJson, MatchesTheDocumentNlohmannBuilds) {
  for (const char* output : kOutputs)
    for (const Process& p : processes()) check(config, output, p);
}

TEST_F(AlertJson, EachIncludeOption) {
  for (int mask = 0; mask < 16; ++mask) {
    config.json_include_output_property = mask & 1;
    config.json_include_message_property = mask & 2;
    config.json_include_output_fields_property = mask & 4;
    config.json_include_tags_property = mask & 8;
    config.time_format_iso_8601 = mask == 5;
    for (const char* output : {kOutputs[0], kOutputs[2]})
      for (const Process& p : processes()) check(config, output, p);
  }
}

// Raw extras render into their own buffer, named extras are strings: both
// with values that need escaping, and keys that clash with message fields.
TEST_F(AlertJson, ExtraFields) {
  AppendOutputEntry e;
  e.extra_output = "more=%proc.exe";
  e.extra_fields = {{"proc.name", "", true}, {"fd.name", "", true}, {"label", "n=%proc.name \"%fd.name\"", false},
                    {"proc.exe", "named %proc.exepath", false}, {"user.uid", "", true}};
  config.append_output = {e};
  config.extra_formats = {"extra=%proc.pid"};
  for (const char* output : {kOutputs[0], kOutputs[1]})
    for (const Process& p : processes()) check(config, output, p);
  config.json_include_output_property = false;
  for (const Process& p : processes()) check(config, kOutputs[0], p);
}

TEST_F(AlertJson, TextLines) {
  config.json_output = false;
  for (const char* output : kOutputs)
    for (const Process& p : processes()) check(config, output, p);
}

// The text line itself: values as they are, <NA>, widths and transformers.
TEST_F(AlertJson, TextLineContents) {
  const Process p{"cat\"", "/bin/cat", "/usr/bin/cat", {"-n"}, "/etc/Hosts"};
  EXPECT_EQ(check(config, "n=%proc.name e=%proc.exepath f=%fd.name pid=%proc.pid", p),
            "22:13:20.123456789: Warning n=cat\" e=/usr/bin/cat f=/etc/Hosts pid=10");
  EXPECT_EQ(check(config, "[%6proc.name][%2fd.name][%toupper(fd.name)][%len(fd.name)][%proc.pname]", p),
            "22:13:20.123456789: Warning [cat\"  ][/e][/ETC/HOSTS][<NA>][<NA>]");
  EXPECT_EQ(check(config, "%proc.name%proc.name", p), "22:13:20.123456789: Warning cat\"cat\"");
}

}  // namespace
}  // namespace eg::output
