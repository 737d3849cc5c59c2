// Compiled right-hand tests (see value_test.h).
#include "engine/compiler/value_test.h"

#include <re2/re2.h>

#include <bitset>
#include <cstring>
#include <unordered_set>

#include "engine/compiler/constant_parser.h"
#include "engine/compiler/path_prefix.h"
#include "engine/compiler/prefix_trie.h"
#include "engine/compiler/string_match.h"
#include "engine/compiler/utf8.h"
#include "engine/compiler/value_compare.h"

namespace eg {
namespace {

// compare_addresses' match (value_compare.cpp) with an address or network
// constant worked out once: an IPv4 one compares one masked 32-bit word.
class AddressMatcher {
 public:
  explicit AddressMatcher(const FieldValue& c)
      : constant_(c.ip), prefix_len_(c.prefix_len), network_(is_network_type(c.type)) {
    const unsigned bits = !network_ ? 32u : prefix_len_ > 32 ? 32u : prefix_len_;
    mask_ = bits == 0 ? 0u : ~0u << (32 - bits);
    word_ = v4_word(constant_) & mask_;
  }
  bool matches(const IpAddress& a) const {
    if (a.family != constant_.family) return false;
    if (a.family == 4) return (v4_word(a) & mask_) == word_;
    return network_ ? network_contains(constant_, prefix_len_, a) : address_equal(a, constant_);
  }

 private:
  static uint32_t v4_word(const IpAddress& a) {
    return uint32_t{a.bytes[0]} << 24 | uint32_t{a.bytes[1]} << 16 | uint32_t{a.bytes[2]} << 8 | a.bytes[3];
  }
  IpAddress constant_;
  uint8_t prefix_len_;
  bool network_;
  uint32_t mask_ = 0, word_ = 0;  // IPv4: the network's bits and its mask
};

class SingleTest : public ValueTest {
 public:
  SingleTest(CompareOp op, Constant c)
      : op_(op), constant_(std::move(c)), fast_(fast_kind(op, constant_.value.type)),
        c_text_(as_c_string(constant_.bytes)) {}
  bool test(const FieldValue& v) override {
    // compare_values' common cases with the constant's class (and C-string
    // view) worked out once; a value of another type takes the general path.
    if (v.type == constant_.value.type) {
      const FieldValue& c = constant_.value;
      switch (fast_) {
        case Fast::String: return string_test(v.str);
        case Fast::Bool: return compare_ordered(op_, v.u64 != 0, c.u64 != 0);
        case Fast::Signed: return compare_ordered(op_, v.i64, c.i64);
        case Fast::Unsigned: return compare_ordered(op_, v.u64, c.u64);
        case Fast::None: break;
      }
    }
    return compare_values(op_, v, constant_.view(), scratch_);
  }
  bool supports_text(FieldType type) const override {
    return fast_ == Fast::String && type == constant_.value.type;
  }
  bool test_text(std::string_view text) override { return string_test(text); }
  bool supports_number(FieldType type) const override {
    return (fast_ == Fast::Bool || fast_ == Fast::Signed || fast_ == Fast::Unsigned) &&
           type == constant_.value.type;
  }
  bool test_number(uint64_t bits) override {
    const FieldValue& c = constant_.value;
    switch (fast_) {
      case Fast::Bool: return compare_ordered(op_, bits != 0, c.u64 != 0);
      case Fast::Signed: return compare_ordered(op_, static_cast<int64_t>(bits), c.i64);
      default: return compare_ordered(op_, bits, c.u64);
    }
  }
  bool supports_address() const override {
    return op_ != CompareOp::Exists && type_class(constant_.value.type) == TypeClass::Address;
  }
  bool test_address(const IpAddress& a) override {
    const bool match = address_.matches(a);
    switch (op_) {
      case CompareOp::Eq: case CompareOp::In: case CompareOp::Intersects: return match;
      case CompareOp::Ne: return !match;
      default: return false;
    }
  }

