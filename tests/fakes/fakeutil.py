"""Shared plumbing for the wire-format fakes: a threaded HTTP server on 127.0.0.1 that reports its port.

Protocol with tests/support/FakeServer: `--port N` (0 = any free port); once listening the fake prints
"PORT <n>" as its only stdout line. Everything else goes to stderr.
"""
import argparse
import http.server
import json
import socketserver
import sys


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class JsonHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep stdout clean; stderr is fine
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def read_json(self):
        body = self.read_body()
        return json.loads(body) if body else None

    def send_raw(self, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        if body or status not in (204, 304):
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status, obj, headers=None):
        self.send_raw(status, json.dumps(obj), "application/json; charset=utf-8", headers)


def parse_args(extra=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    if extra:
        extra(parser)
    return parser.parse_args()


def serve(handler_cls, port):
    server = Server(("127.0.0.1", port), handler_cls)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()
