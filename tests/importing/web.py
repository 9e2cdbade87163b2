"""A local web server for the tests of `reader add`: a story, a redirect, a loop, a
picture, pages too large, pages with no text, a slow page and a 404."""

from __future__ import annotations

import contextlib
import http.server
import random
import threading
import time
from collections.abc import Iterator

STORY = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Lighthouse Keepers Return</title>"
    b"</head><body><article><h1>Lighthouse Keepers Return</h1><p>After decades of automation "
    b"the old lighthouses are hiring keepers again, to greet visitors and mind the lamps through "
    b"the winter storms.</p><p>The keepers live in the cottages beside the towers.</p></article>"
    b"</body></html>"
)

ADDED = "inbox/127.0.0.1/lighthouse-keepers-return.html"


NOISE = random.Random(7).randbytes(8192)  # bytes no page is made of


class Handler(http.server.BaseHTTPRequestHandler):
    seen_agents: list[str] = []
    seen_auth: list[str] = []

    def do_GET(self):
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        Handler.seen_auth.append(self.headers.get("Authorization", ""))
        path = self.path.split("?")[0]
        if path in ("/story", "/slow-reading"):
            self._send(200, "text/html; charset=utf-8", STORY)
        elif path == "/slow":  # the story, after a pause
            time.sleep(1.5)
            self._send(200, "text/html; charset=utf-8", STORY)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/noise":
            self._send(200, "text/html", NOISE)
        elif path == "/empty":
            self._send(200, "text/html", b"")
        elif path == "/blank":
            self._send(
                200, "text/html", b"<html><head><title>Blank</title></head><body></body></html>"
            )
        elif path == "/drip":  # a byte every 50 ms, each read quick, the page never done
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(2000):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        elif path == "/picture":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>")
        elif path == "/endless":  # no length given: cut off at the cap as it streams
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(200):
                    self.wfile.write(chunk)
            except OSError:
                pass
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status, kind, body):
        with contextlib.suppress(OSError):  # the client gone (a fetch cancelled)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve() -> Iterator[str]:
    """Serve in a thread; yields the base url (a fixture's body)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
