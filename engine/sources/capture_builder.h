// Building synthetic captures for tests, attack scenarios and benchmarks:
// thread/fd/user snapshots plus a sequence of events made from the schema by
// event name and param name, e.g.
//
//   CaptureBuilder b;
//   b.add_thread({.tid = 100, .pid = 100, .ptid = 1, .comm = "cat", .exe = "cat",
//                 .exepath = "/usr/bin/cat", .cwd = "/root"});
//   b.add("openat", 100, 1'000'000'000, {{"fd", 3}, {"dirfd", kAtFdCwd},
//         {"name", "/etc/shadow"}, {"flags", 1}, {"mode", 0}});
//   b.add("execve", 100, ts, {{"res", 0}, {"exe", "/bin/sh"},
//         {"args", ParamValue::strings({"-c", "id"})}});
//   b.write_file("attack.scap", err);
//
// `add` uses the current (newest) exit event of that name; "name>" picks the
// enter event, and add_code() any code. A syscall without its own event
// ("getpid") becomes a generic event with ID and nativeID filled in. Params not given get libscap's
// default (zeros for fixed-size types, empty otherwise); ParamValue::empty()
// gives an explicit "no value". Misuse (unknown event or param name, a value
// of the wrong kind) throws std::invalid_argument naming the culprit.
//
// For very large captures, encode_event_by_name() + CaptureWriter stream the
// events instead of keeping them in memory.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/sources/capture_section.h"
#include "engine/sources/capture_writer.h"
#include "fields/event_schema.h"

namespace eg {

class ParamValue {
 public:
  ParamValue() = default;  // the type's default value
  ParamValue(int v) : kind_(Kind::Signed), i_(v) {}
  ParamValue(long v) : kind_(Kind::Signed), i_(v) {}
  ParamValue(long long v) : kind_(Kind::Signed), i_(v) {}
  ParamValue(unsigned v) : kind_(Kind::Unsigned), u_(v) {}
  ParamValue(unsigned long v) : kind_(Kind::Unsigned), u_(v) {}
  ParamValue(unsigned long long v) : kind_(Kind::Unsigned), u_(v) {}
  ParamValue(double v) : kind_(Kind::Double), d_(v) {}
  ParamValue(const char* s) : kind_(Kind::Text), text_(s) {}
  ParamValue(std::string_view s) : kind_(Kind::Text), text_(s) {}
  ParamValue(const std::string& s) : kind_(Kind::Text), text_(s) {}

  static ParamValue empty();                           // zero-length param
  static ParamValue raw(std::vector<uint8_t> bytes);   // exact wire bytes
  static ParamValue bytes(std::string_view data);      // BYTEBUF contents
  // NUL-separated list ("a\0b\0"): execve args/env/cgroups, CHARBUFARRAY.
  static ParamValue strings(const std::vector<std::string>& items);
  // PT_SOCKADDR / PT_SOCKTUPLE / PT_FDLIST wire forms. Addresses in text form.
  static ParamValue sockaddr_inet(std::string_view ip, uint16_t port);   // v4 or v6
  static ParamValue sockaddr_unix(std::string_view path);
  static ParamValue socktuple_inet(std::string_view sip, uint16_t sport, std::string_view dip,
                                   uint16_t dport);                      // v4 or v6
  static ParamValue socktuple_unix(uint64_t src, uint64_t dst, std::string_view path);
  static ParamValue fdlist(const std::vector<std::pair<int64_t, uint16_t>>& fds);
  // PT_DYN: index into the param's dynamic table, then the value for that type.
  static ParamValue dyn(uint8_t index, const std::vector<uint8_t>& value);

  // The wire bytes for a param of `info`; throws std::invalid_argument.
  std::vector<uint8_t> encode(const ParamInfo& info) const;

 private:
  enum class Kind : uint8_t { Default, Empty, Signed, Unsigned, Double, Text, Raw };
  Kind kind_ = Kind::Default;
  int64_t i_ = 0;
  uint64_t u_ = 0;
  double d_ = 0;
  std::string text_;
  std::vector<uint8_t> raw_;
};

using NamedParams = std::initializer_list<std::pair<std::string_view, ParamValue>>;

// Encodes one event record (26-byte layout). `name` as for CaptureBuilder::add.
std::vector<uint8_t> encode_event_by_name(std::string_view name, int64_t tid, uint64_t ts,
                                          NamedParams params);
std::vector<uint8_t> encode_event_by_code(uint16_t code, int64_t tid, uint64_t ts,
                                          NamedParams params);
std::vector<uint8_t> encode_event_by_code(
    uint16_t code, int64_t tid, uint64_t ts,
    std::span<const std::pair<std::string_view, ParamValue>> params);
// The code `add` uses for `name` ("openat" -> newest exit, "openat>" -> newest enter).
uint16_t event_code_for_builder(std::string_view name);

class CaptureBuilder {
 public:
  explicit CaptureBuilder(std::string hostname = "edera-test");

  CaptureSection& section() { return section_; }
  ThreadSnapshot& add_thread(ThreadSnapshot t);
  FdSnapshot& add_fd(FdSnapshot fd);
  void add_user(uint32_t uid, uint32_t gid, std::string name, std::string home = "/",
                std::string shell = "/bin/sh");
  void add_group(uint32_t gid, std::string name);

  // Appends an event on `cpu` 0; returns its index.
  size_t add(std::string_view name, int64_t tid, uint64_t ts, NamedParams params = {});
  size_t add_code(uint16_t code, int64_t tid, uint64_t ts, NamedParams params = {});
  // Appends an already encoded record.
  size_t add_record(std::vector<uint8_t> record, uint16_t cpu = 0, uint32_t dump_flags = 0);
  size_t event_count() const { return events_.size(); }

  bool write_file(const std::string& path, std::string& error, bool gzip = false) const;
  // The capture as bytes (plain, not compressed).
  std::vector<uint8_t> bytes() const;

 private:
  struct Event {
    std::vector<uint8_t> record;
    uint16_t cpu;
    uint32_t dump_flags;
  };
  CaptureSection section_;
  std::vector<Event> events_;
};

}  // namespace eg
