// make_extractor(): every field of the registry is bound to an extractor,
// arguments are validated at load time, and the extractor kinds (lists,
// candidate matching) are what the compiler expects.
#include "engine/extract/extractor.h"

#include <gtest/gtest.h>

#include "engine/extract/field_bindings.h"

namespace eg {
namespace {

std::unique_ptr<Extractor> make(std::string_view name, std::optional<std::string> arg, std::string& error) {
  ExtractorRequest req;
  req.info = find_field(name);
  req.arg = std::move(arg);
  return make_extractor(req, &error);
}

// A representative argument for fields that need one.
std::optional<std::string> sample_arg(const FieldInfo& info) {
  if (!info.has(kFieldArgRequired)) return std::nullopt;
  if (info.name == "evt.arg" || info.name == "evt.rawarg") return "fd";
  if (info.name == "evt.type.is") return "open";
  if (info.has(kFieldArgIndex)) return "0";
  return "key";
}

TEST(MakeExtractor, EveryRegistryFieldIsBound) {
  ASSERT_FALSE(all_fields().empty());
  for (const FieldInfo& info : all_fields()) {
    std::string error;
    auto ex = make(info.name, sample_arg(info), error);
    EXPECT_TRUE(ex) << info.name << ": " << error;
  }
}

TEST(MakeExtractor, EveryBindingNamesARegistryField) {
  for (auto table : all_binding_tables()) {
    for (const auto& b : table) EXPECT_NE(find_field(b.name), nullptr) << b.name;
  }
}

TEST(MakeExtractor, DeclaredTypesMatchTheRegistry) {
  for (const FieldInfo& info : all_fields()) {
    if (info.type == FieldType::DYN) continue;
    std::string error;
    auto ex = make(info.name, sample_arg(info), error);
    ASSERT_TRUE(ex) << info.name;
    EXPECT_EQ(ex->type(), info.type) << info.name;
    EXPECT_EQ(ex->is_list(), info.has(kFieldIsList)) << info.name;
  }
}

TEST(MakeExtractor, ArgumentErrors) {
  std::string error;
  EXPECT_FALSE(make("evt.arg", "nosuchparam", error));
  EXPECT_EQ(error, "unknown event argument nosuchparam");
  error.clear();
  EXPECT_FALSE(make("evt.rawarg", "nosuchparam", error));
  EXPECT_EQ(error, "unknown event argument nosuchparam");
  error.clear();
  EXPECT_FALSE(make("proc.aname", "x", error));
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_TRUE(make("evt.rawarg", "res", error)) << error;
}

TEST(MakeExtractor, RawArgTakesTheParamType) {
  std::string error;
  auto ex = make("evt.rawarg", "res", error);
  ASSERT_TRUE(ex);
  EXPECT_EQ(type_class(ex->type()), TypeClass::Numeric);
}

TEST(MakeExtractor, MatchModes) {
  std::string error;
  EXPECT_EQ(make("proc.aname", std::nullopt, error)->match_mode(), MatchMode::AnyCandidate);
  EXPECT_EQ(make("proc.aname", "2", error)->match_mode(), MatchMode::Values);
  EXPECT_EQ(make("proc.apid", std::nullopt, error)->match_mode(), MatchMode::AnyCandidate);
  EXPECT_EQ(make("fd.ip", std::nullopt, error)->match_mode(), MatchMode::EitherEndpoint);
  EXPECT_EQ(make("fd.port", std::nullopt, error)->match_mode(), MatchMode::EitherEndpoint);
  EXPECT_EQ(make("fd.net", std::nullopt, error)->match_mode(), MatchMode::EitherEndpoint);
  EXPECT_EQ(make("fd.sip", std::nullopt, error)->match_mode(), MatchMode::Values);
  EXPECT_TRUE(make("fd.types", std::nullopt, error)->is_list());
}

}  // namespace
}  // namespace eg
