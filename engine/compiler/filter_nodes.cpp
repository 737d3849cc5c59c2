// Filter tree nodes (see filter_nodes.h).
#include "engine/compiler/filter_nodes.h"

#include <algorithm>
#include <array>

#include "engine/compiler/value_compare.h"
#include "engine/state/event_context.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

class AndFilter : public Filter {
 public:
  explicit AndFilter(std::vector<FilterPtr> c) : children_(std::move(c)) {}
  bool evaluate(const EventContext& ctx) override {
    for (auto& c : children_)
      if (!c->evaluate(ctx)) return false;
    return true;
  }
  // The first child's guard, of the children that have one: all must hold.
  FilterGuard guard() const override {
    for (const auto& c : children_)
      if (FilterGuard g = c->guard(); g.table != nullptr) return g;
    return {};
  }

 private:
  std::vector<FilterPtr> children_;
};

class OrFilter : public Filter {
 public:
  explicit OrFilter(std::vector<FilterPtr> c) : children_(std::move(c)) {}
  bool evaluate(const EventContext& ctx) override {
    for (auto& c : children_)
      if (c->evaluate(ctx)) return true;
    return false;
  }

 private:
  std::vector<FilterPtr> children_;
};

class NotFilter : public Filter {
 public:
  explicit NotFilter(FilterPtr c) : child_(std::move(c)) {}
  bool evaluate(const EventContext& ctx) override { return !child_->evaluate(ctx); }

 private:
  FilterPtr child_;
};

// `exists`: the field produces a value. Fields that compare through candidates
// (fd.ip, fd.port: filter-only, they print nothing) exist when a candidate does.
class ExistsCheck : public Filter {
 public:
  explicit ExistsCheck(std::unique_ptr<Extractor> f)
      : field_(std::move(f)), candidates_(field_->match_mode() != MatchMode::Values) {}
  bool evaluate(const EventContext& ctx) override {
    values_.clear();
    if (candidates_) return field_->extract_candidates(ctx, values_) && !values_.empty();
    return field_->extract(ctx, values_);
  }

 private:
  std::unique_ptr<Extractor> field_;
  bool candidates_;
  FieldValues values_;
};

class ConstantCheck : public Filter {
 public:
  ConstantCheck(std::unique_ptr<Extractor> f, CompareOp op, ValueTestPtr t)
      : field_(std::move(f)), op_(op), test_(std::move(t)), mode_(field_->match_mode()),
        list_(field_->is_list()) {}

  bool evaluate(const EventContext& ctx) override {
    values_.clear();
    if (mode_ != MatchMode::Values) return candidates(ctx);
    if (!field_->extract(ctx, values_)) return false;
    if (list_) return list_check();
    return !values_.empty() && test_->test(values_[0]);
  }

 private:
  bool list_check() {
    auto pass = [&](const FieldValue& v) { return test_->test(v); };
    if (op_ == CompareOp::In) return std::all_of(values_.begin(), values_.end(), pass);
    return std::any_of(values_.begin(), values_.end(), pass);
  }

  bool candidates(const EventContext& ctx) {
    if (!field_->extract_candidates(ctx, values_) || values_.empty()) return false;
    auto pass = [&](const FieldValue& v) { return test_->test(v); };
    if (mode_ == MatchMode::EitherEndpoint && op_ == CompareOp::Ne)
      return std::all_of(values_.begin(), values_.end(), pass);
    return std::any_of(values_.begin(), values_.end(), pass);
  }

  std::unique_ptr<Extractor> field_;
  CompareOp op_;
  ValueTestPtr test_;
  MatchMode mode_;
  bool list_;
  FieldValues values_;
};

// A ConstantCheck of a scalar text field whose test has a text form: the
// field's function and the test are called directly, with the same verdict
// (no value: false; else the test of the one value).
class TextCheck : public Filter {
 public:
  TextCheck(std::unique_ptr<Extractor> f, ValueTestPtr t)
      : field_(std::move(f)), test_(std::move(t)), access_(field_->text_access()) {}
  bool evaluate(const EventContext& ctx) override {
    std::string_view text;
    return access_.fn(ctx, *access_.scratch, text) && test_->test_text(text);
  }

 private:
  std::unique_ptr<Extractor> field_;
  ValueTestPtr test_;
  TextAccess access_;
};

// A ConstantCheck of a scalar integer/boolean field whose test has a number
// form: same verdict (no value: false; else the test of the one value).
class NumberCheck : public Filter {
 public:
  NumberCheck(std::unique_ptr<Extractor> f, ValueTestPtr t)
      : field_(std::move(f)), test_(std::move(t)), fn_(field_->number_access().fn) {}
  bool evaluate(const EventContext& ctx) override {
    uint64_t bits;
    return fn_(ctx, bits) && test_->test_number(bits);
  }

 private:
  std::unique_ptr<Extractor> field_;
  ValueTestPtr test_;
  NumberFn fn_;
};

// A ConstantCheck of an address field whose test has an address form, with
// ConstantCheck's verdicts: no address is false; one address (MatchMode::
// Values) is its test; the candidates of an either-endpoint field must all
// pass `!=` (neither end is the constant) and one must pass the other operators.
class AddressCheck : public Filter {
 public:
  AddressCheck(std::unique_ptr<Extractor> f, ValueTestPtr t, bool all)
      : field_(std::move(f)), test_(std::move(t)), fn_(field_->address_access().fn), all_(all) {}
  bool evaluate(const EventContext& ctx) override {
    const IpAddress* a[2];
    const uint32_t n = fn_(ctx, a);
    if (n == 0) return false;
    for (uint32_t i = 0; i < n; ++i)
      if (test_->test_address(*a[i]) != all_) return !all_;
    return all_;
  }

