// The capture writer (capture_writer.h). Metadata encoders mirror the reader's
// parsers field by field (engine/sources/metadata_blocks.cpp), in the newest
// block versions, so that a write/read round trip is the identity.
#include "engine/sources/capture_writer.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "engine/sources/capture_format.h"
#include "fields/event_encoder.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

using namespace eg::scap;

class ByteWriter {
 public:
  template <typename T>
  void put(T v) {
    size_t at = out.size();
    out.resize(at + sizeof v);
    std::memcpy(out.data() + at, &v, sizeof v);
  }
  void bytes(const void* p, size_t n) {
    const uint8_t* b = static_cast<const uint8_t*>(p);
    out.insert(out.end(), b, b + n);
  }
  void str(std::string_view s) {
    s = s.substr(0, 0xffff);
    put<uint16_t>(static_cast<uint16_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void ip(const IpAddress& a, size_t n) { bytes(a.bytes.data(), n); }
  // Patches a uint32 at `at` (entry lengths written before the entry).
  void patch_u32(size_t at, uint32_t v) { std::memcpy(out.data() + at, &v, 4); }
  std::vector<uint8_t> out;
};

std::string nul_list(const std::vector<std::string>& items) {
  std::string s;
  for (const std::string& item : items) {
    s += item;
    s.push_back('\0');
  }
  return s;
}

void encode_thread(ByteWriter& w, const ThreadSnapshot& t) {
  size_t start = w.out.size();
  w.put<uint32_t>(0);  // entry_len, patched below
  w.put<int64_t>(t.tid);
  w.put<int64_t>(t.pid);
  w.put<int64_t>(t.ptid);
  w.put<int64_t>(t.sid);
  w.put<int64_t>(t.vpgid);
  w.str(t.comm);
  w.str(t.exe);
  w.str(t.exepath);
  w.str(nul_list(t.args));
  w.str(t.cwd);
  w.put<uint64_t>(t.fdlimit);
  w.put<uint32_t>(static_cast<uint32_t>(t.flags));
  w.put<uint32_t>(t.uid);
  w.put<uint32_t>(t.gid);
  w.put<uint32_t>(static_cast<uint32_t>(t.vmsize_kb));
  w.put<uint32_t>(static_cast<uint32_t>(t.vmrss_kb));
  w.put<uint32_t>(static_cast<uint32_t>(t.vmswap_kb));
  w.put<uint64_t>(t.pfmajor);
  w.put<uint64_t>(t.pfminor);
  w.str(nul_list(t.env));
  w.put<int64_t>(t.vtid);
  w.put<int64_t>(t.vpid);
  w.str(nul_list(t.cgroups));
  w.str(t.root);
  w.put<uint64_t>(static_cast<uint64_t>(t.pidns_init_start_ts));
  w.put<uint32_t>(t.tty);
  w.put<uint32_t>(t.loginuid);
  w.put<uint8_t>(t.exe_writable);
  w.put<uint64_t>(t.cap_inheritable);
  w.put<uint64_t>(t.cap_permitted);
  w.put<uint64_t>(t.cap_effective);
  w.put<uint8_t>(t.exe_upper_layer);
  w.put<uint64_t>(t.exe_ino);
  w.put<uint64_t>(t.exe_ino_ctime);
  w.put<uint64_t>(t.exe_ino_mtime);
  w.put<uint8_t>(t.exe_from_memfd);
  w.put<uint8_t>(t.exe_lower_layer);
  w.put<int64_t>(t.pgid);
  w.patch_u32(start, static_cast<uint32_t>(w.out.size() - start));
}

// FdKind -> scap fd type (files are written as FILE_V2 with open flags).
uint8_t scap_fd_type(FdKind k) {
  switch (k) {
    case FdKind::File: return 16;
    case FdKind::Directory: return 2;
    case FdKind::Ipv4Socket: return 3;
    case FdKind::Ipv6Socket: return 4;
    case FdKind::Ipv4ServerSocket: return 5;
    case FdKind::Ipv6ServerSocket: return 6;
    case FdKind::Fifo: return 7;
    case FdKind::UnixSocket: return 8;
    case FdKind::Event: return 9;
    case FdKind::Unsupported: return 10;
    case FdKind::Signalfd: return 11;
    case FdKind::Eventpoll: return 12;
    case FdKind::Inotify: return 13;
    case FdKind::Timerfd: return 14;
    case FdKind::Netlink: return 15;
    case FdKind::Bpf: return 17;
    case FdKind::Userfaultfd: return 18;
    case FdKind::Iouring: return 19;
    case FdKind::Memfd: return 20;
    case FdKind::Pidfd: return 21;
    case FdKind::Unknown: break;
  }
  return 0;
}

void encode_fd(ByteWriter& w, const FdSnapshot& fd) {
  size_t start = w.out.size();
  w.put<uint32_t>(0);
  w.put<int64_t>(fd.fd);
  w.put<uint64_t>(fd.ino);
  uint8_t type = scap_fd_type(fd.kind);
  w.put<uint8_t>(type);
  switch (fd.kind) {
    case FdKind::Ipv4Socket:
      w.ip(fd.cip, 4);
      w.ip(fd.sip, 4);
      w.put<uint16_t>(fd.cport);
      w.put<uint16_t>(fd.sport);
      w.put<uint8_t>(fd.l4proto);
      break;
    case FdKind::Ipv4ServerSocket:
      w.ip(fd.sip, 4);
      w.put<uint16_t>(fd.sport);
      w.put<uint8_t>(fd.l4proto);
      break;
    case FdKind::Ipv6Socket:
      w.ip(fd.cip, 16);
      w.ip(fd.sip, 16);
      w.put<uint16_t>(fd.cport);
      w.put<uint16_t>(fd.sport);
      w.put<uint8_t>(fd.l4proto);
      break;
    case FdKind::Ipv6ServerSocket:
      w.ip(fd.sip, 16);
      w.put<uint16_t>(fd.sport);
      w.put<uint8_t>(fd.l4proto);
      break;
    case FdKind::UnixSocket:
      w.put<uint64_t>(fd.unix_source);
      w.put<uint64_t>(fd.unix_dest);
      w.str(fd.name);
      break;
    case FdKind::File:
      w.put<uint32_t>(fd.flags);
      w.str(fd.name);
      w.put<uint32_t>(fd.dev);
      break;
    case FdKind::Unknown:
      break;
    default:
      w.str(fd.name);
      break;
  }
  w.patch_u32(start, static_cast<uint32_t>(w.out.size() - start));
}

void encode_interface(ByteWriter& w, const InterfaceSnapshot& itf) {
  size_t start = w.out.size();
  w.put<uint32_t>(0);  // length without itself
  bool v6 = itf.addr.family == 6;
  w.put<uint16_t>(v6 ? 2 : 1);
  std::string_view name = std::string_view(itf.name).substr(0, 0xffff);
  w.put<uint16_t>(static_cast<uint16_t>(name.size()));
  size_t n = v6 ? 16 : 4;
  w.ip(itf.addr, n);
  w.ip(itf.netmask, n);
  w.ip(itf.broadcast, n);
  w.put<uint64_t>(itf.linkspeed);
  w.bytes(name.data(), name.size());
  w.patch_u32(start, static_cast<uint32_t>(w.out.size() - start - 4));
}

}  // namespace

std::vector<uint8_t> encode_machine_info(const MachineSnapshot& m) {
  ByteWriter w;
  w.put<uint32_t>(m.num_cpus);
  w.put<uint64_t>(m.memory_kb * 1024);
  w.put<uint64_t>(0);  // max_pid
  char host[128] = {};
  std::memcpy(host, m.hostname.data(), std::min<size_t>(m.hostname.size(), sizeof host - 1));
  w.bytes(host, sizeof host);
  w.put<uint64_t>(m.boot_ts);
  w.put<uint64_t>(0);  // flags
  w.put<uint64_t>(0);  // reserved
  w.put<uint64_t>(0);
  return std::move(w.out);
}

std::vector<uint8_t> encode_proc_list_v9(std::span<const ThreadSnapshot> threads) {
  ByteWriter w;
  for (const ThreadSnapshot& t : threads) encode_thread(w, t);
  return std::move(w.out);
}

std::vector<uint8_t> encode_fd_list_v2(int64_t tid, std::span<const FdSnapshot> fds) {
  ByteWriter w;
  w.put<int64_t>(tid);
  for (const FdSnapshot& fd : fds) encode_fd(w, fd);
  return std::move(w.out);
}

std::vector<uint8_t> encode_if_list_v2(std::span<const InterfaceSnapshot> interfaces) {
  ByteWriter w;
  for (const InterfaceSnapshot& itf : interfaces) encode_interface(w, itf);
  return std::move(w.out);
}

std::vector<uint8_t> encode_user_list_v2(std::span<const UserSnapshot> users,
                                         std::span<const GroupSnapshot> groups) {
  ByteWriter w;
  for (const UserSnapshot& u : users) {
    size_t start = w.out.size();
    w.put<uint32_t>(0);
    w.put<uint8_t>(0);
    w.put<uint32_t>(u.uid);
    w.put<uint32_t>(u.gid);
    w.str(u.name);
    w.str(u.home);
    w.str(u.shell);
    w.patch_u32(start, static_cast<uint32_t>(w.out.size() - start));
  }
  for (const GroupSnapshot& g : groups) {
    size_t start = w.out.size();
    w.put<uint32_t>(0);
    w.put<uint8_t>(1);
    w.put<uint32_t>(g.gid);
    w.str(g.name);
    w.patch_u32(start, static_cast<uint32_t>(w.out.size() - start));
  }
  return std::move(w.out);
}

CaptureWriter::CaptureWriter(void* file, std::vector<uint8_t>* memory, std::string path)
    : file_(file), memory_(memory), path_(std::move(path)) {}

CaptureWriter::~CaptureWriter() {
  if (file_) gzclose(static_cast<gzFile>(file_));
}

std::unique_ptr<CaptureWriter> CaptureWriter::open(const std::string& path,
                                                   const CaptureWriterOptions& options,
                                                   std::string& error) {
  gzFile f = gzopen(path.c_str(), options.gzip ? "wb6" : "wbT");
  if (!f) {
    error = "cannot create " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<CaptureWriter>(new CaptureWriter(f, nullptr, path));
}

std::unique_ptr<CaptureWriter> CaptureWriter::to_memory(std::vector<uint8_t>& out) {
  return std::unique_ptr<CaptureWriter>(new CaptureWriter(nullptr, &out, "memory"));
}

bool CaptureWriter::write_bytes(const void* data, size_t n) {
  if (!error_.empty()) return false;
  if (n == 0) return true;
  if (memory_) {
    const uint8_t* b = static_cast<const uint8_t*>(data);
    memory_->insert(memory_->end(), b, b + n);
    return true;
  }
  if (gzwrite(static_cast<gzFile>(file_), data, static_cast<unsigned>(n)) != static_cast<int>(n)) {
    int code = 0;
    const char* msg = gzerror(static_cast<gzFile>(file_), &code);
    error_ = "write to " + path_ + " failed: " + (msg ? msg : "unknown error");
    return false;
  }
  return true;
}

bool CaptureWriter::write_block(uint32_t type, std::span<const uint8_t> body) {
  uint64_t total = 8 + body.size() + 4;
  uint32_t padding = static_cast<uint32_t>((4 - total % 4) % 4);
  total += padding;
  if (total > 0xffffffffu) {
    error_ = "block too large for the capture format";
    return false;
  }
  uint32_t header[2] = {type, static_cast<uint32_t>(total)};
  static constexpr uint8_t kZeros[4] = {};
  uint32_t trailer = static_cast<uint32_t>(total);
  return write_bytes(header, sizeof header) && write_bytes(body.data(), body.size()) &&
         write_bytes(kZeros, padding) && write_bytes(&trailer, sizeof trailer);
}

bool CaptureWriter::write_section(const CaptureSection& s) {
  ByteWriter shb;
  shb.put<uint32_t>(kByteOrderMagic);
  shb.put<uint16_t>(kMajorVersion);
  shb.put<uint16_t>(kMinorVersion);
  shb.put<uint64_t>(~uint64_t{0});  // section length unknown
  if (!write_block(kSectionHeaderBlock, shb.out)) return false;
  if (!write_block(kMachineInfo, encode_machine_info(s.machine))) return false;
  if (!s.interfaces.empty() && !write_block(kIfListV2, encode_if_list_v2(s.interfaces)))
    return false;
  if ((!s.users.empty() || !s.groups.empty()) &&
      !write_block(kUserListV2, encode_user_list_v2(s.users, s.groups)))
    return false;
  if (!s.threads.empty() && !write_block(kProcListV9, encode_proc_list_v9(s.threads)))
    return false;
  // One fd-list block per owning thread, in order of first appearance.
  std::vector<int64_t> order;
  std::map<int64_t, std::vector<FdSnapshot>> by_tid;
  for (const FdSnapshot& fd : s.fds) {
    auto& list = by_tid[fd.tid];
    if (list.empty()) order.push_back(fd.tid);
    list.push_back(fd);
  }
  for (int64_t tid : order)
    if (!write_block(kFdListV2, encode_fd_list_v2(tid, by_tid[tid]))) return false;
  return true;
}

bool CaptureWriter::write_record(std::span<const uint8_t> record, uint16_t cpu,
                                 uint32_t dump_flags) {
  if (record.size() < kEventHeaderSize) {
    error_ = "event record shorter than its header";
    return false;
  }
  uint16_t type = 0;
  std::memcpy(&type, record.data() + 20, 2);
  const EventInfo* info = event_info(type);
  bool large = info && info->has(kEfLargePayload);
  uint32_t block = dump_flags ? (large ? kEventFlagsV2Large : kEventFlagsV2)
                              : (large ? kEventV2Large : kEventV2);
  scratch_.clear();
  scratch_.resize(dump_flags ? 6 : 2);
  std::memcpy(scratch_.data(), &cpu, 2);
  if (dump_flags) std::memcpy(scratch_.data() + 2, &dump_flags, 4);
  scratch_.insert(scratch_.end(), record.begin(), record.end());
  return write_block(block, scratch_);
}

bool CaptureWriter::write_event(const RawEvent& ev, uint32_t dump_flags) {
  std::vector<ParamBytes> params;
  for (uint32_t i = 0; i < ev.nparams; ++i)
    params.emplace_back(ev.record + ev.param_offset[i], ev.param_len[i]);
  std::vector<uint8_t> record;
  if (!encode_event(ev.ts, ev.tid, ev.type, params, record)) {
    error_ = "event does not fit the record format";
    return false;
  }
  return write_record(record, ev.cpu, dump_flags);
}

bool CaptureWriter::close(std::string& error) {
  if (file_) {
    int rc = gzclose(static_cast<gzFile>(file_));
    file_ = nullptr;
    if (rc != Z_OK && error_.empty()) error_ = "closing " + path_ + " failed";
  }
  error = error_;
  return error_.empty();
}

}  // namespace eg
