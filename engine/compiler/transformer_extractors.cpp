// Transformer extractors (see transformer_extractors.h).
#include "engine/compiler/transformer_extractors.h"

#include <array>

#include "engine/compiler/string_match.h"

namespace eg {
namespace {

// Storage for built strings: one slot per produced value, reused per event.
class StringSlots {
 public:
  // Makes room for n values first, so that views into earlier slots stay valid.
  void prepare(size_t n) {
    if (n > slots_.size()) slots_.resize(n);
  }
  std::string& slot(size_t i) {
    slots_[i].clear();
    return slots_[i];
  }

 private:
  std::vector<std::string> slots_;
};

class ValueMapExtractor : public Extractor {
 public:
  ValueMapExtractor(ValueMap map, ExtractorPtr inner) : map_(map), inner_(std::move(inner)) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    tmp_.clear();
    if (!inner_->extract(ctx, tmp_)) return false;
    slots_.prepare(tmp_.size());
    size_t before = out.size();
    for (size_t i = 0; i < tmp_.size(); ++i) {
      std::string& s = slots_.slot(i);
      if (!apply(as_input(tmp_[i].str), s)) {
        out.resize(before);
        return false;
      }
      out.push_back(FieldValue::string(type(), s));
    }
    return true;
  }
  FieldType type() const override { return inner_->type(); }
  bool is_list() const override { return inner_->is_list(); }

 private:
  std::string_view as_input(std::string_view v) const {
    return type() == FieldType::BYTEBUF ? v : as_c_string(v);
  }
  bool apply(std::string_view in, std::string& s) const {
    switch (map_) {
      case ValueMap::ToLower:
        for (char c : in) s.push_back(ascii_lower(c));
        return true;
      case ValueMap::ToUpper:
        for (char c : in) s.push_back(ascii_upper(c));
        return true;
      case ValueMap::Basename: {
        size_t slash = in.rfind('/');
        s.assign(slash == std::string_view::npos ? in : in.substr(slash + 1));
        return true;
      }
      case ValueMap::Base64Decode:
        return base64_decode(in, s);
    }
    return false;
  }
  ValueMap map_;
  ExtractorPtr inner_;
  FieldValues tmp_;
  StringSlots slots_;
};

class LenExtractor : public Extractor {
 public:
  explicit LenExtractor(ExtractorPtr inner) : inner_(std::move(inner)) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    tmp_.clear();
    uint64_t n = 0;
    if (inner_->extract(ctx, tmp_)) {
      if (inner_->is_list()) {
        n = tmp_.size();
      } else if (!tmp_.empty()) {
        std::string_view v = tmp_[0].str;
        n = inner_->type() == FieldType::BYTEBUF ? v.size() : as_c_string(v).size();
      }
    }
    out.push_back(FieldValue::unsigned_int(FieldType::UINT64, n));
    return true;
  }
  FieldType type() const override { return FieldType::UINT64; }

 private:
  ExtractorPtr inner_;
  FieldValues tmp_;
};

class JoinExtractor : public Extractor {
 public:
  JoinExtractor(ExtractorPtr sep, ExtractorPtr list) : sep_(std::move(sep)), list_(std::move(list)) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    tmp_.clear();
    if (!sep_->extract(ctx, tmp_) || tmp_.empty()) return false;
    sep_text_.assign(as_c_string(tmp_[0].str));
    tmp_.clear();
    if (!list_->extract(ctx, tmp_)) return false;
    result_.clear();
    for (size_t i = 0; i < tmp_.size(); ++i) {
      if (i > 0) result_ += sep_text_;
      result_ += as_c_string(tmp_[i].str);
    }
    out.push_back(FieldValue::string(FieldType::CHARBUF, result_));
    return true;
  }
  FieldType type() const override { return FieldType::CHARBUF; }

 private:
  ExtractorPtr sep_, list_;
  FieldValues tmp_;
  std::string sep_text_, result_;
};

class ConcatExtractor : public Extractor {
 public:
  explicit ConcatExtractor(std::vector<ExtractorPtr> parts) : parts_(std::move(parts)) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    result_.clear();
    for (auto& p : parts_) {
      tmp_.clear();
      if (!p->extract(ctx, tmp_) || tmp_.empty()) return false;
      result_ += as_c_string(tmp_[0].str);
    }
    out.push_back(FieldValue::string(FieldType::CHARBUF, result_));
    return true;
  }
  FieldType type() const override { return FieldType::CHARBUF; }

 private:
  std::vector<ExtractorPtr> parts_;
  FieldValues tmp_;
  std::string result_;
};

struct OptionTable {
  std::array<bool, 256> valid{};
  std::array<bool, 256> takes_argument{};
};

OptionTable parse_optstring(std::string_view optstring) {
  OptionTable t;
  size_t i = (!optstring.empty() && optstring[0] == ':') ? 1 : 0;
  for (; i < optstring.size(); ++i) {
    auto c = static_cast<unsigned char>(optstring[i]);
    if (c == ':') continue;
    t.valid[c] = true;
    if (i + 1 < optstring.size() && optstring[i + 1] == ':') {
      t.takes_argument[c] = true;
      ++i;
    }
  }
  return t;
}

