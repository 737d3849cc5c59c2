// The executable's modules (engine/modules): the executable starts without
// libcurl and gRPC, a capture run loads no module, and a run that needs a
// module it cannot load stops at start with an error naming the module and
// the reason (the dynamic loader's message, or why the file is refused), and
// exits 1.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "attack_captures.h"
#include "binary_runner.h"

namespace eg::itest {
namespace {
namespace fs = std::filesystem;

const std::string kRules = std::string(EG_SOURCE_DIR) + "/rules/edera_guard_rules.yaml";

RunResult run_with_module_dir(const std::string& module_dir, std::vector<std::string> args) {
  RunRequest req;
  req.args = std::move(args);
  req.env["EDERA_GUARD_MODULE_DIR"] = module_dir;
  return run_binary(req);
}

// A shared object that is not an edera-guard module: the C library this test runs with.
std::string some_shared_object() {
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    size_t at = line.find('/');
    if (at != std::string::npos && line.find("libc.so") != std::string::npos) return line.substr(at);
  }
  return "";
}

TEST(Modules, AreBuiltNextToTheExecutable) {
  fs::path dir = fs::path(EG_BINARY).parent_path();
  EXPECT_TRUE(fs::exists(dir / "edera-guard-http.so"));
  EXPECT_TRUE(fs::exists(dir / "edera-guard-edera.so"));
}

TEST(Modules, TheExecutableStartsWithoutCurlOrGrpc) {
  RunRequest ldd;
  ldd.binary = "/usr/bin/ldd";
  ldd.args = {EG_BINARY};
  RunResult deps = run_binary(ldd);
  if (deps.exit_code != 0) GTEST_SKIP() << "ldd is not usable here: " << deps.err;
  for (const char* lib : {"libcurl", "libgrpc", "libprotobuf", "libxenctrl"})
    EXPECT_EQ(deps.out.find(lib), std::string::npos) << lib << " in\n" << deps.out;
}

TEST(Modules, ACaptureRunNeedsNone) {
  TempDir dir("eg_modules");
  std::string error;
  ASSERT_TRUE(write_attack_capture("all", dir.path() + "/attack.scap", error)) << error;
  RunResult r = run_with_module_dir(dir.path(), {"-r", kRules, "-e", dir.path() + "/attack.scap"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Read sensitive file"), std::string::npos) << r.out;
}

TEST(Modules, HttpOutputWithoutItsModuleStopsWithTheReason) {
  TempDir dir("eg_modules");
  std::string error;
  ASSERT_TRUE(write_attack_capture("all", dir.path() + "/attack.scap", error)) << error;
  RunResult r = run_with_module_dir(dir.path(), {"-r", kRules, "-e", dir.path() + "/attack.scap", "-o",
                                                 "http_output.enabled=true", "-o", "http_output.url=http://127.0.0.1:9/"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("http_output needs the module edera-guard-http.so"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot open shared object file"), std::string::npos) << r.err;
}

TEST(Modules, ZonesWithoutTheirModuleStopWithTheReason) {
  TempDir dir("eg_modules");
  RunResult r = run_with_module_dir(dir.path(), {"-r", kRules, "--edera-socket", dir.path() + "/daemon.sock"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(r.err.find("the Edera zone source needs the module edera-guard-edera.so"), std::string::npos) << r.err;
}

TEST(Modules, AFileThatIsNoModuleIsRefused) {
  std::string other = some_shared_object();
  if (other.empty()) GTEST_SKIP() << "no shared C library found in /proc/self/maps";
  TempDir dir("eg_modules");
  fs::copy_file(other, dir.path() + "/edera-guard-edera.so");
  RunResult r = run_with_module_dir(dir.path(), {"-r", kRules, "--edera-socket", dir.path() + "/daemon.sock"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("edera-guard-edera.so: it has no eg_module_version (not an edera-guard module)"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace eg::itest
