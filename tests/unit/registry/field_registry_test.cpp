// Tests of the field registry: the generated table (fields/data/fields.tsv) and
// the lookups over it. Where the shared reference corpus is present, every field
// form that Falco printed in the dump rule must resolve here too.
#include "fields/field_registry.h"

#include <gtest/gtest.h>

#include <cctype>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace eg {
namespace {

TEST(FieldRegistry, TableIsNonEmptyAndNamesAreUnique) {
  auto fields = all_fields();
  ASSERT_GT(fields.size(), 250u);
  std::set<std::string_view> names;
  for (const auto& f : fields) {
    EXPECT_TRUE(names.insert(f.name).second) << "duplicate " << f.name;
    EXPECT_FALSE(f.description.empty()) << f.name;
    EXPECT_FALSE(f.field_class.empty()) << f.name;
    EXPECT_NE(f.type, FieldType::NONE) << f.name;
  }
}

TEST(FieldRegistry, EveryFieldIsFoundByName) {
  for (const auto& f : all_fields()) {
    EXPECT_EQ(find_field(f.name), &f) << f.name;
  }
}

struct TypeCase {
  const char* name;
  FieldType type;
};

TEST(FieldRegistry, TypesOfWellKnownFields) {
  const TypeCase cases[] = {
      {"evt.num", FieldType::UINT64},      {"evt.type", FieldType::CHARBUF},
      {"evt.rawres", FieldType::INT64},    {"evt.rawtime", FieldType::ABSTIME},
      {"evt.buffer", FieldType::BYTEBUF},  {"evt.rawarg", FieldType::DYN},
      {"evt.cpu", FieldType::INT16},       {"proc.pid", FieldType::INT64},
      {"proc.duration", FieldType::RELTIME}, {"proc.fdusage", FieldType::DOUBLE},
      {"proc.tty", FieldType::UINT32},     {"user.uid", FieldType::UINT32},
      {"user.loginuid", FieldType::INT64}, {"group.gid", FieldType::UINT32},
      {"fd.num", FieldType::INT64},        {"fd.sport", FieldType::PORT},
      {"fd.sip", FieldType::IPADDR},       {"fd.net", FieldType::IPNET},
      {"fd.dev", FieldType::INT32},        {"fd.is_server", FieldType::BOOL},
      {"container.start_ts", FieldType::ABSTIME}, {"edera.zone.id", FieldType::CHARBUF},
  };
  for (const auto& c : cases) {
    const FieldInfo* f = find_field(c.name);
    ASSERT_NE(f, nullptr) << c.name;
    EXPECT_EQ(f->type, c.type) << c.name << " is " << field_type_name(f->type);
  }
}

TEST(FieldRegistry, FlagsOfArgumentFields) {
  const FieldInfo* arg = find_field("evt.arg");
  ASSERT_NE(arg, nullptr);
  EXPECT_TRUE(arg->has(kFieldArgRequired));
  EXPECT_TRUE(arg->has(kFieldArgAllowed));
  EXPECT_TRUE(arg->has(kFieldArgIndex));
  EXPECT_TRUE(arg->has(kFieldArgKey));
  EXPECT_TRUE(arg->has(kFieldDottedArg));

  const FieldInfo* raw = find_field("evt.rawarg");
  ASSERT_NE(raw, nullptr);
  EXPECT_TRUE(raw->has(kFieldNoRhs));
  EXPECT_TRUE(raw->has(kFieldNoTransformer));
  EXPECT_TRUE(raw->has(kFieldNoBracketArg));

  const FieldInfo* aname = find_field("proc.aname");
  ASSERT_NE(aname, nullptr);
  EXPECT_TRUE(aname->has(kFieldArgAllowed));
  EXPECT_FALSE(aname->has(kFieldArgRequired));
  EXPECT_TRUE(aname->has(kFieldArgIndex));

  const FieldInfo* types = find_field("fd.types");
  ASSERT_NE(types, nullptr);
  EXPECT_TRUE(types->has(kFieldIsList));

  EXPECT_FALSE(find_field("proc.name")->has(kFieldArgAllowed));
  EXPECT_TRUE(find_field("evt.dir")->has(kFieldDeprecated));
  EXPECT_TRUE(find_field("fd.ip")->has(kFieldFilterOnly));
  EXPECT_TRUE(find_field("evt.outputtime")->has(kFieldPrintOnly));
}

TEST(FieldRegistry, UnknownNamesAreNotFound) {
  EXPECT_EQ(find_field("proc.nope"), nullptr);
  EXPECT_EQ(find_field(""), nullptr);
  EXPECT_EQ(find_field("proc.namex"), nullptr);
  EXPECT_EQ(lookup_field("proc.namex").info, nullptr);
  EXPECT_EQ(lookup_field("evt.arg.").info, nullptr);
  EXPECT_EQ(lookup_field("evt.arg.a-b").info, nullptr);
  EXPECT_EQ(lookup_field("proc.name.x").info, nullptr);  // no dotted arg on proc.name
}

TEST(FieldRegistry, LookupResolvesDottedArguments) {
  FieldLookup l = lookup_field("evt.arg.fd");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "evt.arg");
  EXPECT_EQ(l.dotted_arg, "fd");
  EXPECT_FALSE(l.bracket_arg);

