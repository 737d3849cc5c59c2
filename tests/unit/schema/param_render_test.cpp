// Param rendering, table-driven (tests/data/schema/param_render_cases.tsv):
// each case builds one event with one param set to a wire value and checks the
// value text and the resolved text libsinsp would print. Plus the cases that
// need state (fds, threads, users, relative paths) through a test context.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/sources/capture_builder.h"
#include "fields/param_decoder.h"
#include "fields/param_render.h"

namespace eg {
namespace {

struct Case {
  int line;
  std::string event, param, value, rendered, resolved;
};

std::vector<std::string> split_tabs(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t tab = s.find('\t', pos);
    out.push_back(s.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) break;
    pos = tab + 1;
  }
  return out;
}

std::vector<Case> load_cases() {
  std::ifstream in(std::string(EG_SOURCE_DIR) + "/tests/data/schema/param_render_cases.tsv");
  std::vector<Case> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    while (f.size() < 5) f.emplace_back();
    out.push_back({n, f[0], f[1], f[2], f[3], f[4]});
  }
  return out;
}

ParamValue parse_value(const std::string& spec) {
  std::string body = spec.size() > 2 ? spec.substr(2) : "";
  switch (spec[0]) {
    case 'i': return ParamValue(std::stoll(body));
    case 'u': return ParamValue(std::stoull(body));
    case 's': return ParamValue(body);
    case 'e': return ParamValue::empty();
    default: {
      std::vector<uint8_t> bytes;
      for (size_t k = 0; k + 1 < body.size(); k += 2)
        bytes.push_back(static_cast<uint8_t>(std::stoi(body.substr(k, 2), nullptr, 16)));
      return ParamValue::raw(bytes);
    }
  }
}

struct Rendered {
  RenderedParam param;
  std::string args;
};

Rendered render_one(const std::string& event, const std::string& param, const ParamValue& value,
                    const ParamRenderContext& ctx) {
  std::vector<uint8_t> rec = encode_event_by_name(event, 1, 1, {{param, value}});
  RawEvent ev;
  const char* why = nullptr;
  EXPECT_TRUE(parse_raw_event(rec, ev, &why)) << why;
  int idx = find_param(ev, param);
  EXPECT_GE(idx, 0);
  Rendered r;
  render_param(ev, static_cast<uint32_t>(idx), ctx, r.param);
  r.args = render_args(ev, ctx);
  return r;
}

TEST(ParamRender, TableCases) {
  std::vector<Case> cases = load_cases();
  ASSERT_GT(cases.size(), 40u);
  ParamRenderContext no_state;
  for (const Case& c : cases) {
    SCOPED_TRACE("param_render_cases.tsv line " + std::to_string(c.line));
    Rendered r = render_one(c.event, c.param, parse_value(c.value), no_state);
    EXPECT_EQ(r.param.value, c.rendered);
    EXPECT_EQ(r.param.resolved, c.resolved);
  }
}

