// zone_stream_h2_sender: a sender that can outrun any gRPC reader, for the
// stream ceiling benchmark (zone_stream_ceiling, scripts/bench-zone.sh).
//
//   zone_stream_h2_sender --socket PATH --zone ID=CAPTURE.scap
//
// fake_edera_daemon sends through gRPC's server, which costs about as much
// per message as the reader it feeds: paired with it, a reader that does
// nothing spends part of its time waiting, and its CPU per message includes
// the wake-ups of small bursts. This tool encodes the capture's replies once
// (the same messages fake_edera_daemon --preload sends: snapshot, then one
// ZoneKernelSyscallEvent per event), lays them out as one gRPC message stream
// (5-byte prefix + message each) and answers every MonitorZoneKernelEvents
// call on its Unix socket by writing that stream as HTTP/2 DATA frames
// straight from memory, as large as the reader's window and frame size allow.
// Only what one call needs is spoken: the connection preface, SETTINGS (and
// their acks), PING acks, WINDOW_UPDATE accounting, one response HEADERS;
// the request itself is not looked at. One connection at a time; after the
// stream it waits for the reader to reset or close. Prints one line per
// connection. Test tool only: not a daemon, not a general HTTP/2 server.
#include <arpa/inet.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#include "engine/sources/edera/zone_snapshot.h"
#include "tests/support/fake_daemon/capture_zone_replay.h"

namespace {

using Clock = std::chrono::steady_clock;

// HTTP/2 (RFC 9113) frame types and flags used here.
enum : uint8_t { kData = 0, kHeaders = 1, kRstStream = 3, kSettings = 4, kPing = 6, kGoaway = 7, kWindowUpdate = 8 };
enum : uint8_t { kAck = 1, kEndHeaders = 4 };
enum : uint16_t { kSettingInitialWindow = 4, kSettingMaxFrame = 5 };
constexpr char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
constexpr size_t kPrefaceLen = sizeof(kPreface) - 1;

// Every reply as a gRPC length-prefixed message, back to back.
bool encode_stream(const std::string& capture, const std::string& zone, std::string& out, size_t& messages) {
  std::string err;
  auto replay = eg::fake::CaptureZoneReplay::open(capture, zone, err);
  if (!replay) {
    std::fprintf(stderr, "zone_stream_h2_sender: %s: %s\n", capture.c_str(), err.c_str());
    return false;
  }
  protect::control::v1::MonitorZoneKernelEventReply r;
  std::string msg;
  while (replay->next(r)) {
    msg.clear();
    r.AppendToString(&msg);
    uint32_t len = htonl(static_cast<uint32_t>(msg.size()));
    out.push_back('\0');  // not compressed
    out.append(reinterpret_cast<const char*>(&len), 4);
    out += msg;
    ++messages;
  }
  if (!replay->error().empty()) {
    std::fprintf(stderr, "zone_stream_h2_sender: %s: %s\n", capture.c_str(), replay->error().c_str());
    return false;
  }
  return true;
}

std::string frame_header(size_t len, uint8_t type, uint8_t flags, uint32_t stream) {
  char h[9] = {static_cast<char>(len >> 16), static_cast<char>(len >> 8), static_cast<char>(len),
               static_cast<char>(type), static_cast<char>(flags), static_cast<char>(stream >> 24),
               static_cast<char>(stream >> 16), static_cast<char>(stream >> 8), static_cast<char>(stream)};
  return std::string(h, 9);
}

uint32_t be32(const unsigned char* p) { return (uint32_t{p[0]} << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }

// One connection: a reader thread parses the client's frames (windows,
// settings, end of the call), the calling thread writes.
class Connection {
 public:
  Connection(int fd, const std::string& stream) : fd_(fd), stream_(stream) {}

  void serve() {
    bool ok = write_all(frame_header(0, kSettings, 0, 0));  // the server's first frame
    std::thread reader([this] { read_frames(); });
    uint32_t call = 0;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return call_stream_ != 0 || closed_; });
      call = call_stream_;
    }
    size_t sent = 0;
    auto start = Clock::now();
    if (ok && call) {
      // :status 200 (static index 8), content-type (static name 31) literal.
      std::string block = "\x88\x0f\x10\x10" "application/grpc";
      ok = write_all(frame_header(block.size(), kHeaders, kEndHeaders, call) + block);
    }
    while (ok && call && sent < stream_.size()) {
      size_t n = 0;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return closed_ || (conn_window_ > 0 && stream_window_ > 0); });
        if (closed_) break;
        n = std::min<size_t>({static_cast<size_t>(conn_window_), static_cast<size_t>(stream_window_), max_frame_,
                              stream_.size() - sent});
        conn_window_ -= static_cast<int64_t>(n);
        stream_window_ -= static_cast<int64_t>(n);
      }
      std::string h = frame_header(n, kData, 0, call);
      iovec iov[2] = {{h.data(), h.size()}, {const_cast<char*>(stream_.data() + sent), n}};
      ok = writev_all(iov, 2);
      sent += n;
    }
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::fprintf(stderr, "zone_stream_h2_sender: call on stream %u: %zu of %zu bytes sent in %.3f s\n", call, sent,
                 stream_.size(), secs);
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return closed_; });  // the reader cancels or hangs up
    }
    ::shutdown(fd_, SHUT_RDWR);
    reader.join();
  }

 private:
  bool write_all(const std::string& s) {
    iovec iov{const_cast<char*>(s.data()), s.size()};
    return writev_all(&iov, 1);
  }

  bool writev_all(iovec* iov, int n) {
    std::lock_guard<std::mutex> lock(write_mu_);
    while (n > 0) {
      ssize_t w = ::writev(fd_, iov, n);
      if (w < 0) return false;
      size_t left = static_cast<size_t>(w);
      while (n > 0 && left >= iov->iov_len) {
        left -= iov->iov_len;
        ++iov;
        --n;
      }
      if (n > 0) {
        iov->iov_base = static_cast<char*>(iov->iov_base) + left;
        iov->iov_len -= left;
      }
    }
    return true;
  }

  bool read_exact(void* p, size_t n) {
    auto* c = static_cast<char*>(p);
    while (n > 0) {
      ssize_t r = ::read(fd_, c, n);
      if (r <= 0) return false;
      c += r;
      n -= static_cast<size_t>(r);
    }
    return true;
  }

  void read_frames() {
    char preface[kPrefaceLen];
    bool ok = read_exact(preface, kPrefaceLen) && std::memcmp(preface, kPreface, kPrefaceLen) == 0;
    std::string payload;
    while (ok) {
      unsigned char h[9];
      if (!read_exact(h, 9)) break;
      size_t len = (size_t{h[0]} << 16) | (h[1] << 8) | h[2];
      uint8_t type = h[3], flags = h[4];
      uint32_t stream = be32(h + 5) & 0x7fffffffu;
      payload.resize(len);
      if (len && !read_exact(payload.data(), len)) break;
      const auto* p = reinterpret_cast<const unsigned char*>(payload.data());
      if (type == kSettings && !(flags & kAck)) {
        on_settings(p, len);
        ok = write_all(frame_header(0, kSettings, kAck, 0));
      } else if (type == kPing && !(flags & kAck)) {
        ok = write_all(frame_header(len, kPing, kAck, 0) + payload);
      } else if (type == kWindowUpdate && len == 4) {
        std::lock_guard<std::mutex> lock(mu_);
        int64_t inc = be32(p) & 0x7fffffffu;
        (stream == 0 ? conn_window_ : stream_window_) += inc;
        cv_.notify_all();
      } else if (type == kHeaders) {
        std::lock_guard<std::mutex> lock(mu_);
        if (!call_stream_) call_stream_ = stream;
        cv_.notify_all();
      } else if ((type == kRstStream && stream == call_stream_) || type == kGoaway) {
        break;
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }

  void on_settings(const unsigned char* p, size_t len) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i + 6 <= len; i += 6) {
      uint16_t id = static_cast<uint16_t>((p[i] << 8) | p[i + 1]);
      uint32_t v = be32(p + i + 2);
      if (id == kSettingInitialWindow) {
        stream_window_ += static_cast<int64_t>(v) - initial_window_;
        initial_window_ = v;
      } else if (id == kSettingMaxFrame) {
        max_frame_ = v;
      }
    }
    cv_.notify_all();
  }

  int fd_;
  const std::string& stream_;
  std::mutex write_mu_;
  std::mutex mu_;
  std::condition_variable cv_;
  int64_t conn_window_ = 65535, stream_window_ = 65535, initial_window_ = 65535;
  size_t max_frame_ = 16384;
  uint32_t call_stream_ = 0;
  bool closed_ = false;
};