  l = lookup_field("evt.rawarg.res");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "evt.rawarg");
  EXPECT_EQ(l.dotted_arg, "res");

  l = lookup_field("evt.type.is.open");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "evt.type.is");
  EXPECT_EQ(l.dotted_arg, "open");

  l = lookup_field("thread.cgroup.cpuacct");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "thread.cgroup");
  EXPECT_EQ(l.dotted_arg, "cpuacct");
}

TEST(FieldRegistry, LookupPrefersExactNamesOverDottedForms) {
  FieldLookup l = lookup_field("evt.abspath.src");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "evt.abspath.src");
  EXPECT_FALSE(l.dotted_arg);
  l = lookup_field("evt.type.is");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "evt.type.is");
  l = lookup_field("thread.cgroups");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "thread.cgroups");
}

TEST(FieldRegistry, LookupResolvesBracketArguments) {
  FieldLookup l = lookup_field("proc.aname[2]");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "proc.aname");
  EXPECT_EQ(l.bracket_arg, "2");
  l = lookup_field("evt.type.is[open]");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "evt.type.is");
  EXPECT_EQ(l.bracket_arg, "open");
  l = lookup_field("proc.env[HOME]");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.bracket_arg, "HOME");
  l = lookup_field("container.mount[0]");
  ASSERT_NE(l.info, nullptr);
  EXPECT_EQ(l.info->name, "container.mount");
  EXPECT_EQ(lookup_field("nope.x[1]").info, nullptr);
}

struct PrefixCase {
  const char* text;
  size_t length;
  const char* field;
};

TEST(FieldRegistry, LongestPrefixMatchesLikeTheFormatter) {
  const PrefixCase cases[] = {
      {"proc.name", 9, "proc.name"},
      {"proc.name rest", 9, "proc.name"},
      {"proc.namex", 9, "proc.name"},
      {"proc.pname)", 10, "proc.pname"},
      {"evt.time.s foo", 10, "evt.time.s"},
      {"evt.time.", 8, "evt.time"},
      {"evt.arg.fd)", 10, "evt.arg"},
      {"evt.arg[0] x", 10, "evt.arg"},
      {"proc.aname[2]:", 13, "proc.aname"},
      {"proc.aname:", 10, "proc.aname"},
      {"proc.aexepath[1]", 16, "proc.aexepath"},
      {"container.mount[0]", 18, "container.mount"},
      {"container.mounts", 16, "container.mounts"},
      {"fd.types[0]", 11, "fd.types"},
      {"evt.type.is[open]", 17, "evt.type.is"},
      {"nothing.here", 0, nullptr},
      {"", 0, nullptr},
  };
  for (const auto& c : cases) {
    FieldPrefixMatch m = match_field_prefix(c.text);
    EXPECT_EQ(m.length, c.length) << c.text;
    EXPECT_EQ(longest_field_prefix(c.text), c.length) << c.text;
    if (c.field == nullptr) {
      EXPECT_EQ(m.info, nullptr) << c.text;
    } else {
      ASSERT_NE(m.info, nullptr) << c.text;
      EXPECT_EQ(m.info->name, c.field) << c.text;
    }
  }
}