// getopt(3)-like scanning of an argument list: without a selector the result
// is the list of options seen (each followed by its argument; '?' for unknown
// options); with a selector [c] it is the argument of the last -c (or "c"
// itself for an option without argument, "" when its argument is missing).
class GetoptExtractor : public Extractor {
 public:
  GetoptExtractor(ExtractorPtr args, ExtractorPtr optstring, std::optional<char> selector)
      : args_(std::move(args)), optstring_(std::move(optstring)), selector_(selector) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    tmp_.clear();
    if (!optstring_->extract(ctx, tmp_) || tmp_.empty()) return false;
    OptionTable table = parse_optstring(as_c_string(tmp_[0].str));
    tmp_.clear();
    if (!args_->extract(ctx, tmp_)) return false;
    results_.clear();
    selected_.reset();
    scan(table);
    if (selector_) {
      if (!selected_) return false;
      results_.assign(1, *selected_);
    }
    for (const auto& r : results_) out.push_back(FieldValue::string(FieldType::CHARBUF, r));
    return true;
  }
  FieldType type() const override { return FieldType::CHARBUF; }
  bool is_list() const override { return !selector_.has_value(); }

 private:
  void emit(std::string_view name, std::optional<std::string_view> value) {
    if (selector_) {
      selected_ = std::string(value.value_or(name));
      return;
    }
    results_.emplace_back(name);
    if (value) results_.emplace_back(*value);
  }

  void scan(const OptionTable& table) {
    for (size_t k = 0; k < tmp_.size(); ++k) {
      std::string_view arg = as_c_string(tmp_[k].str);
      if (arg == "--") return;
      if (arg.size() > 2 && arg[0] == '-' && arg[1] == '-') continue;
      if (arg.size() < 2 || arg[0] != '-') return;
      for (size_t i = 1; i < arg.size(); ++i) {
        auto opt = static_cast<unsigned char>(arg[i]);
        if (opt == ':' || !table.valid[opt]) {
          if (!selector_) results_.emplace_back("?");
          continue;
        }
        bool wanted = !selector_ || static_cast<char>(opt) == *selector_;
        std::string_view name = arg.substr(i, 1);
        if (!table.takes_argument[opt]) {
          if (wanted) emit(name, std::nullopt);
          continue;
        }
        std::optional<std::string_view> value;
        if (i + 1 < arg.size()) value = arg.substr(i + 1);
        else if (k + 1 < tmp_.size()) value = as_c_string(tmp_[++k].str);
        if (wanted) {
          if (value) emit(name, value);
          else emit("", std::nullopt);
        }
        break;
      }
    }
  }

  ExtractorPtr args_, optstring_;
  std::optional<char> selector_;
  FieldValues tmp_;
  std::vector<std::string> results_;
  std::optional<std::string> selected_;
};

class LiteralExtractor : public Extractor {
 public:
  explicit LiteralExtractor(std::string text) : text_(std::move(text)) {}
  bool extract(const EventContext&, FieldValues& out) override {
    out.push_back(FieldValue::string(FieldType::CHARBUF, text_));
    return true;
  }
  FieldType type() const override { return FieldType::CHARBUF; }

 private:
  std::string text_;
};

class OperandListExtractor : public Extractor {
 public:
  explicit OperandListExtractor(std::vector<ExtractorPtr> items) : items_(std::move(items)) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    for (auto& item : items_) {
      size_t before = out.size();
      if (!item->extract(ctx, out)) {
        out.resize(before);
        return false;
      }
    }
    return true;
  }
  FieldType type() const override {
    return items_.empty() ? FieldType::CHARBUF : items_.front()->type();
  }
  bool is_list() const override { return true; }

 private:
  std::vector<ExtractorPtr> items_;
};

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

bool base64_decode(std::string_view in, std::string& out) {
  out.clear();
  if (in.size() % 4 != 0) return false;
  size_t padding = 0;
  while (padding < 2 && padding < in.size() && in[in.size() - 1 - padding] == '=') ++padding;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < in.size() - padding; ++i) {
    int v = base64_value(in[i]);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

ExtractorPtr make_value_map(ValueMap map, ExtractorPtr inner) {
  return std::make_unique<ValueMapExtractor>(map, std::move(inner));
}
ExtractorPtr make_len(ExtractorPtr inner) { return std::make_unique<LenExtractor>(std::move(inner)); }
ExtractorPtr make_join(ExtractorPtr separator, ExtractorPtr list) {
  return std::make_unique<JoinExtractor>(std::move(separator), std::move(list));
}
ExtractorPtr make_concat(std::vector<ExtractorPtr> parts) {
  return std::make_unique<ConcatExtractor>(std::move(parts));
}
ExtractorPtr make_getopt(ExtractorPtr args, ExtractorPtr optstring, std::optional<char> selector) {
  return std::make_unique<GetoptExtractor>(std::move(args), std::move(optstring), selector);
}
ExtractorPtr make_literal(std::string text) {
  return std::make_unique<LiteralExtractor>(std::move(text));
}
ExtractorPtr make_operand_list(std::vector<ExtractorPtr> items) {
  return std::make_unique<OperandListExtractor>(std::move(items));
}

}  // namespace eg