 private:
  std::unique_ptr<Extractor> field_;
  ValueTestPtr test_;
  AddressFn fn_;
  bool all_;  // every address must pass (else some address must)
};

class FieldCheck : public Filter {
 public:
  FieldCheck(std::unique_ptr<Extractor> l, CompareOp op, std::unique_ptr<Extractor> r)
      : left_(std::move(l)), right_(std::move(r)), op_(op), list_(left_->is_list()) {}

  bool evaluate(const EventContext& ctx) override {
    left_values_.clear();
    right_values_.clear();
    if (!left_->extract(ctx, left_values_) || left_values_.empty()) return false;
    if (!right_->extract(ctx, right_values_) || right_values_.empty()) return false;
    if (op_ == CompareOp::In || op_ == CompareOp::Intersects) return membership();
    return compare_values(op_, left_values_[0], right_values_[0], scratch_);
  }

 private:
  bool in_right(const FieldValue& v) {
    for (const auto& r : right_values_)
      if (compare_values(CompareOp::Eq, v, r, scratch_)) return true;
    return false;
  }
  bool membership() {
    if (!list_) return in_right(left_values_[0]);
    auto pass = [&](const FieldValue& v) { return in_right(v); };
    if (op_ == CompareOp::In) return std::all_of(left_values_.begin(), left_values_.end(), pass);
    return std::any_of(left_values_.begin(), left_values_.end(), pass);
  }

  std::unique_ptr<Extractor> left_, right_;
  CompareOp op_;
  bool list_;
  FieldValues left_values_, right_values_;
  std::string scratch_;
};

// One table entry per code decides the common case with one load: the codes
// whose type name comes from the params, and codes beyond the table, are
// marked to be evaluated every time.
class PerCodeCheck : public Filter {
 public:
  explicit PerCodeCheck(FilterPtr check) : check_(std::move(check)) {
    memo_.fill(kUnknown);
    for (uint16_t code : {kGenericEnterCode, kGenericExitCode, kAsyncEventCode})
      if (code < memo_.size()) memo_[code] = kEachTime;
  }
  bool evaluate(const EventContext& ctx) override {
    if (ctx.event == nullptr) return check_->evaluate(ctx);
    const uint16_t code = ctx.event->type;
    const int8_t m = code < memo_.size() ? memo_[code] : kEachTime;
    if (m >= 0) return m == 1;
    const bool value = check_->evaluate(ctx);
    if (m == kUnknown) memo_[code] = value ? 1 : 0;
    return value;
  }

 private:
  static constexpr int8_t kUnknown = -1;
  static constexpr int8_t kEachTime = -2;
  FilterPtr check_;
  std::array<int8_t, 512> memo_;  // per event code: 0/1 the result, or kUnknown / kEachTime
};

// An inlined macro body whose result is shared by the rules of one compile
// for the current event (see shared_results.h).
class SharedResultFilter : public Filter {
 public:
  SharedResultFilter(std::shared_ptr<SharedResults> table, uint32_t slot, FilterPtr body)
      : table_(std::move(table)), entry_(table_->entry(slot)), body_(std::move(body)) {}
  bool evaluate(const EventContext& ctx) override {
    bool value;
    if (table_->read(*entry_, &value)) {
      ++table_->counters().hits;
      return value;
    }
    ++table_->counters().misses;
    value = body_->evaluate(ctx);
    table_->write(*entry_, value);
    return value;
  }
  FilterGuard guard() const override { return {table_.get(), entry_}; }

 private:
  std::shared_ptr<SharedResults> table_;
  uint32_t* entry_;  // the slot's entry in table_
  FilterPtr body_;
};

}  // namespace

FilterPtr make_shared_result_filter(std::shared_ptr<SharedResults> table, uint32_t slot, FilterPtr body) {
  return std::make_unique<SharedResultFilter>(std::move(table), slot, std::move(body));
}

FilterPtr make_per_code_check(FilterPtr check) { return std::make_unique<PerCodeCheck>(std::move(check)); }

FilterPtr make_and_filter(std::vector<FilterPtr> children) {
  return std::make_unique<AndFilter>(std::move(children));
}
FilterPtr make_or_filter(std::vector<FilterPtr> children) {
  return std::make_unique<OrFilter>(std::move(children));
}
FilterPtr make_not_filter(FilterPtr child) { return std::make_unique<NotFilter>(std::move(child)); }
FilterPtr make_exists_check(std::unique_ptr<Extractor> field) {
  return std::make_unique<ExistsCheck>(std::move(field));
}
FilterPtr make_constant_check(std::unique_ptr<Extractor> field, CompareOp op, ValueTestPtr test) {
  const MatchMode mode = field->match_mode();
  if (field->is_list()) return std::make_unique<ConstantCheck>(std::move(field), op, std::move(test));
  if (mode == MatchMode::Values) {
    TextAccess text = field->text_access();
    if (text.fn != nullptr && test->supports_text(text.type))
      return std::make_unique<TextCheck>(std::move(field), std::move(test));
    NumberAccess number = field->number_access();
    if (number.fn != nullptr && test->supports_number(number.type))
      return std::make_unique<NumberCheck>(std::move(field), std::move(test));
  }
  if (mode != MatchMode::AnyCandidate && field->address_access().fn != nullptr && test->supports_address()) {
    const bool all = mode == MatchMode::EitherEndpoint && op == CompareOp::Ne;
    return std::make_unique<AddressCheck>(std::move(field), std::move(test), all);
  }
  return std::make_unique<ConstantCheck>(std::move(field), op, std::move(test));
}
FilterPtr make_field_check(std::unique_ptr<Extractor> left, CompareOp op,
                           std::unique_ptr<Extractor> right) {
  return std::make_unique<FieldCheck>(std::move(left), op, std::move(right));
}

}  // namespace eg
