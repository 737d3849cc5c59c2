// Building blocks for the per-class field tables: an extractor made from a
// lambda plus the scratch storage it may fill, and small helpers that append
// typed values. Keeping every field a one-line lambda in a table is what lets
// evt_fields.cpp, proc_fields.cpp, ... stay tables rather than switches.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/extract/field_bindings.h"

namespace eg {

// Storage an extractor owns; string views it returns point into it and stay
// valid until its next extraction.
struct Scratch {
  std::string text;
  std::vector<std::string> texts;
  uint64_t last_ts = 0;    // per-extractor memory (evt.deltatime)
  bool seen = false;
};

using ExtractFn = std::function<bool(const EventContext&, FieldValues&, Scratch&)>;

class FnExtractor : public Extractor {
 public:
  FnExtractor(FieldType type, ExtractFn fn, bool list = false) : type_(type), fn_(std::move(fn)), list_(list) {}
  bool extract(const EventContext& ctx, FieldValues& out) override { return fn_(ctx, out, scratch_); }
  FieldType type() const override { return type_; }
  bool is_list() const override { return list_; }

 private:
  FieldType type_;
  ExtractFn fn_;
  bool list_;
  Scratch scratch_;
};

// An extractor whose conditions test candidates (any ancestor / either endpoint)
// while outputs print extract()'s value.
class CandidateExtractor : public FnExtractor {
 public:
  CandidateExtractor(FieldType type, ExtractFn print_fn, ExtractFn candidates_fn, MatchMode mode)
      : FnExtractor(type, std::move(print_fn)), candidates_(std::move(candidates_fn)), mode_(mode) {}
  MatchMode match_mode() const override { return mode_; }
  bool extract_candidates(const EventContext& ctx, FieldValues& out) override {
    return candidates_(ctx, out, scratch_);
  }

 private:
  ExtractFn candidates_;
  MatchMode mode_;
  Scratch scratch_;
};

inline bool push_unsigned(FieldValues& out, FieldType t, uint64_t v) {
  out.push_back(FieldValue::unsigned_int(t, v));
  return true;
}
inline bool push_signed(FieldValues& out, FieldType t, int64_t v) {
  out.push_back(FieldValue::signed_int(t, v));
  return true;
}
inline bool push_bool(FieldValues& out, bool v) {
  out.push_back(FieldValue::boolean_value(v));
  return true;
}
inline bool push_double(FieldValues& out, double v) {
  out.push_back(FieldValue::floating(v));
  return true;
}
inline bool push_string(FieldValues& out, std::string_view s, FieldType t = FieldType::CHARBUF) {
  out.push_back(FieldValue::string(t, s));
  return true;
}
// Copies `s` into the scratch storage first (for values built on the fly).
inline bool push_owned(FieldValues& out, Scratch& sc, std::string s, FieldType t = FieldType::CHARBUF) {
  sc.text = std::move(s);
  out.push_back(FieldValue::string(t, sc.text));
  return true;
}
inline bool push_address(FieldValues& out, FieldType t, const IpAddress& a) {
  out.push_back(FieldValue::address(t, a));
  return true;
}

// A scalar text field given by a plain function (extractor.h, TextAccess):
// extract() yields its one value, conditions may call the function directly.
class TextFnExtractor : public Extractor {
 public:
  TextFnExtractor(FieldType type, TextFn fn) : type_(type), fn_(fn) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    std::string_view s;
    if (!fn_(ctx, scratch_, s)) return false;
    return push_string(out, s, type_);
  }
  FieldType type() const override { return type_; }
  TextAccess text_access() override { return {fn_, &scratch_, type_}; }

 private:
  FieldType type_;
  TextFn fn_;
  Scratch scratch_;
};

// A scalar integer or boolean field given by a plain function (extractor.h,
// NumberAccess): extract() yields its one value, conditions may call the
// function directly.
class NumberFnExtractor : public Extractor {
 public:
  NumberFnExtractor(FieldType type, NumberFn fn) : type_(type), fn_(fn) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    uint64_t bits;
    if (!fn_(ctx, bits)) return false;
    return push_unsigned(out, type_, bits);  // the union holds the same bits as push_signed/push_bool
  }
  FieldType type() const override { return type_; }
  NumberAccess number_access() override { return {fn_, type_}; }

 private:
  FieldType type_;
  NumberFn fn_;
};

// An address field given by a plain function (extractor.h, AddressAccess).
// With MatchMode::Values extract() yields the function's one address; an
// either-endpoint field (fd.ip, fd.net) prints nothing and its candidates
// are the function's addresses.
class AddressFnExtractor : public Extractor {
 public:
  AddressFnExtractor(FieldType type, AddressFn fn, MatchMode mode) : type_(type), fn_(fn), mode_(mode) {}
  bool extract(const EventContext& ctx, FieldValues& out) override {
    if (mode_ != MatchMode::Values) return false;
    return push_all(ctx, out);
  }
  bool extract_candidates(const EventContext& ctx, FieldValues& out) override { return push_all(ctx, out); }
  FieldType type() const override { return type_; }
  MatchMode match_mode() const override { return mode_; }
  AddressAccess address_access() override { return {fn_, type_}; }

 private:
  bool push_all(const EventContext& ctx, FieldValues& out) {
    const IpAddress* a[2];
    const uint32_t n = fn_(ctx, a);
    for (uint32_t i = 0; i < n; ++i) push_address(out, type_, *a[i]);
    return n != 0;
  }
  FieldType type_;
  AddressFn fn_;
  MatchMode mode_;
};

// A binding for a field without argument whose extractor is `fn`.
inline FieldBinding field(std::string_view name, FieldType type, ExtractFn fn) {
  return FieldBinding{name, [type, fn = std::move(fn)](const ExtractorRequest&, std::string&) {
                        return std::unique_ptr<Extractor>(new FnExtractor(type, fn));
                      }};
}
inline FieldBinding field_list(std::string_view name, FieldType type, ExtractFn fn) {
  return FieldBinding{name, [type, fn = std::move(fn)](const ExtractorRequest&, std::string&) {
                        return std::unique_ptr<Extractor>(new FnExtractor(type, fn, true));
                      }};
}
// A binding for a scalar text field given by `fn` (see TextFnExtractor).
inline FieldBinding text_field(std::string_view name, FieldType type, TextFn fn) {
  return FieldBinding{name, [type, fn](const ExtractorRequest&, std::string&) {
                        return std::unique_ptr<Extractor>(new TextFnExtractor(type, fn));
                      }};
}
// A binding for a scalar integer/boolean field given by `fn` (see NumberFnExtractor).
inline FieldBinding number_field(std::string_view name, FieldType type, NumberFn fn) {
  return FieldBinding{name, [type, fn](const ExtractorRequest&, std::string&) {
                        return std::unique_ptr<Extractor>(new NumberFnExtractor(type, fn));
                      }};
}
// A binding for an address field given by `fn` (see AddressFnExtractor).
inline FieldBinding address_field(std::string_view name, FieldType type, AddressFn fn,
                                  MatchMode mode = MatchMode::Values) {
  return FieldBinding{name, [type, fn, mode](const ExtractorRequest&, std::string&) {
                        return std::unique_ptr<Extractor>(new AddressFnExtractor(type, fn, mode));
                      }};
}
// A binding for a field that never has a value (fields of absent subsystems).
inline FieldBinding field_none(std::string_view name, FieldType type) {
  return field(name, type, [](const EventContext&, FieldValues&, Scratch&) { return false; });
}

}  // namespace eg
