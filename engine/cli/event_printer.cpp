// The `events` subcommand (see event_printer.h): argument parsing, format and
// filter compilation, then the replay loop feeding the zone state and printing
// each visible event that passes the filter.
#include "engine/cli/event_printer.h"

#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "engine/cli/capture_seeding.h"
#include "engine/compiler/filter.h"
#include "engine/output/output_format.h"
#include "engine/sources/capture_reader.h"
#include "engine/state/state_engine.h"
#include "parser/condition/condition_parser.h"

namespace eg::cli {

const char* const kDefaultEventFormat =
    "%evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.args";

namespace {

struct PrinterArgs {
  std::string capture;
  std::string format = kDefaultEventFormat;
  std::string filter;
  bool help = false;
};

int fail(const std::string& text) {
  std::fprintf(stderr, "Error: %s\n", text.c_str());
  return 1;
}

// -e FILE / -eFILE / --capture=FILE, -p FORMAT, -h; the rest joined as filter.
std::optional<PrinterArgs> parse_args(const std::vector<std::string>& args, std::string& error) {
  PrinterArgs out;
  std::vector<std::string> filter_words;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag, std::string& dst) {
      if (i + 1 >= args.size()) {
        error = fmt::format("events: option {} needs a value", flag);
        return false;
      }
      dst = args[++i];
      return true;
    };
    if (a == "-h" || a == "--help") {
      out.help = true;
    } else if (a == "-e" || a == "--capture") {
      if (!value("-e", out.capture)) return std::nullopt;
    } else if (a == "-p" || a == "--format") {
      if (!value("-p", out.format)) return std::nullopt;
    } else if (a.rfind("--capture=", 0) == 0) {
      out.capture = a.substr(10);
    } else if (a.rfind("--format=", 0) == 0) {
      out.format = a.substr(9);
    } else if (a.size() > 2 && a[0] == '-' && (a[1] == 'e' || a[1] == 'p') && a[2] != ' ') {
      (a[1] == 'e' ? out.capture : out.format) = a.substr(2);
    } else if (a == "--") {
      for (++i; i < args.size(); ++i) filter_words.push_back(args[i]);
    } else {
      filter_words.push_back(a);
    }
  }
  for (const auto& w : filter_words) out.filter += (out.filter.empty() ? "" : " ") + w;
  if (!out.help && out.capture.empty()) {
    error = "events: no capture file (use -e FILE)";
    return std::nullopt;
  }
  return out;
}

std::string position_text(const ast::Position& p) {
  return fmt::format("offset {}, line {}, column {}", p.offset, p.line, p.column);
}

// nullptr filter (ok) when the text is empty; error set when it is invalid.
FilterPtr compile_filter_text(const std::string& text, std::string& error) {
  if (text.empty()) return nullptr;
  ConditionParseResult parsed = parse_condition(text);
  if (!parsed.ok()) {
    error = fmt::format("invalid filter: {} ({})", parsed.error, position_text(parsed.error_pos));
    return nullptr;
  }
  FilterCompileResult compiled = compile_filter(*parsed.expr);
  if (!compiled.ok()) {
    error = fmt::format("invalid filter: {} ({})", compiled.error, position_text(compiled.error_pos));
    return nullptr;
  }
  return std::move(compiled.filter);
}

int print_events(CaptureReader& reader, const output::OutputFormat& format, Filter* filter) {
  StateEngine state;
  ZoneState& zone = state.zone("host", "host");
  seed_zone_from_capture(zone, reader.section());
  CaptureEvent ev;
  std::string line;
  while (true) {
    auto next = reader.next(ev);
    if (next == CaptureReader::Next::Section) {
      seed_zone_from_capture(zone, reader.section());
      continue;
    }
    if (next == CaptureReader::Next::End) return 0;
    if (next == CaptureReader::Next::Error) return fail(reader.error());
    const EventContext& ctx = zone.on_event(ev.raw, ev.num);
    if (!ev.visible) continue;
    if (filter && !filter->evaluate(ctx)) continue;
    line.clear();
    format.render_text(ctx, line);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
}

}  // namespace

std::string event_printer_usage() {
  return fmt::format(
      "Usage:\n  edera-guard events -e FILE [-p FORMAT] [FILTER]\n\n"
      "Prints one line per event of capture FILE that reaches the rules and passes the optional\n"
      "FILTER (a rule condition without macros; several words are joined with spaces).\n"
      "FORMAT is a rule output format (%field, %field[arg], %width:field, transformers);\n"
      "missing values print as <NA>.\n\n"
      "  -e, --capture FILE   capture file (.scap, plain or gzip)\n"
      "  -p, --format FORMAT  line format, default:\n"
      "                       {}\n"
      "  -h, --help           print this help\n",
      kDefaultEventFormat);
}

int run_event_printer(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args, error);
  if (!parsed) return fail(error);
  if (parsed->help) {
    std::fputs(event_printer_usage().c_str(), stdout);
    return 0;
  }
  auto format = output::OutputFormat::compile(parsed->format, &error);
  if (!format) return fail(fmt::format("invalid format: {}", error));
  FilterPtr filter = compile_filter_text(parsed->filter, error);
  if (!error.empty()) return fail(error);
  auto reader = CaptureReader::open_file(parsed->capture, {}, error);
  if (!reader) return fail(error);
  int rc = print_events(*reader, *format, filter.get());
  std::fflush(stdout);
  return rc;
}

}  // namespace eg::cli