int usage(const char* why) {
  std::fprintf(stderr, "zone_stream_h2_sender: %s\nusage: zone_stream_h2_sender --socket PATH --zone ID=CAPTURE.scap\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string socket_path, zone, capture;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--socket") {
      socket_path = v;
    } else if (a == "--zone" && v.find('=') != std::string::npos) {
      zone = eg::edera::normalise_zone_id(v.substr(0, v.find('=')));
      capture = v.substr(v.find('=') + 1);
    } else {
      return usage(("bad option " + a).c_str());
    }
  }
  if (socket_path.empty() || zone.empty() || capture.empty()) return usage("--socket and --zone ID=CAPTURE are required");
  ::signal(SIGPIPE, SIG_IGN);

  std::string stream;
  size_t messages = 0;
  auto t0 = Clock::now();
  if (!encode_stream(capture, zone, stream, messages)) return 1;
  std::fprintf(stderr, "zone_stream_h2_sender: preloaded %zu messages (%zu MiB) in %.3f s\n", messages,
               stream.size() >> 20, std::chrono::duration<double>(Clock::now() - t0).count());

  int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(addr.sun_path)) return usage("socket path too long");
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  ::unlink(socket_path.c_str());
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(listener, 4) != 0) {
    std::perror("zone_stream_h2_sender: bind/listen");
    return 1;
  }
  std::fprintf(stderr, "zone_stream_h2_sender: serving on %s\n", socket_path.c_str());
  while (true) {  // until killed
    int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    Connection(fd, stream).serve();
    ::close(fd);
  }
}
