// Fake fields for compiler tests (see fake_fields.h).
#include "fake_fields.h"

#include <array>
#include <deque>

namespace eg::testing {
namespace {

struct FakeField {
  FieldInfo info;
  MatchMode mode;
};

const std::vector<FakeField>& fake_fields() {
  using T = FieldType;
  static const std::vector<FakeField> fields = {
      {{"proc.name", T::CHARBUF, 0, PrintFormat::Na, "process", ""}, MatchMode::Values},
      {{"proc.pname", T::CHARBUF, 0, PrintFormat::Na, "process", ""}, MatchMode::Values},
      {{"proc.exe", T::CHARBUF, 0, PrintFormat::Na, "process", ""}, MatchMode::Values},
      {{"proc.cmdline", T::CHARBUF, 0, PrintFormat::Na, "process", ""}, MatchMode::Values},
      {{"proc.pid", T::INT64, 0, PrintFormat::Dec, "process", ""}, MatchMode::Values},
      {{"proc.ppid", T::INT64, 0, PrintFormat::Dec, "process", ""}, MatchMode::Values},
      {{"thread.tid", T::INT64, 0, PrintFormat::Dec, "thread", ""}, MatchMode::Values},
      {{"proc.fdusage", T::DOUBLE, 0, PrintFormat::Na, "process", ""}, MatchMode::Values},
      {{"proc.argv", T::CHARBUF, kFieldIsList, PrintFormat::Na, "process", ""}, MatchMode::Values},
      {{"proc.aname", T::CHARBUF, kFieldArgAllowed | kFieldArgIndex, PrintFormat::Na, "process", ""},
       MatchMode::AnyCandidate},
      {{"proc.apid", T::INT64, kFieldArgAllowed | kFieldArgIndex, PrintFormat::Dec, "process", ""},
       MatchMode::AnyCandidate},
      {{"proc.env", T::CHARBUF, kFieldArgAllowed | kFieldArgKey, PrintFormat::Na, "process", ""},
       MatchMode::Values},
      {{"fd.name", T::CHARBUF, 0, PrintFormat::Na, "fd", ""}, MatchMode::Values},
      {{"fd.types", T::CHARBUF, kFieldIsList | kFieldArgAllowed | kFieldArgIndex, PrintFormat::Na,
        "fd", ""},
       MatchMode::Values},
      {{"fd.sip", T::IPADDR, 0, PrintFormat::Na, "fd", ""}, MatchMode::Values},
      {{"fd.ip", T::IPADDR, kFieldFilterOnly, PrintFormat::Na, "fd", ""}, MatchMode::EitherEndpoint},
      {{"fd.port", T::PORT, kFieldFilterOnly, PrintFormat::Dec, "fd", ""}, MatchMode::EitherEndpoint},
      {{"fd.sport", T::PORT, 0, PrintFormat::Dec, "fd", ""}, MatchMode::Values},
      {{"fd.snet", T::IPNET, kFieldFilterOnly, PrintFormat::Na, "fd", ""}, MatchMode::Values},
      {{"fd.net", T::IPNET, kFieldFilterOnly, PrintFormat::Na, "fd", ""}, MatchMode::EitherEndpoint},
      {{"evt.type", T::CHARBUF, 0, PrintFormat::Na, "evt", ""}, MatchMode::Values},
      {{"evt.num", T::UINT64, 0, PrintFormat::Id, "evt", ""}, MatchMode::Values},
      {{"evt.failed", T::BOOL, 0, PrintFormat::Na, "evt", ""}, MatchMode::Values},
      {{"evt.buffer", T::BYTEBUF, 0, PrintFormat::Na, "evt", ""}, MatchMode::Values},
      {{"evt.arg", T::CHARBUF, kFieldArgRequired | kFieldArgAllowed | kFieldArgIndex | kFieldArgKey |
                                    kFieldDottedArg,
        PrintFormat::Na, "evt", ""},
       MatchMode::Values},
      {{"evt.rawarg", T::DYN, kFieldArgRequired | kFieldArgAllowed | kFieldArgKey | kFieldDottedArg |
                                  kFieldNoBracketArg | kFieldNoRhs | kFieldNoTransformer,
        PrintFormat::Na, "evt", ""},
       MatchMode::Values},
  };
  return fields;
}

const FakeField* find(std::string_view name) {
  for (const auto& f : fake_fields())
    if (f.info.name == name) return &f;
  return nullptr;
}

// Extracts the FakeEvent's values of `key`, parsed for `type`.
class FakeExtractor : public Extractor {
 public:
  FakeExtractor(std::string key, FieldType type, bool list, MatchMode mode)
      : key_(std::move(key)), type_(type), list_(list), mode_(mode) {}
  bool extract(const EventContext&, FieldValues& out) override {
    auto it = current_event().values.find(key_);
    if (it == current_event().values.end()) return false;
    storage_.clear();
    for (const auto& text : it->second) {
      storage_.push_back(to_value(text));
      out.push_back(storage_.back().view());
      out.back().type = type_;
    }
    return true;
  }
  FieldType type() const override { return type_; }
  bool is_list() const override { return list_; }
  MatchMode match_mode() const override { return mode_; }

 private:
  Constant to_value(const std::string& text) const {
    Constant c;
    TypeClass cls = type_class(type_);
    if (cls == TypeClass::String || cls == TypeClass::Buffer) {
      c.bytes = text;
      c.value.type = type_;
      return c;
    }
    if (type_ == FieldType::DOUBLE) {
      c.value = FieldValue::floating(std::stod(text));
      return c;
    }
    FieldType as = type_ == FieldType::IPNET ? FieldType::IPADDR : type_;
    std::string error;
    auto parsed = parse_constant(text, as, CompareOp::Eq, &error);
    return parsed ? *parsed : c;
  }
  std::string key_;
  FieldType type_;
  bool list_;
  MatchMode mode_;
  std::deque<Constant> storage_;
};

}  // namespace

FakeEvent& current_event() {
  static FakeEvent event;
  return event;
}

const EventContext& fake_context() {
  alignas(64) static unsigned char storage[64];
  return *reinterpret_cast<const EventContext*>(storage);
}

FieldLookup FakeResolver::lookup(std::string_view name) const {
  FieldLookup r;
  if (const FakeField* f = find(name)) {
    r.info = &f->info;
    return r;
  }
  for (std::string_view dotted : {"evt.arg", "evt.rawarg"}) {
    if (name.size() > dotted.size() + 1 && name.starts_with(dotted) && name[dotted.size()] == '.') {
      r.info = &find(dotted)->info;
      r.dotted_arg = std::string(name.substr(dotted.size() + 1));
    }
  }
  return r;
}

std::unique_ptr<Extractor> FakeResolver::make_extractor(const ExtractorRequest& req,
                                                        std::string* error) const {
  const FakeField* f = find(req.info->name);
  std::string key(req.info->name);
  if (req.arg) {
    if (key == "evt.arg" && *req.arg == "nosuchparam") {
      *error = "unknown event argument nosuchparam";
      return nullptr;
    }
    key += "[" + *req.arg + "]";
  }
  FieldType type = f->info.type == FieldType::DYN ? FieldType::INT64 : f->info.type;
  MatchMode mode = req.arg && f->mode == MatchMode::AnyCandidate ? MatchMode::Values : f->mode;
  return std::make_unique<FakeExtractor>(key, type, f->info.has(kFieldIsList), mode);
}

bool FakeResolver::is_event_name(std::string_view name) const {
  return name == "open" || name == "execve" || name == "connect" || name == "close";
}

}  // namespace eg::testing