// Every FLAGS / ENUMFLAGS param of every event renders as the number and its
// flag names (render_param reads these without decoding the param first);
// values of the wrong size, and empty ones, take the general path.
TEST(ParamRender, FlagsParamsOfEveryEvent) {
  ParamRenderContext no_state;
  size_t checked = 0;
  for (const EventInfo& e : all_events()) {
    for (size_t k = 0; k < e.params.size(); ++k) {
      const ParamInfo& p = e.params[k];
      const bool flags = p.type == FieldType::FLAGS8 || p.type == FieldType::FLAGS16 ||
                         p.type == FieldType::FLAGS32 || p.type == FieldType::ENUMFLAGS8 ||
                         p.type == FieldType::ENUMFLAGS16 || p.type == FieldType::ENUMFLAGS32;
      if (!flags || e.name.empty()) continue;
      const uint64_t mask = p.type == FieldType::FLAGS8 || p.type == FieldType::ENUMFLAGS8 ? 0xff
                            : p.type == FieldType::FLAGS16 || p.type == FieldType::ENUMFLAGS16 ? 0xffff
                                                                                              : 0xffffffff;
      std::vector<uint64_t> values = {0, 1, 2, 3, mask, 0x41 & mask, 0x10001 & mask};
      for (const FlagName& f : p.flags) values.push_back(f.value & mask);
      for (uint64_t v : values) {
        std::vector<uint8_t> rec = encode_event_by_code(e.code, 1, 1, {{p.name, ParamValue(v)}});
        RawEvent ev;
        const char* why = nullptr;
        ASSERT_TRUE(parse_raw_event(rec, ev, &why)) << e.id << ": " << why;
        RenderedParam r;
        render_param(ev, static_cast<uint32_t>(k), no_state, r);
        EXPECT_EQ(r.value, std::to_string(static_cast<uint32_t>(v))) << e.id << " " << p.name;
        EXPECT_EQ(r.resolved, render_flag_names(p.type, static_cast<uint32_t>(v), p.flags)) << e.id << " " << p.name;
        ++checked;
      }
      std::vector<uint8_t> rec = encode_event_by_code(e.code, 1, 1, {{p.name, ParamValue::empty()}});
      RawEvent ev;
      const char* why = nullptr;
      ASSERT_TRUE(parse_raw_event(rec, ev, &why)) << e.id << ": " << why;
      RenderedParam r;
      render_param(ev, static_cast<uint32_t>(k), no_state, r);
      EXPECT_TRUE(r.value == "NULL" || r.value == "<NA>") << e.id << " " << p.name << ": " << r.value;
      EXPECT_TRUE(r.resolved.empty()) << e.id << " " << p.name;
    }
  }
  EXPECT_GT(checked, 500u);
}

// A thread with cwd /home/u/, fd 3 = /etc/passwd, fd 4 = a TCP socket, fd 5 = /tmp.
struct TestState : ParamRenderContext {
  bool has_thread() const override { return true; }
  bool fd_info(int64_t fd, FdDescription& out) const override {
    if (fd == 3) out = {'f', 0, "/etc/passwd"};
    else if (fd == 4) out = {'4', 't', "10.0.0.1:40000->1.2.3.4:80"};
    else if (fd == 5) out = {'d', 0, "/tmp"};
    else return false;
    return true;
  }
  bool thread_comm(int64_t tid, std::string_view& comm) const override {
    if (tid != 1234) return false;
    comm = "bash";
    return true;
  }
  std::string cwd() const override { return "/home/u/"; }
  std::string dir_fd_path(int64_t fd) const override { return fd == 5 ? "/tmp/" : ""; }
  bool user_name(uint32_t uid, std::string_view& name) const override {
    if (uid != 0) return false;
    name = "root";
    return true;
  }
};

