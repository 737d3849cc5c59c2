// Synthetic capture building (capture_builder.h): ParamValue -> wire bytes by
// the schema's param type, events by name, and the capture via CaptureWriter.
#include "engine/sources/capture_builder.h"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

#include "fields/event_encoder.h"
#include "fields/param_decoder.h"

namespace eg {
namespace {

[[noreturn]] void misuse(const std::string& what) { throw std::invalid_argument(what); }

template <typename T>
void append(std::vector<uint8_t>& out, T v) {
  size_t at = out.size();
  out.resize(at + sizeof v);
  std::memcpy(out.data() + at, &v, sizeof v);
}

// Parses an IPv4 or IPv6 address text into network-order bytes.
std::vector<uint8_t> parse_ip(std::string_view text, uint8_t& family) {
  std::string s(text);
  std::vector<uint8_t> b(16);
  if (inet_pton(AF_INET, s.c_str(), b.data()) == 1) {
    family = kAfInet;
    b.resize(4);
    return b;
  }
  if (inet_pton(AF_INET6, s.c_str(), b.data()) == 1) {
    family = kAfInet6;
    return b;
  }
  misuse("not an IP address: " + s);
}

std::vector<uint8_t> integer_bytes(uint64_t v, int size) {
  std::vector<uint8_t> out(static_cast<size_t>(size));
  std::memcpy(out.data(), &v, static_cast<size_t>(size));  // little-endian host
  return out;
}

bool is_string_type(FieldType t) {
  return t == FieldType::CHARBUF || t == FieldType::FSPATH || t == FieldType::FSRELPATH;
}

}  // namespace

ParamValue ParamValue::empty() {
  ParamValue p;
  p.kind_ = Kind::Empty;
  return p;
}

ParamValue ParamValue::raw(std::vector<uint8_t> bytes) {
  ParamValue p;
  p.kind_ = Kind::Raw;
  p.raw_ = std::move(bytes);
  return p;
}

ParamValue ParamValue::bytes(std::string_view data) {
  return raw(std::vector<uint8_t>(data.begin(), data.end()));
}

ParamValue ParamValue::strings(const std::vector<std::string>& items) {
  std::vector<uint8_t> b;
  for (const std::string& s : items) {
    b.insert(b.end(), s.begin(), s.end());
    b.push_back(0);
  }
  return raw(std::move(b));
}

ParamValue ParamValue::sockaddr_inet(std::string_view ip, uint16_t port) {
  uint8_t family = 0;
  std::vector<uint8_t> addr = parse_ip(ip, family);
  std::vector<uint8_t> b{family};
  b.insert(b.end(), addr.begin(), addr.end());
  append<uint16_t>(b, port);
  return raw(std::move(b));
}

ParamValue ParamValue::sockaddr_unix(std::string_view path) {
  std::vector<uint8_t> b{kAfUnix};
  b.insert(b.end(), path.begin(), path.end());
  b.push_back(0);
  return raw(std::move(b));
}

ParamValue ParamValue::socktuple_inet(std::string_view sip, uint16_t sport, std::string_view dip,
                                      uint16_t dport) {
  uint8_t f1 = 0, f2 = 0;
  std::vector<uint8_t> s = parse_ip(sip, f1), d = parse_ip(dip, f2);
  if (f1 != f2) misuse("socket tuple mixes IPv4 and IPv6 addresses");
  std::vector<uint8_t> b{f1};
  b.insert(b.end(), s.begin(), s.end());
  append<uint16_t>(b, sport);
  b.insert(b.end(), d.begin(), d.end());
  append<uint16_t>(b, dport);
  return raw(std::move(b));
}

ParamValue ParamValue::socktuple_unix(uint64_t src, uint64_t dst, std::string_view path) {
  std::vector<uint8_t> b{kAfUnix};
  append<uint64_t>(b, src);
  append<uint64_t>(b, dst);
  b.insert(b.end(), path.begin(), path.end());
  b.push_back(0);
  return raw(std::move(b));
}

ParamValue ParamValue::fdlist(const std::vector<std::pair<int64_t, uint16_t>>& fds) {
  std::vector<uint8_t> b;
  append<uint16_t>(b, static_cast<uint16_t>(fds.size()));
  for (auto [fd, events] : fds) {
    append<int64_t>(b, fd);
    append<uint16_t>(b, events);
  }
  return raw(std::move(b));
}

ParamValue ParamValue::dyn(uint8_t index, const std::vector<uint8_t>& value) {
  std::vector<uint8_t> b{index};
  b.insert(b.end(), value.begin(), value.end());
  return raw(std::move(b));
}

std::vector<uint8_t> ParamValue::encode(const ParamInfo& info) const {
  const FieldType t = info.type;
  const int size = param_type_size(t);
  const std::string where = "param '" + std::string(info.name) + "'";
  switch (kind_) {
    case Kind::Default: {
      ParamBytes d = default_param_bytes(t);
      return {d.begin(), d.end()};
    }
    case Kind::Empty:
      return {};
    case Kind::Raw:
      return raw_;
    case Kind::Text:
      if (is_string_type(t) || t == FieldType::BYTEBUF) {
        std::vector<uint8_t> b(text_.begin(), text_.end());
        if (t != FieldType::BYTEBUF) b.push_back(0);
        return b;
      }
      if (t == FieldType::IPV4ADDR || t == FieldType::IPV6ADDR) {
        uint8_t family = 0;
        std::vector<uint8_t> b = parse_ip(text_, family);
        if (static_cast<int>(b.size()) != size) misuse(where + ": address of the wrong family");
        return b;
      }
      misuse(where + ": text given for a " + std::string(field_type_name(t)) + " param");
    default:
      break;
  }
  if (size <= 0)
    misuse(where + ": a number given for a " + std::string(field_type_name(t)) +
           " param (use a ParamValue helper)");
  if (t == FieldType::DOUBLE) {
    double d = kind_ == Kind::Double ? d_
               : kind_ == Kind::Signed ? static_cast<double>(i_) : static_cast<double>(u_);
    std::vector<uint8_t> b(8);
    std::memcpy(b.data(), &d, 8);
    return b;
  }
  if (kind_ == Kind::Double) misuse(where + ": floating-point value for an integer param");
  return integer_bytes(kind_ == Kind::Signed ? static_cast<uint64_t>(i_) : u_, size);
}

uint16_t event_code_for_builder(std::string_view name) {
  char dir = '<';
  if (!name.empty() && (name.back() == '>' || name.back() == '<')) {
    dir = name.back();
    name.remove_suffix(1);
  }
  std::optional<uint16_t> code = current_event_code(name, dir);
  if (!code) misuse("no current " + std::string(dir == '>' ? "enter" : "exit") +
                    " event named '" + std::string(name) + "'");
  return *code;
}

std::vector<uint8_t> encode_event_by_code(uint16_t code, int64_t tid, uint64_t ts,
                                          NamedParams params) {
  return encode_event_by_code(code, tid, ts,
                              std::span<const std::pair<std::string_view, ParamValue>>(
                                  params.begin(), params.size()));
}

std::vector<uint8_t> encode_event_by_code(
    uint16_t code, int64_t tid, uint64_t ts,
    std::span<const std::pair<std::string_view, ParamValue>> params) {
  const EventInfo* info = event_info(code);
  if (!info) misuse("unknown event code " + std::to_string(code));
  std::vector<std::vector<uint8_t>> values(info->params.size());
  std::vector<bool> given(info->params.size(), false);
  for (const auto& [pname, value] : params) {
    int idx = param_index(*info, pname);
    if (idx < 0) misuse(std::string(info->id) + " has no param '" + std::string(pname) + "'");
    values[idx] = value.encode(info->params[idx]);
    given[idx] = true;
  }
  for (size_t k = 0; k < values.size(); ++k)
    if (!given[k]) values[k] = ParamValue().encode(info->params[k]);
  std::vector<ParamBytes> spans(values.begin(), values.end());
  std::vector<uint8_t> record;
  if (!encode_event(ts, tid, code, spans, record))
    misuse(std::string(info->id) + ": params do not fit the record format");
  return record;
}

std::vector<uint8_t> encode_event_by_name(std::string_view name, int64_t tid, uint64_t ts,
                                          NamedParams params) {
  // A syscall without its own event is a generic exit: ID = its PPM_SC code,
  // nativeID = its x86_64 number (the caller may still override both).
  bool plain = !name.empty() && name.back() != '>' && name.back() != '<';
  if (plain && !current_event_code(name, '<')) {
    if (std::optional<uint16_t> sc = ppm_sc_by_name(name); sc && *sc != 0) {
      const SyscallInfo* nr = syscall_by_ppm_sc(*sc);
      std::vector<std::pair<std::string_view, ParamValue>> all = {
          {"ID", ParamValue(unsigned{*sc})}, {"nativeID", ParamValue(nr ? nr->nr : 0u)}};
      all.insert(all.end(), params.begin(), params.end());
      return encode_event_by_code(kGenericExitCode, tid, ts, all);
    }
  }
  return encode_event_by_code(event_code_for_builder(name), tid, ts, params);
}

CaptureBuilder::CaptureBuilder(std::string hostname) {
  section_.major_version = 1;
  section_.minor_version = 2;
  section_.has_machine = true;
  section_.machine.hostname = std::move(hostname);
  section_.machine.num_cpus = 1;
  section_.machine.memory_kb = 1024 * 1024;
}

ThreadSnapshot& CaptureBuilder::add_thread(ThreadSnapshot t) {
  section_.threads.push_back(std::move(t));
  return section_.threads.back();
}

FdSnapshot& CaptureBuilder::add_fd(FdSnapshot fd) {
  section_.fds.push_back(std::move(fd));
  return section_.fds.back();
}

void CaptureBuilder::add_user(uint32_t uid, uint32_t gid, std::string name, std::string home,
                              std::string shell) {
  section_.users.push_back({uid, gid, std::move(name), std::move(home), std::move(shell), ""});
}

void CaptureBuilder::add_group(uint32_t gid, std::string name) {
  section_.groups.push_back({gid, std::move(name), ""});
}

size_t CaptureBuilder::add(std::string_view name, int64_t tid, uint64_t ts, NamedParams params) {
  return add_record(encode_event_by_name(name, tid, ts, params));
}

size_t CaptureBuilder::add_code(uint16_t code, int64_t tid, uint64_t ts, NamedParams params) {
  return add_record(encode_event_by_code(code, tid, ts, params));
}

size_t CaptureBuilder::add_record(std::vector<uint8_t> record, uint16_t cpu, uint32_t dump_flags) {
  events_.push_back({std::move(record), cpu, dump_flags});
  return events_.size() - 1;
}

bool CaptureBuilder::write_file(const std::string& path, std::string& error, bool gzip) const {
  auto w = CaptureWriter::open(path, {gzip}, error);
  if (!w) return false;
  if (w->write_section(section_))
    for (const Event& e : events_)
      if (!w->write_record(e.record, e.cpu, e.dump_flags)) break;
  return w->close(error);
}

std::vector<uint8_t> CaptureBuilder::bytes() const {
  std::vector<uint8_t> out;
  auto w = CaptureWriter::to_memory(out);
  w->write_section(section_);
  for (const Event& e : events_) w->write_record(e.record, e.cpu, e.dump_flags);
  std::string error;
  w->close(error);
  return out;
}

}  // namespace eg
