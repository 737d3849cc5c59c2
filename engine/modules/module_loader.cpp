// Module loading with dlopen (see module_loader.h).
#include "engine/modules/module_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <mutex>

#include "engine/modules/module_entries.h"

namespace eg::modules {
namespace {

std::string executable_directory() {
  std::string path(4096, '\0');
  ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0) return ".";
  path.resize(static_cast<size_t>(n));
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

[[noreturn]] void fail(const std::string& needed_for, const std::string& file, const std::string& why) {
  throw ModuleError(needed_for + " needs the module " + file + ": " + why);
}

void check_version(void* handle, const std::string& file, const std::string& needed_for) {
  auto version = reinterpret_cast<VersionFn>(::dlsym(handle, kVersionSymbol));
  if (version == nullptr) fail(needed_for, file, "it has no " + std::string(kVersionSymbol) + " (not an edera-guard module)");
  if (std::string(version()) != EG_VERSION)
    fail(needed_for, file, "it is of version " + std::string(version()) + ", this edera-guard is " + EG_VERSION);
}

void* open_module(const std::string& file, const std::string& needed_for) {
  static std::mutex mu;
  static std::map<std::string, void*> handles;
  std::lock_guard<std::mutex> lock(mu);
  auto it = handles.find(file);
  if (it != handles.end()) return it->second;
  std::string path = module_directory() + "/" + file;
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    fail(needed_for, file, why != nullptr ? why : "dlopen failed");
  }
  check_version(handle, file, needed_for);
  handles.emplace(file, handle);
  return handle;
}

}  // namespace

std::string module_directory() {
  const char* dir = std::getenv("EDERA_GUARD_MODULE_DIR");
  if (dir != nullptr && *dir != '\0') return dir;
  return executable_directory();
}

void* module_symbol(const std::string& file, const char* symbol, const std::string& needed_for) {
  void* handle = open_module(file, needed_for);
  void* address = ::dlsym(handle, symbol);
  if (address == nullptr) fail(needed_for, file, "it has no " + std::string(symbol));
  return address;
}

}  // namespace eg::modules
