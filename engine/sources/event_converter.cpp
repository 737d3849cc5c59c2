// The conversion loop of libscap's capture reader (event_converter.h): decide
// whether a record needs converting, apply the table entry, repeat on the
// result (at most 50 steps). Error texts name the event so that a capture that
// cannot be converted is diagnosable.
#include "engine/sources/event_converter.h"

#include <fmt/format.h>

#include "fields/event_converter_table.h"
#include "fields/event_encoder.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

constexpr int kMaxSteps = 50;

std::string event_label(uint16_t type, uint32_t nparams) {
  const EventInfo* info = event_info(type);
  return fmt::format("{} (type {}, {} params)", info ? info->id : "?", type, nparams);
}

std::string_view as_text(ParamBytes p) {
  std::string_view s(reinterpret_cast<const char*>(p.data()), p.size());
  if (!s.empty() && s.back() == '\0') s.remove_suffix(1);
  return s;
}

// PPME_CONTAINER_E (id, type, name, image) -> the JSON text of CONTAINER_JSON_E.
std::string container_json(const RawEvent& old) {
  uint32_t type = 0;
  ParamBytes t = old.param(1);
  if (t.size() >= 4) std::memcpy(&type, t.data(), 4);
  std::string json = fmt::format(R"({{"id":"{}","type":{},"name":"{}","image":"{}"}})",
                                 as_text(old.param(0)), type, as_text(old.param(2)),
                                 as_text(old.param(3)));
  json.push_back('\0');
  return json;
}

}  // namespace

EventConverter::Step EventConverter::test_convertibility(const RawEvent& ev,
                                                         std::string& error) const {
  const EventInfo* info = event_info(ev.type);
  if (!info) return Step::Complete;  // unknown codes are filtered by the reader
  if (info->has(kEfUnused)) return Step::Drop;
  if (!info->has(kEfConverterManaged)) {
    if (!info->has(kEfOldVersion)) return Step::Complete;
    if (info->is_enter()) return Step::Drop;
    error = "old exit event not managed by the converter: " + event_label(ev.type, ev.nparams);
    return Step::Error;
  }
  if (info->is_enter()) return Step::Continue;
  if (ev.nparams > info->params.size()) {
    error = "more parameters than the event table knows: " + event_label(ev.type, ev.nparams);
    return Step::Error;
  }
  if (info->has(kEfOldVersion) || ev.nparams != info->params.size()) return Step::Continue;
  return Step::Complete;
}

// The same decisions as test_convertibility, for every code at once.
std::vector<uint8_t> EventConverter::current_nparams_table() {
  std::vector<uint8_t> table;
  for (const EventInfo& info : all_events()) {
    uint8_t want = kNotCurrent;
    if (info.has(kEfUnused)) {
      want = kNotCurrent;
    } else if (!info.has(kEfConverterManaged)) {
      if (!info.has(kEfOldVersion)) want = kAnyCount;
    } else if (!info.is_enter() && !info.has(kEfOldVersion)) {
      want = static_cast<uint8_t>(info.params.size());
    }
    table.push_back(want);
  }
  return table;
}

void EventConverter::store_pending(const RawEvent& ev) {
  std::vector<ParamBytes> params;
  for (uint32_t i = 0; i < ev.nparams; ++i)
    params.emplace_back(ev.record + ev.param_offset[i], ev.param_len[i]);
  encode_event(ev.ts, ev.tid, ev.type, params, pending_[ev.tid]);
}