 private:
  enum class Fast : uint8_t { None, String, Bool, Signed, Unsigned };
  static Fast fast_kind(CompareOp op, FieldType t) {
    if (op == CompareOp::Exists) return Fast::None;
    switch (type_class(t)) {
      case TypeClass::String:
        return op == CompareOp::Eq || op == CompareOp::Ne || op == CompareOp::Contains ||
                       op == CompareOp::StartsWith || op == CompareOp::EndsWith
                   ? Fast::String
                   : Fast::None;
      case TypeClass::Bool: return Fast::Bool;
      case TypeClass::Numeric:
        if (t == FieldType::DOUBLE) return Fast::None;
        return is_signed_numeric(t) ? Fast::Signed : Fast::Unsigned;
      case TypeClass::Other: return Fast::Unsigned;
      default: return Fast::None;
    }
  }
  // Falco compares C strings: the value up to its first NUL. The constant's
  // text has no NUL, so equality and prefixes need no search for one: the
  // value equals it when it has the same bytes and ends (or has a NUL) right
  // after them.
  bool string_test(std::string_view raw) const {
    const size_t n = c_text_.size();
    switch (op_) {
      case CompareOp::Eq: return c_equal(raw);
      case CompareOp::Ne: return !c_equal(raw);
      // Most values differ from a prefix in its last byte: tested before the compare.
      case CompareOp::StartsWith:
        return raw.size() >= n && (n == 0 || raw[n - 1] == c_text_[n - 1]) && raw.compare(0, n, c_text_) == 0;
      case CompareOp::Contains: return c_contains(raw);
      case CompareOp::EndsWith: return ends_with(as_c_string(raw), c_text_);
      default: return false;
    }
  }
  // The first occurrence in the whole value is in its C string when no NUL
  // precedes it (the constant has none); a value without it needs no NUL search.
  bool c_contains(std::string_view raw) const {
    const size_t p = raw.find(c_text_);
    return p != std::string_view::npos && std::memchr(raw.data(), '\0', p) == nullptr;
  }
  bool c_equal(std::string_view raw) const {
    const size_t n = c_text_.size();
    if (raw.size() < n || (raw.size() > n && raw[n] != '\0')) return false;
    return raw.compare(0, n, c_text_) == 0;
  }

  CompareOp op_;
  Constant constant_;
  Fast fast_;
  std::string_view c_text_;  // into constant_.bytes (tests live behind pointers and never move)
  AddressMatcher address_{constant_.value};  // used when the constant is an address or network
  std::string scratch_;
};

class GlobTest : public ValueTest {
 public:
  GlobTest(std::string pattern, bool ignore_case)
      : pattern_(std::move(pattern)), ignore_case_(ignore_case) {}
  bool test(const FieldValue& v) override {
    return glob_match(pattern_, as_c_string(v.str), ignore_case_, scratch_);
  }

 private:
  std::string pattern_;
  bool ignore_case_;
  std::string scratch_;
};

class RegexTest : public ValueTest {
 public:
  explicit RegexTest(std::unique_ptr<RE2> re) : re_(std::move(re)) {}
  bool test(const FieldValue& v) override {
    std::string_view text = as_c_string(v.str);
    if (!is_valid_utf8(text)) {
      replace_invalid_utf8(text, scratch_);
      text = scratch_;
    }
    return RE2::FullMatch(text, *re_);
  }

 private:
  std::unique_ptr<RE2> re_;
  std::string scratch_;
};

// Set members are short names and paths: a hash that reads a short text in
// two or three overlapping loads and one multiply (std::hash runs a byte
// loop of ~40 instructions on "ls"). Any hash gives the same membership.
struct TransparentHash {
  using is_transparent = void;
  static uint64_t load8(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  static uint64_t load4(const char* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
  }
  static uint64_t mix(uint64_t a, uint64_t b) {
    const unsigned __int128 m = static_cast<unsigned __int128>(a ^ 0xa0761d6478bd642full) * (b ^ 0xe7037ed1a0b428dbull);
    return static_cast<uint64_t>(m) ^ static_cast<uint64_t>(m >> 64);
  }
  size_t operator()(std::string_view s) const {
    const char* p = s.data();
    const size_t n = s.size();
    uint64_t a = 0, b = 0;
    if (n >= 8) {
      uint64_t h = n;
      size_t i = 0;
      for (; i + 8 < n; i += 8) h = mix(h ^ load8(p + i), 0x8ebc6af09c88c6e3ull);
      a = h;
      b = load8(p + n - 8);
    } else if (n >= 4) {
      a = load4(p);
      b = load4(p + n - 4);
    } else if (n > 0) {
      a = uint64_t{static_cast<uint8_t>(p[0])} << 16 | uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 |
          static_cast<uint8_t>(p[n - 1]);
    }
    return mix(a ^ n, b);
  }
};

class StringSetTest : public ValueTest {
 public:
  StringSetTest(const std::vector<Constant>& cs, bool c_strings) : c_strings_(c_strings) {
    for (const auto& c : cs) set_.emplace(c_strings ? std::string(as_c_string(c.bytes)) : c.bytes);
    for (const auto& s : set_) {
      if (s.size() < kShort) lengths_.set(s.size());
      else has_long_ = true;
      if (!s.empty()) first_bytes_.set(static_cast<uint8_t>(s[0]));
    }
  }
  bool test(const FieldValue& v) override { return member(v.str); }
  bool supports_text(FieldType) const override { return true; }
  bool test_text(std::string_view text) override { return member(text); }