// The index walk agrees with a plain scan of the table for every field name
// followed by each kind of character that can end, extend or break a name.
TEST(FieldRegistry, PrefixMatchAgreesWithATableScan) {
  auto scan = [](std::string_view text) {
    const FieldInfo* best = nullptr;
    for (const FieldInfo& f : all_fields())
      if ((best == nullptr || f.name.size() > best->name.size()) && text.starts_with(f.name)) best = &f;
    return best;
  };
  size_t checked = 0;
  for (const FieldInfo& f : all_fields()) {
    for (std::string_view tail : {"", " ", ".", ".x", "[1]", "x", "_", "raw", ")", "~", "\x7f"}) {
      std::string text = std::string(f.name) + std::string(tail);
      for (size_t cut : {text.size(), text.size() > 1 ? text.size() - 1 : 0}) {
        std::string_view t = std::string_view(text).substr(0, cut);
        EXPECT_EQ(match_field_prefix(t).info, scan(t)) << t;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
}

// Dotted-argument lookups (evt.arg.fd) agree with a plain scan of the table
// for every dotted-argument field and arguments valid and not.
TEST(FieldRegistry, DottedLookupAgreesWithATableScan) {
  auto valid_arg = [](std::string_view a) {
    if (a.empty()) return false;
    for (char c : a)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
  };
  auto scan = [&](std::string_view name) {
    FieldLookup best;
    size_t best_len = 0;
    for (const FieldInfo& f : all_fields()) {
      if (!f.has(kFieldDottedArg) || f.name.size() <= best_len) continue;
      if (name.size() <= f.name.size() + 1 || !name.starts_with(f.name) || name[f.name.size()] != '.') continue;
      std::string_view arg = name.substr(f.name.size() + 1);
      if (!valid_arg(arg)) continue;
      best.info = &f;
      best.dotted_arg = std::string(arg);
      best_len = f.name.size();
    }
    return best;
  };
  size_t checked = 0;
  for (const FieldInfo& f : all_fields()) {
    for (std::string_view tail : {".fd", ".a_b9", ".x.y", ".", "..fd", ".fd.", ".f-d", "x.fd", ""}) {
      std::string name = std::string(f.name) + std::string(tail);
      if (find_field(name) != nullptr || name.back() == ']') continue;  // exact names are not dotted
      FieldLookup got = lookup_field(name), want = scan(name);
      EXPECT_EQ(got.info, want.info) << name;
      EXPECT_EQ(got.dotted_arg, want.dotted_arg) << name;
      EXPECT_FALSE(got.bracket_arg) << name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

TEST(FieldRegistry, PrefixReportsUnterminatedBracket) {
  FieldPrefixMatch m = match_field_prefix("proc.aname[2");
  ASSERT_NE(m.info, nullptr);
  EXPECT_TRUE(m.unterminated_bracket);
  EXPECT_EQ(m.length, 10u);
  // A field without arguments leaves the bracket to the caller.
  m = match_field_prefix("proc.name[1]");
  EXPECT_EQ(m.length, 9u);
  EXPECT_FALSE(m.bracket_arg);
}

TEST(FieldRegistry, ClassesComeInTableOrder) {
  auto classes = field_classes();
  ASSERT_GE(classes.size(), 10u);
  EXPECT_EQ(classes[0], "evt");
  std::set<std::string_view> set(classes.begin(), classes.end());
  for (const char* c : {"evt", "process", "user", "group", "fd", "fdlist", "fs.path", "container", "k8s", "edera"}) {
    EXPECT_TRUE(set.count(c)) << c;
  }
}

// Every %field form of the reference dump rule must be a known field.
TEST(FieldRegistry, EveryFieldOfTheReferenceDumpResolves) {
  std::filesystem::path dump = std::filesystem::path(EG_SHARED_DIR) / "compat/expected/dump-all-fields.yaml";
  if (!std::filesystem::exists(dump)) GTEST_SKIP() << "shared corpus not present: " << dump;
  std::ifstream in(dump);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  std::regex token(R"(%([a-z0-9_.]+(\[[^\]]*\])?))");
  size_t count = 0;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), token); it != std::sregex_iterator(); ++it) {
    std::string form = (*it)[1].str();
    ++count;
    EXPECT_NE(lookup_field(form).info, nullptr) << form;
    EXPECT_EQ(longest_field_prefix(form), form.size()) << form;
  }
  EXPECT_GT(count, 250u);
}

}  // namespace
}  // namespace eg