EventConverter::Step EventConverter::convert_once(const RawEvent& ev, RawEvent& out,
                                                  std::string& error) {
  const Conversion* conv = find_conversion(ev.type, ev.nparams);
  if (!conv) {
    error = "no conversion for " + event_label(ev.type, ev.nparams);
    return Step::Error;
  }
  switch (conv->action) {
    case ConversionAction::Pass:
      out = ev;
      return Step::Complete;
    case ConversionAction::Store:
      store_pending(ev);
      return Step::Drop;
    case ConversionAction::StoreAndPass:
      store_pending(ev);
      out = ev;
      return Step::Complete;
    case ConversionAction::AddParams:
    case ConversionAction::ChangeType:
      break;
  }

  const bool change = conv->action == ConversionAction::ChangeType;
  const uint16_t new_type = change ? conv->desired_code : ev.type;
  const EventInfo* new_info = event_info(new_type);
  std::vector<ParamBytes> params;
  if (!change)
    for (uint32_t i = 0; i < ev.nparams; ++i) params.push_back(ev.param(i));

  // The pending enter event is only usable when it is this exit's enter.
  RawEvent enter;
  bool have_enter = false, used_enter = false;
  if (auto it = pending_.find(ev.tid); it != pending_.end()) {
    const char* why = nullptr;
    if (!parse_raw_event(it->second, enter, &why)) {
      error = "stored enter event unreadable";
      return Step::Error;
    }
    have_enter = true;
  }
  std::string callback_storage;
  for (const ConversionInstr& ins : conv->instrs) {
    size_t slot = params.size();
    FieldType slot_type = new_info && slot < new_info->params.size()
                              ? new_info->params[slot].type : FieldType::NONE;
    switch (ins.kind) {
      case ConversionInstrKind::FromEmpty:
        params.push_back({});
        break;
      case ConversionInstrKind::FromDefault:
        params.push_back(default_param_bytes(slot_type));
        break;
      case ConversionInstrKind::FromOld:
        if (ins.param >= ev.nparams) {
          error = fmt::format("conversion of {} needs old parameter {}",
                              event_label(ev.type, ev.nparams), ins.param);
          return Step::Error;
        }
        params.push_back(ev.param(ins.param));
        break;
      case ConversionInstrKind::FromEnter:
        if (!have_enter) {
          params.push_back(ins.fallback_to_empty ? ParamBytes{} : default_param_bytes(slot_type));
          break;
        }
        if (enter.type + 1 != ev.type) {
          error = fmt::format("the enter event for {} is not the right one: found {}",
                              event_label(ev.type, ev.nparams),
                              event_label(enter.type, enter.nparams));
          return Step::Error;
        }
        if (ins.param >= enter.nparams) {
          error = fmt::format("conversion of {} needs enter parameter {} of {}",
                              event_label(ev.type, ev.nparams), ins.param,
                              event_label(enter.type, enter.nparams));
          return Step::Error;
        }
        params.push_back(enter.param(ins.param));
        used_enter = true;
        break;
      case ConversionInstrKind::FromCallback:
        callback_storage = container_json(ev);
        params.emplace_back(reinterpret_cast<const uint8_t*>(callback_storage.data()),
                            callback_storage.size());
        break;
    }
  }

  std::vector<uint8_t>& buf = buffers_[next_buffer_];
  next_buffer_ ^= 1;
  if (!encode_event(ev.ts, ev.tid, new_type, params, buf)) {
    error = "converted event does not fit the record format: " + event_label(new_type, 0);
    return Step::Error;
  }
  if (used_enter) pending_.erase(ev.tid);  // after encoding: params may point into it
  const char* why = nullptr;
  if (!parse_raw_event(buf, out, &why)) {
    error = std::string("converted event unreadable: ") + why;
    return Step::Error;
  }
  out.cpu = ev.cpu;
  return test_convertibility(out, error);
}

EventConverter::Outcome EventConverter::convert_in_place(RawEvent& ev, std::string& error) {
  if (is_current(ev.type, ev.nparams)) return Outcome::Deliver;  // nothing to do
  RawEvent out;
  Outcome o = convert(ev, out, error);
  if (o == Outcome::Deliver) ev = out;
  return o;
}

EventConverter::Outcome EventConverter::convert(const RawEvent& in, RawEvent& out,
                                                std::string& error) {
  RawEvent current = in;
  for (int step = 0; step < kMaxSteps; ++step) {
    switch (test_convertibility(current, error)) {
      case Step::Complete:
        out = current;
        return Outcome::Deliver;
      case Step::Drop:
        return Outcome::Drop;
      case Step::Error:
        return Outcome::Error;
      case Step::Continue:
        break;
    }
    RawEvent next;
    switch (convert_once(current, next, error)) {
      case Step::Complete:
        out = next;
        return Outcome::Deliver;
      case Step::Drop:
        return Outcome::Drop;
      case Step::Error:
        return Outcome::Error;
      case Step::Continue:
        current = next;
        break;
    }
  }
  error = "conversion did not finish after 50 steps: " + event_label(in.type, in.nparams);
  return Outcome::Error;
}

}  // namespace eg