 private:
  bool member(std::string_view raw) const {
    std::string_view s = c_strings_ ? as_c_string(raw) : raw;
    // Most values tested against a list are not in it: a value whose length
    // no member has is rejected before hashing.
    if (s.size() < kShort ? !lengths_.test(s.size()) : !has_long_) return false;
    // ... or whose first byte none has ("ls" against a list of "id", "sh", ...).
    if (!s.empty() && !first_bytes_.test(static_cast<uint8_t>(s[0]))) return false;
    return set_.find(s) != set_.end();
  }

  static constexpr size_t kShort = 256;
  std::unordered_set<std::string, TransparentHash, std::equal_to<>> set_;
  std::bitset<kShort> lengths_;  // lengths of the members shorter than kShort
  bool has_long_ = false;        // some member is kShort bytes or longer
  std::bitset<256> first_bytes_;  // first bytes of the non-empty members
  bool c_strings_;
};

class IntegerSetTest : public ValueTest {
 public:
  explicit IntegerSetTest(const std::vector<Constant>& cs) {
    for (const auto& c : cs) set_.insert(c.value.u64);
  }
  bool test(const FieldValue& v) override { return set_.count(v.u64) != 0; }
  bool supports_number(FieldType) const override { return true; }
  bool test_number(uint64_t bits) override { return set_.count(bits) != 0; }

 private:
  std::unordered_set<uint64_t> set_;
};

class PrefixTest : public ValueTest {
 public:
  explicit PrefixTest(const std::vector<Constant>& cs) {
    for (const auto& c : cs) trie_.add(as_c_string(c.bytes));
  }
  bool test(const FieldValue& v) override { return trie_.matches_prefix_of(as_c_string(v.str)); }
  bool supports_text(FieldType) const override { return true; }
  bool test_text(std::string_view text) override { return trie_.matches_prefix_of(as_c_string(text)); }

 private:
  PrefixTrie trie_;
};

class PathTest : public ValueTest {
 public:
  explicit PathTest(const std::vector<Constant>& cs) {
    for (const auto& c : cs) paths_.add(as_c_string(c.bytes));
  }
  bool test(const FieldValue& v) override { return paths_.matches(as_c_string(v.str)); }
  bool supports_text(FieldType) const override { return true; }
  bool test_text(std::string_view text) override { return paths_.matches(as_c_string(text)); }

 private:
  PathPrefixSet paths_;
};

// anyof / allof / oneof over one test per element; an empty list is false.
class CombinedTest : public ValueTest {
 public:
  CombinedTest(Modifier m, std::vector<ValueTestPtr> parts) : mode_(m), parts_(std::move(parts)) {}
  bool test(const FieldValue& v) override {
    return combine([&](ValueTest& p) { return p.test(v); });
  }
  bool supports_number(FieldType type) const override {
    return all_parts([&](const ValueTest& p) { return p.supports_number(type); });
  }
  bool test_number(uint64_t bits) override {
    return combine([&](ValueTest& p) { return p.test_number(bits); });
  }
  bool supports_address() const override {
    return all_parts([](const ValueTest& p) { return p.supports_address(); });
  }
  bool test_address(const IpAddress& a) override {
    return combine([&](ValueTest& p) { return p.test_address(a); });
  }

 private:
  template <typename Pred>
  bool all_parts(Pred pred) const {
    for (const auto& p : parts_)
      if (!pred(*p)) return false;
    return true;
  }
  // The modifier's verdict over the parts' verdicts (`test` of one part).
  template <typename Test>
  bool combine(Test test) {
    if (parts_.empty()) return false;
    size_t hits = 0;
    for (auto& p : parts_) {
      bool r = test(*p);
      if (mode_ == Modifier::AnyOf && r) return true;
      if (mode_ == Modifier::AllOf && !r) return false;
      hits += r ? 1 : 0;
      if (mode_ == Modifier::OneOf && hits > 1) return false;
    }
    if (mode_ == Modifier::AllOf) return true;
    return mode_ == Modifier::OneOf && hits == 1;
  }

