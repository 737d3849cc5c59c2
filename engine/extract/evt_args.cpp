// Param-based evt.* fields (see evt_args.h). Argument validation happens at
// load time in the factories, with libsinsp's wording for unknown arguments.
#include "engine/extract/evt_args.h"

#include <charconv>
#include <cstring>

#include "engine/extract/context_view.h"
#include "engine/extract/extractor_kit.h"
#include "engine/extract/param_read.h"
#include "engine/state/event_params.h"
#include "engine/state/state_render_context.h"
#include "fields/param_render.h"

namespace eg {
namespace {

using T = FieldType;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The schema entry of a param called `name` in any event (for evt.rawarg's type).
const ParamInfo* any_param_named(std::string_view name) {
  for (const auto& ev : all_events()) {
    for (const auto& p : ev.params) {
      if (p.name == name) return &p;
    }
  }
  return nullptr;
}

// The last flags param an ArgTextExtractor rendered. A FLAGS / ENUMFLAGS /
// MODE param renders from its bytes and its event's flag table alone (no
// state), and the same few values repeat on every open: when the event code,
// the param's index and its bytes are those of the last rendering, that
// rendering is still the answer.
class FlagsRenderMemo {
 public:
  bool holds(const RawEvent& ev, uint32_t i) const {
    return valid_ && ev.type == code_ && i == index_ && ev.param_len[i] == len_ &&
           std::memcmp(ev.record + ev.param_offset[i], bytes_, len_) == 0;
  }
  // After rendering param i of ev: remember it when it is a flags param.
  void remember(const RawEvent& ev, uint32_t i) {
    valid_ = is_flags_param(ev, i) && ev.param_len[i] <= sizeof bytes_;
    if (!valid_) return;
    code_ = ev.type;
    index_ = i;
    len_ = static_cast<uint8_t>(ev.param_len[i]);
    std::memcpy(bytes_, ev.record + ev.param_offset[i], len_);
  }

 private:
  static bool is_flags_param(const RawEvent& ev, uint32_t i) {
    const EventInfo* info = event_info(ev.type);
    if (info == nullptr || i >= info->params.size()) return false;
    switch (info->params[i].type) {
      case T::FLAGS8: case T::FLAGS16: case T::FLAGS32:
      case T::ENUMFLAGS8: case T::ENUMFLAGS16: case T::ENUMFLAGS32:
      case T::MODE:
        return true;
      default:
        return false;
    }
  }

  bool valid_ = false;
  uint16_t code_ = 0;
  uint8_t len_ = 0;
  uint32_t index_ = 0;
  uint8_t bytes_[8] = {};
};

// evt.arg.NAME / evt.arg[N]: the param's text as evt.args shows it (its
// resolved form when it has one). Conditions ask it on every event of their
// types (`evt.arg.flags contains O_TRUNC` on each openat), so the param's
// index is looked up per event code once (a ParamKey), the rendering goes
// into buffers this extractor keeps, whose views stay valid until its next
// call, and a flags param whose bytes did not change is not rendered again.
class ArgTextExtractor : public Extractor {
 public:
  explicit ArgTextExtractor(uint32_t index) : index_(index) {}
  explicit ArgTextExtractor(std::string name) : name_(std::move(name)), key_(std::make_unique<ParamKey>(name_)) {}
  FieldType type() const override { return T::CHARBUF; }
  bool extract(const EventContext& ctx, FieldValues& out) override {
    if (ctx.event == nullptr) return false;
    int idx = key_ ? key_->index(ctx.event->type) : static_cast<int>(index_);
    if (idx < 0 || static_cast<uint32_t>(idx) >= ctx.event->nparams) return false;
    const auto i = static_cast<uint32_t>(idx);
    if (!memo_.holds(*ctx.event, i)) {
      StateRenderContext state(ctx);
      render_param(*ctx.event, i, state, rendered_);
      memo_.remember(*ctx.event, i);
    }
    return push_string(out, rendered_.arg_text());
  }

 private:
  uint32_t index_ = 0;
  std::string name_;
  std::unique_ptr<ParamKey> key_;  // refers to name_; null for evt.arg[N]
  RenderedParam rendered_;
  FlagsRenderMemo memo_;  // what rendered_ holds, when it is a flags param
};

class RawArgExtractor : public Extractor {
 public:
  RawArgExtractor(std::string name, FieldType type) : name_(std::move(name)), type_(type) {}
  FieldType type() const override { return type_; }
  bool extract(const EventContext& ctx, FieldValues& out) override {
    const RawEvent& ev = ctx_event(ctx);
    const EventInfo* info = ctx_event_info(ctx);
    int idx = param_index_of(info, name_);
    if (idx < 0 || !ev.has_param(static_cast<uint32_t>(idx))) return false;
    const ParamInfo& p = info->params[static_cast<size_t>(idx)];
    auto bytes = ev.param(static_cast<uint32_t>(idx));
    switch (type_class(p.type)) {
      case TypeClass::Numeric: {
        if (is_signed_numeric(p.type)) {
          auto v = read_param_signed(ev, static_cast<uint32_t>(idx), p.type);
          return v && push_signed(out, p.type, *v);
        }
        if (p.type == T::DOUBLE) {
          auto v = read_param_unsigned(ev, static_cast<uint32_t>(idx), p.type);
          double d = 0;
          if (v) std::memcpy(&d, &*v, sizeof d);
          return v && push_double(out, d);
        }
        auto v = read_param_unsigned(ev, static_cast<uint32_t>(idx), p.type);
        return v && push_unsigned(out, p.type, *v);
      }
      case TypeClass::String: {
        std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        if (auto nul = s.find('\0'); nul != std::string_view::npos) s = s.substr(0, nul);
        return push_string(out, s, p.type);
      }
      default:
        return push_string(out, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                           T::BYTEBUF);
    }
  }

 private:
  std::string name_;
  FieldType type_;
};

// evt.abspath: which (dirfd, path) params to join, per event id and variant.
struct AbspathParams {
  std::string_view dirfd, path;
};

AbspathParams abspath_params(std::string_view id, int variant) {
  bool dst = variant == 2;
  if (id == "PPME_SYSCALL_RENAMEAT_X" || id == "PPME_SYSCALL_RENAMEAT2_X")
    return dst ? AbspathParams{"newdirfd", "newpath"} : AbspathParams{"olddirfd", "oldpath"};
  if (id == "PPME_SYSCALL_LINKAT_2_X")
    return dst ? AbspathParams{"newdir", "newpath"} : AbspathParams{"olddir", "oldpath"};
  if (id == "PPME_SYSCALL_SYMLINKAT_X") return {"linkdirfd", "linkpath"};
  if (id == "PPME_SYSCALL_OPENAT_2_X" || id == "PPME_SYSCALL_OPENAT2_X") return {"dirfd", "name"};
  if (id == "PPME_SYSCALL_UNLINKAT_2_X") return {"dirfd", "name"};
  if (id == "PPME_SYSCALL_MKDIRAT_X") return {"dirfd", "path"};
  if (id == "PPME_SYSCALL_FCHMODAT_X") return {"dirfd", "filename"};
  if (id == "PPME_SYSCALL_FCHOWNAT_X") return {"dirfd", "pathname"};
  return {};
}

constexpr int64_t kAtFdcwd = -100;

bool extract_abspath(const EventContext& ctx, int variant, FieldValues& out, Scratch& sc) {
  auto cwd = ctx_thread_cwd(ctx);
  if (!cwd) return false;
  const RawEvent& ev = ctx_event(ctx);
  const EventInfo* info = ctx_event_info(ctx);
  if (info == nullptr) return false;
  auto names = abspath_params(info->id, variant);
  if (names.dirfd.empty()) return false;
  int di = param_index_of(info, names.dirfd), pi = param_index_of(info, names.path);
  if (di < 0 || pi < 0 || !ev.has_param(static_cast<uint32_t>(di)) || !ev.has_param(static_cast<uint32_t>(pi)))
    return false;
  auto dirfd = read_param_signed(ev, static_cast<uint32_t>(di), info->params[static_cast<size_t>(di)].type);
  auto path = read_param_string(ev, info, names.path);
  if (!dirfd || !path || path->empty()) return false;
  std::string dir;
  if ((*path)[0] == '/') {
    dir = ".";
  } else if (*dirfd == kAtFdcwd) {
    dir = *cwd;
  } else {
    auto name = ctx_thread_fd_name(ctx, *dirfd);
    if (!name) {
      dir = "<UNKNOWN>/";
    } else {
      dir = *name;
      if (dir.empty() || dir.back() != '/') dir += '/';
    }
  }
  return push_owned(out, sc, concatenate_paths(dir, *path));
}

}  // namespace

std::string render_event_args(const EventContext& ctx) {
  StateRenderContext state(ctx);
  return render_args(ctx_event(ctx), state);
}

FieldBinding evt_arg_binding() {
  return FieldBinding{"evt.arg", [](const ExtractorRequest& req, std::string& error) -> std::unique_ptr<Extractor> {
    if (!req.arg) {
      error = "filter error: evt.arg requires an argument";
      return nullptr;
    }
    std::string arg = *req.arg;
    if (all_digits(arg)) {
      uint32_t index = 0;
      std::from_chars(arg.data(), arg.data() + arg.size(), index);
      return std::make_unique<ArgTextExtractor>(index);
    }
    if (any_param_named(arg) == nullptr) {
      error = "unknown event argument " + arg;
      return nullptr;
    }
    return std::make_unique<ArgTextExtractor>(arg);
  }};
}

FieldBinding evt_rawarg_binding() {
  return FieldBinding{"evt.rawarg", [](const ExtractorRequest& req, std::string& error) -> std::unique_ptr<Extractor> {
    if (!req.arg) {
      error = "filter error: evt.rawarg requires an argument";
      return nullptr;
    }
    const ParamInfo* p = any_param_named(*req.arg);
    if (p == nullptr) {
      error = "unknown event argument " + *req.arg;
      return nullptr;
    }
    return std::make_unique<RawArgExtractor>(*req.arg, p->type);
  }};
}

FieldBinding evt_abspath_binding(std::string_view name) {
  int variant = name.ends_with(".src") ? 1 : name.ends_with(".dst") ? 2 : 0;
  return field(name, T::CHARBUF, [variant](const EventContext& c, FieldValues& o, Scratch& sc) {
    return extract_abspath(c, variant, o, sc);
  });
}

FieldBinding evt_type_is_binding() {
  return FieldBinding{"evt.type.is", [](const ExtractorRequest& req, std::string& error) -> std::unique_ptr<Extractor> {
    if (!req.arg) {
      error = "filter error: evt.type.is requires an argument";
      return nullptr;
    }
    uint32_t code_a = UINT32_MAX, code_b = UINT32_MAX;
    if (all_digits(*req.arg)) {
      std::from_chars(req.arg->data(), req.arg->data() + req.arg->size(), code_a);
    } else {
      for (const auto& ev : all_events()) {
        if (ev.name == *req.arg) {
          code_a = ev.code;
          code_b = ev.code + 1u;
          break;
        }
      }
    }
    return std::make_unique<FnExtractor>(T::UINT32, [code_a, code_b](const EventContext& c, FieldValues& o, Scratch&) {
      uint32_t code = ctx_event(c).type;
      return push_unsigned(o, T::UINT32, (code == code_a || code == code_b) ? 1 : 0);
    });
  }};
}

}  // namespace eg
