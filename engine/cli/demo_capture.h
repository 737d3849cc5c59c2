// The built-in sample capture (`--demo-capture FILE`): a synthetic attack on a
// web server, written with the capture builder so the demo needs no external
// trace: nginx's worker spawns a shell, the shell reads /etc/shadow, drops a
// binary below /usr/bin and connects out to a remote host, next to benign
// activity (the worker serving a page) that must not alert.
#pragma once

#include <string>

namespace eg::cli {

bool write_demo_capture(const std::string& path, std::string& error);

}  // namespace eg::cli