TEST(ParamRender, StateResolution) {
  TestState st;
  auto one = [&](const std::string& ev, const std::string& p, ParamValue v) {
    return render_one(ev, p, v, st).param;
  };
  RenderedParam r = one("close", "fd", 3);
  EXPECT_EQ(r.value, "3");
  EXPECT_EQ(r.resolved, "<f>/etc/passwd");
  EXPECT_EQ(r.arg_text(), "<f>/etc/passwd");
  EXPECT_EQ(one("close", "fd", 4).resolved, "<4t>10.0.0.1:40000->1.2.3.4:80");
  EXPECT_EQ(one("close", "fd", 9).resolved, "");
  EXPECT_EQ(one("close", "fd", -1).resolved, "EPERM");
  EXPECT_EQ(one("openat", "dirfd", kAtFdCwd).resolved, "AT_FDCWD");
  EXPECT_EQ(one("kill", "pid", 1234).resolved, "bash");
  EXPECT_EQ(one("setuid", "uid", 0).resolved, "root");
  EXPECT_EQ(one("setuid", "uid", 1000).resolved, "<NA>");
  EXPECT_EQ(one("unlink", "path", "x/../y").resolved, "/home/u/y");
  EXPECT_EQ(one("unlink", "path", "/abs").resolved, "");
  // PT_FSRELPATH resolves against the dirfd param.
  std::vector<uint8_t> rec = encode_event_by_name(
      "openat", 1, 1, {{"fd", 6}, {"dirfd", 5}, {"name", "f.txt"}, {"flags", 1}});
  RawEvent ev;
  ASSERT_TRUE(parse_raw_event(rec, ev, nullptr));
  RenderedParam p;
  render_param(ev, static_cast<uint32_t>(find_param(ev, "name")), st, p);
  EXPECT_EQ(p.resolved, "/tmp/f.txt");
  EXPECT_EQ(render_args(ev, st),
            "fd=6 dirfd=5(<d>/tmp) name=f.txt(/tmp/f.txt) flags=1(O_RDONLY) mode=0 dev=0 ino=0");
  // Poll fd lists need the thread's fds.
  r = one("poll", "fds", ParamValue::fdlist({{3, 1}, {4, 4}, {7, 0x8000}}));
  EXPECT_EQ(r.value, "3:f1 4:44 7:?ffff8000");
  ParamRenderContext none;
  EXPECT_EQ(render_one("poll", "fds", ParamValue::fdlist({{3, 1}}), none).param.value, "");
  EXPECT_EQ(render_one("close", "fd", -1, none).param.resolved, "");
}

TEST(ParamRender, GenericEventsHaveNoArgs) {
  std::vector<uint8_t> rec = encode_event_by_name("getpid", 1, 1, {});
  RawEvent ev;
  ASSERT_TRUE(parse_raw_event(rec, ev, nullptr));
  EXPECT_EQ(event_type_name(ev), "getpid");
  EXPECT_EQ(render_args(ev, ParamRenderContext{}), "");
  RenderedParam p;
  render_param(ev, 0, ParamRenderContext{}, p);
  EXPECT_EQ(p.arg_text(), "getpid");
}

TEST(ParamRender, GenericWithUnknownIdUsesNativeNumber) {
  std::vector<uint8_t> rec = encode_event_by_code(kGenericExitCode, 1, 1, {{"ID", 0}, {"nativeID", 221}});
  RawEvent ev;
  ASSERT_TRUE(parse_raw_event(rec, ev, nullptr));
  EXPECT_EQ(event_type_name(ev), "fadvise64");
}

TEST(ParamRender, ConcatenatePaths) {
  EXPECT_EQ(concatenate_paths("/a/b/", "c"), "/a/b/c");
  EXPECT_EQ(concatenate_paths("/a/b/", "../c/./d//e"), "/a/c/d/e");
  EXPECT_EQ(concatenate_paths("/a/", "/abs/../x"), "/x");
  EXPECT_EQ(concatenate_paths("/", "../.."), "/");
  EXPECT_EQ(concatenate_paths("", "rel"), "rel");
}

// Into a reused buffer: the same texts whatever the buffer held before.
TEST(ParamRender, ConcatenatePathsIntoAReusedBuffer) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"/a/b/", "c"}, {"/a/b/", "../c/./d//e"}, {"/a/", "/abs/../x"}, {"/", "../.."},
      {"", "rel"}, {"/a/very/long/directory/name/that/needs/the/heap/", "file.txt"}, {"/", ""}};
  std::string out = "previous contents that are longer than any result here, by far";
  for (const auto& [dir, path] : cases) {
    concatenate_paths_into(out, dir, path);
    EXPECT_EQ(out, concatenate_paths(dir, path)) << dir << " + " << path;
  }
}

