"""A local HTTP server's handler for the tests (the `server` fixture in conftest.py): pages, a
feed with an ETag, redirects, a 404, a slow page, an image and a big page."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ETAG = '"valley-v1"'


class Handler(BaseHTTPRequestHandler):
    """Serves the fixtures, redirects, a 404 and a slow page; counts feed downloads."""

    feed_downloads = 0

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/page":
            self._send(200, "text/html; charset=utf-8", (FIXTURES / "news_page.html").read_bytes())
        elif path == "/feed":
            if self.headers.get("If-None-Match") == ETAG:
                self._send(304, "", b"")
                return
            Handler.feed_downloads += 1
            # Served as text/html on purpose: the body, not the header, tells a feed.
            self._send(200, "text/html", (FIXTURES / "valley.rss").read_bytes(), etag=ETAG)
        elif path == "/redirect":
            self._redirect("/page")
        elif path.startswith("/loop"):
            self._redirect(f"/loop{int(path[5:] or 0) + 1}")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, "text/html", b"<html>late</html>")
        elif path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        elif path == "/big":
            self._send(200, "text/html", b"<html>" + b"x" * 5000 + b"</html>")
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, kind: str, body: bytes, etag: str = "") -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout test) is expected, not worth a traceback