  Modifier mode_;
  std::vector<ValueTestPtr> parts_;
};

std::unique_ptr<RE2> compile_regex(const std::string& pattern, std::string* error) {
  // RE2::POSIX, as libsinsp: POSIX syntax, leftmost-longest, and RE2 logs a
  // bad pattern to stderr ("re2/re2.cc:205: Error parsing '(x': missing ): (x"),
  // a line Falco's stderr carries too.
  RE2::Options opts(RE2::POSIX);
  auto re = std::make_unique<RE2>(pattern, opts);
  if (!re->ok()) {
    *error = "invalid regex pattern: " + re->error();
    return nullptr;
  }
  return re;
}

// One element compared with `op` (no list semantics).
ValueTestPtr single_test(CompareOp op, FieldType type, const std::string& text,
                         std::string* error) {
  if (op == CompareOp::Regex) {
    if (text.find('\0') != std::string::npos) {
      *error = "filter error: filter value cannot contain a NUL byte (\\x00)";
      return nullptr;
    }
    auto re = compile_regex(text, error);
    return re ? std::make_unique<RegexTest>(std::move(re)) : nullptr;
  }
  auto c = parse_constant(text, type, op, error);
  if (!c) return nullptr;
  if (op == CompareOp::Glob || op == CompareOp::IGlob)
    return std::make_unique<GlobTest>(c->bytes, op == CompareOp::IGlob);
  return std::make_unique<SingleTest>(op, std::move(*c));
}

bool parse_all(const ValueTestSpec& spec, CompareOp op, std::vector<Constant>& out,
               std::string* error) {
  for (const auto& text : spec.constants) {
    auto c = parse_constant(text, spec.type, op, error);
    if (!c) return false;
    out.push_back(std::move(*c));
  }
  return true;
}

bool is_integer_type(FieldType t) {
  return type_class(t) == TypeClass::Numeric && t != FieldType::DOUBLE;
}

// Membership in the constants (in, intersects, = anyof).
ValueTestPtr membership_test(const ValueTestSpec& spec, std::string* error) {
  std::vector<Constant> cs;
  if (!parse_all(spec, CompareOp::Eq, cs, error)) return nullptr;
  TypeClass cls = type_class(spec.type);
  if (cls == TypeClass::String || cls == TypeClass::Buffer)
    return std::make_unique<StringSetTest>(cs, cls == TypeClass::String);
  if (is_integer_type(spec.type)) return std::make_unique<IntegerSetTest>(cs);
  std::vector<ValueTestPtr> parts;
  for (auto& c : cs) parts.push_back(std::make_unique<SingleTest>(CompareOp::Eq, std::move(c)));
  return std::make_unique<CombinedTest>(Modifier::AnyOf, std::move(parts));
}

ValueTestPtr modifier_test(const ValueTestSpec& spec, std::string* error) {
  if (spec.modifier == Modifier::AnyOf && spec.op == CompareOp::Eq)
    return membership_test(spec, error);
  if (spec.modifier == Modifier::AnyOf && spec.op == CompareOp::StartsWith &&
      type_class(spec.type) == TypeClass::String) {
    std::vector<Constant> cs;
    if (!parse_all(spec, spec.op, cs, error)) return nullptr;
    return std::make_unique<PrefixTest>(cs);
  }
  std::vector<ValueTestPtr> parts;
  for (const auto& text : spec.constants) {
    auto t = single_test(spec.op, spec.type, text, error);
    if (!t) return nullptr;
    parts.push_back(std::move(t));
  }
  return std::make_unique<CombinedTest>(spec.modifier, std::move(parts));
}

}  // namespace

ValueTestPtr build_value_test(const ValueTestSpec& spec, std::string* error) {
  if (spec.modifier != Modifier::None) return modifier_test(spec, error);
  if (spec.op == CompareOp::In || spec.op == CompareOp::Intersects)
    return membership_test(spec, error);
  if (spec.op == CompareOp::PMatch) {
    std::vector<Constant> cs;
    if (!parse_all(spec, spec.op, cs, error)) return nullptr;
    return std::make_unique<PathTest>(cs);
  }
  if (spec.constants.size() != 1) {
    *error = "filter error: operator expects a single value";
    return nullptr;
  }
  return single_test(spec.op, spec.type, spec.constants[0], error);
}

}  // namespace eg