// Paths that are already normal take the fast path; the others must still be
// normalised exactly as before.
TEST(ParamRender, ConcatenatePathsNormalForms) {
  EXPECT_EQ(concatenate_paths("/x", "/"), "/");
  EXPECT_EQ(concatenate_paths("/x", "/etc/passwd"), "/etc/passwd");
  EXPECT_EQ(concatenate_paths("/x", "/etc/"), "/etc");
  EXPECT_EQ(concatenate_paths("/x", "//etc"), "/etc");
  EXPECT_EQ(concatenate_paths("/x", "/etc/."), "/etc");
  EXPECT_EQ(concatenate_paths("/x", "/etc/.."), "/");
  EXPECT_EQ(concatenate_paths("/x", "/."), "/");
  EXPECT_EQ(concatenate_paths("/x", "/.."), "/");
  EXPECT_EQ(concatenate_paths("/x", "/.hidden/..dots/.../x"), "/.hidden/..dots/.../x");
  EXPECT_EQ(concatenate_paths("/home/u/", "f"), "/home/u/f");
  EXPECT_EQ(concatenate_paths("/home/u", "f"), "/home/uf");  // libsinsp joins the texts as given
}

TEST(ParamDecode, TypedValues) {
  std::vector<uint8_t> rec = encode_event_by_name(
      "connect", 7, 1,
      {{"res", -111}, {"tuple", ParamValue::socktuple_inet("10.0.0.1", 5, "1.2.3.4", 6)},
       {"fd", 4}, {"addr", ParamValue::sockaddr_inet("::1", 80)}});
  RawEvent ev;
  ASSERT_TRUE(parse_raw_event(rec, ev, nullptr));
  DecodedParam res = decode_param(ev, 0);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.type, FieldType::ERRNO);
  EXPECT_EQ(res.i64, -111);
  DecodedParam tuple = decode_param(ev, 1);
  ASSERT_TRUE(tuple.ok());
  EXPECT_EQ(tuple.tuple.family, kAfInet);
  EXPECT_EQ(tuple.tuple.sip.bytes[0], 10);
  EXPECT_EQ(tuple.tuple.sport, 5);
  EXPECT_EQ(tuple.tuple.dip.bytes[3], 4);
  EXPECT_EQ(tuple.tuple.dport, 6);
  DecodedParam addr = decode_param(ev, 3);
  ASSERT_TRUE(addr.ok());
  EXPECT_EQ(addr.addr.family, kAfInet6);
  EXPECT_EQ(addr.addr.ip.bytes[15], 1);
  EXPECT_EQ(addr.addr.port, 80);
  EXPECT_EQ(decode_param(ev, 9).status, DecodeStatus::Empty);  // beyond the record
  EXPECT_THROW(encode_event_by_name("connect", 1, 1,
                                    {{"tuple", ParamValue::socktuple_inet("10.0.0.1", 5, "::1", 6)}}),
               std::invalid_argument);
}

TEST(ParamDecode, ListsAndDynamic) {
  std::vector<uint8_t> fdl = ParamValue::fdlist({{3, 1}, {-1, 4}}).encode(
      event_info(event_code_for_builder("poll"))->params[1]);
  auto fds = decode_fdlist(fdl);
  ASSERT_EQ(fds.size(), 2u);
  EXPECT_EQ(fds[1].fd, -1);
  EXPECT_EQ(fds[1].events, 4);
  fdl.pop_back();
  EXPECT_TRUE(decode_fdlist(fdl).empty());
  std::string list("a\0bc\0\0d\0", 8);
  auto items = decode_string_list({reinterpret_cast<const uint8_t*>(list.data()), list.size()});
  EXPECT_EQ(items, (std::vector<std::string_view>{"a", "bc", "", "d"}));
  const ParamInfo& val = event_info(event_code_for_builder("setsockopt"))->params[4];
  ASSERT_EQ(val.type, FieldType::DYN);
  std::vector<uint8_t> dyn = {1, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  DecodedParam d = decode_param_bytes(val, dyn);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.type, FieldType::ERRNO);
  EXPECT_EQ(d.i64, -2);
  dyn.pop_back();
  EXPECT_EQ(decode_param_bytes(val, dyn).status, DecodeStatus::Malformed);
}

}  // namespace
}  // namespace eg
