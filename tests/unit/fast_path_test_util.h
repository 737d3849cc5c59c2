// Support for the tests that compare a check's fast form (TextCheck,
// NumberCheck, AddressCheck: the field's plain function and the test's typed
// form) with the general ConstantCheck of the same condition.
#pragma once

#include <memory>
#include <string>
#include <typeinfo>
#include <vector>

#include <gtest/gtest.h>

#include "engine/compiler/filter.h"
#include "engine/compiler/value_test.h"
#include "engine/extract/extractor.h"

namespace eg::testing {

// A constant's test as the compiler builds it (build_value_test); a spec the
// compiler refuses fails the calling test.
inline ValueTestPtr build_constant_test(CompareOp op, Modifier modifier, const std::vector<std::string>& constants,
                                        FieldType type, const std::string& what = {}) {
  ValueTestSpec spec;
  spec.op = op;
  spec.modifier = modifier;
  spec.type = type;
  spec.constants = constants;
  spec.list_operand = constants.size() > 1 || op == CompareOp::In;
  std::string error;
  auto test = build_value_test(spec, &error);
  EXPECT_TRUE(test) << what << (what.empty() ? "" : ": ") << error;
  return test;
}

// An extractor seen through extract() and extract_candidates() only (no
// plain functions): make_constant_check gives it the general ConstantCheck.
class GeneralOnly : public Extractor {
 public:
  explicit GeneralOnly(std::unique_ptr<Extractor> inner) : inner_(std::move(inner)) {}
  bool extract(const EventContext& ctx, FieldValues& out) override { return inner_->extract(ctx, out); }
  bool extract_candidates(const EventContext& ctx, FieldValues& out) override {
    return inner_->extract_candidates(ctx, out);
  }
  FieldType type() const override { return inner_->type(); }
  MatchMode match_mode() const override { return inner_->match_mode(); }
  bool is_list() const override { return inner_->is_list(); }

 private:
  std::unique_ptr<Extractor> inner_;
};

// Whether two compiled checks are nodes of the same kind (a fast form was
// chosen when the fast and the general check differ).
inline bool same_node_kind(const Filter& a, const Filter& b) { return typeid(a) == typeid(b); }

}  // namespace eg::testing
