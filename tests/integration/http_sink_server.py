#!/usr/bin/env python3
"""A tiny Falcosidekick-like HTTP receiver for the http output integration tests.

Listens on 127.0.0.1 on an ephemeral port (written to --port-file once bound),
accepts POST / and appends one JSON line per request to --out:
{"path": ..., "content_type": ..., "user_agent": ..., "body": ...}.
Like Falcosidekick it answers 400 to an empty body. With --max-requests N it
stops listening after N requests, so the sender sees the server go down.
"""
import argparse
import json
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so the client can reuse its connection

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        server = self.server
        with server.lock:
            if server.max_requests and server.count >= server.max_requests:
                # already "down": drop the connection without an answer
                self.close_connection = True
                return
            server.count += 1
            record = {
                "path": self.path,
                "content_type": self.headers.get("Content-Type", ""),
                "user_agent": self.headers.get("User-Agent", ""),
                "body": body,
            }
            server.out.write(json.dumps(record) + "\n")
            server.out.flush()
            done = server.max_requests and server.count >= server.max_requests
        status = 200 if body else 400
        self.send_response(status)
        self.send_header("Content-Length", "0")
        if done:
            self.send_header("Connection", "close")
        self.end_headers()
        if done:
            self.close_connection = True
            threading.Thread(target=server.shutdown, daemon=True).start()

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--max-requests", type=int, default=0)
    a = p.parse_args()
    server = Server(("127.0.0.1", 0), Receiver)
    server.lock = threading.Lock()
    server.count = 0
    server.max_requests = a.max_requests
    server.out = open(a.out, "w", encoding="utf-8")
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(a.port_file + ".tmp", a.port_file)
    server.serve_forever(poll_interval=0.05)
    server.server_close()
    server.out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
