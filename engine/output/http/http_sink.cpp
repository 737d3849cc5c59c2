// http sink: one POST per alert (Falcosidekick contract, §8.4) over one reused
// libcurl handle (keeps the connection alive between alerts).
//
// Falco only retries timeouts and ignores status codes; edera-guard also checks
// the status (2xx = delivered) and retries connection failures, timeouts, 429
// and 5xx with exponential backoff capped at retry_backoff_max_ms, up to
// max_retries; other 4xx are not retried. Failures are logged and the alert is
// then counted as dropped by the queue; at shutdown retries stop. After
// max_consecutive_timeouts alerts failed in a row the endpoint counts as down
// and alerts get a single attempt until one is delivered again.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include <curl/curl.h>
#include <fmt/format.h>

#include "engine/output/http/http_sink.h"

namespace eg::output {
namespace {

size_t collect_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

class HttpSink : public Sink {
 public:
  HttpSink(HttpSinkConfig c, bool json) : config_(std::move(c)) {
    static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)curl_ready;
    curl_ = curl_easy_init();
    headers_ = curl_slist_append(headers_, json ? "Content-Type: application/json" : "Content-Type: text/plain");
    configure();
  }
  ~HttpSink() override {
    if (curl_) curl_easy_cleanup(curl_);
    curl_slist_free_all(headers_);
  }
  std::string_view name() const override { return "http"; }

  bool deliver(const Alert& a, const std::atomic<bool>& stopping) override {
    if (!curl_) return false;
    // While the endpoint is considered down, each alert gets one attempt, so a
    // dead receiver costs one refused connection per alert, not a retry series.
    uint32_t retries = down_ ? 0 : config_.max_retries;
    uint32_t backoff_ms = 100;
    for (uint32_t attempt = 0;; ++attempt) {
      Outcome o = post(a.line());
      if (o == Outcome::Delivered) {
        if (down_) std::fprintf(stderr, "http output: %s answers again\n", config_.url.c_str());
        down_ = false;
        consecutive_failures_ = 0;
        return true;
      }
      if (o == Outcome::Rejected) return false;
      if (attempt >= retries || stopping.load()) break;
      sleep_unless_stopping(backoff_ms, stopping);
      backoff_ms = std::min(backoff_ms * 2, config_.retry_backoff_max_ms);
    }
    if (++consecutive_failures_ >= std::max<uint32_t>(config_.max_consecutive_timeouts, 1) && !down_) {
      down_ = true;
      std::fprintf(stderr, "http output: %s is unreachable after %u failed alert(s); sending without retries "
                   "until it answers\n", config_.url.c_str(), consecutive_failures_);
    }
    return false;
  }

 private:
  enum class Outcome { Delivered, Retryable, Rejected };

  void configure() {
    if (!curl_) return;
    curl_easy_setopt(curl_, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, config_.user_agent.c_str());
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout_ms));
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<uint32_t>(config_.timeout_ms, 2000)));
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response_);
    if (config_.insecure) {
      curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!config_.ca_cert.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, config_.ca_cert.c_str());
    if (!config_.ca_bundle.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, config_.ca_bundle.c_str());
    if (!config_.ca_path.empty()) curl_easy_setopt(curl_, CURLOPT_CAPATH, config_.ca_path.c_str());
    if (config_.mtls) {
      curl_easy_setopt(curl_, CURLOPT_SSLCERT, config_.client_cert.c_str());
      curl_easy_setopt(curl_, CURLOPT_SSLKEY, config_.client_key.c_str());
    }
    if (config_.compress_uploads) curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");
    if (config_.keep_alive) curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
  }

  Outcome post(const std::string& body) {
    response_.clear();
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    CURLcode rc = curl_easy_perform(curl_);
    if (rc != CURLE_OK) {
      if (!down_) std::fprintf(stderr, "libcurl failed to perform call: %s\n", curl_easy_strerror(rc));
      return Outcome::Retryable;
    }
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    if (config_.echo) std::fprintf(stdout, "%s\n", response_.c_str());
    if (status >= 200 && status < 300) return Outcome::Delivered;
    std::fprintf(stderr, "http output: %s answered HTTP %ld\n", config_.url.c_str(), status);
    return (status == 429 || status >= 500) ? Outcome::Retryable : Outcome::Rejected;
  }

  static void sleep_unless_stopping(uint32_t ms, const std::atomic<bool>& stopping) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stopping.load() && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  HttpSinkConfig config_;
  CURL* curl_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string response_;
  bool down_ = false;
  uint32_t consecutive_failures_ = 0;
};

}  // namespace

std::unique_ptr<Sink> make_curl_http_sink(const HttpSinkConfig& config, bool json_output) {
  return std::make_unique<HttpSink>(config, json_output);
}

}  // namespace eg::output
