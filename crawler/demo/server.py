"""A small static news-site server for the demo and the tests (127.0.0.1 only).

A site is a directory of files. ``{{BASE}}`` in text files is replaced by the
site's base URL; paths ending in ``/`` serve ``index.html``. An optional
``_server.json`` declares behaviours: ``redirects``, ``content_types``, ``gzip``
(a path served as the gzip of another file), ``delay`` (seconds), ``status``.
Every response carries an ``ETag`` and ``Last-Modified``; conditional requests get
``304 Not Modified``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".png": "image/png",
    ".json": "application/json",
}
_BOOT = formatdate(time.time() - 86400, usegmt=True)


class SiteServer:
    """Serves one site directory on 127.0.0.1 (an ephemeral port unless given) in a thread."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        self.rules: dict[str, Any] = {}
        rules_file = root / "_server.json"
        if rules_file.exists():
            self.rules = json.loads(rules_file.read_text(encoding="utf-8"))
        self.hits: list[str] = []
        handler = type("Handler", (_Handler,), {"site": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name=f"site-{root.name}", daemon=True)

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def render(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a request path (no query string)."""
        rules = self.rules
        if path in rules.get("delay", {}):
            time.sleep(float(rules["delay"][path]))
        if path in rules.get("redirects", {}):
            return 301, {"Location": self.base + rules["redirects"][path]}, b""
        if path in rules.get("status", {}):
            return (
                int(rules["status"][path]),
                {"Content-Type": "text/html; charset=utf-8"},
                b"<html><body>gone</body></html>",
            )
        source = rules.get("gzip", {}).get(path)
        file = self._file(source or path)
        if file is None:
            return 404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body><h1>404</h1></body></html>"
        body = file.read_bytes()
        if file.suffix in (".html", ".htm", ".xml", ".rss", ".txt") or file.name == "robots.txt":
            body = body.replace(b"{{BASE}}", self.base.encode())
        ctype = rules.get("content_types", {}).get(path) or _TYPES.get(file.suffix, "application/octet-stream")
        if source:
            body, ctype = gzip.compress(body, mtime=0), "application/gzip"
        return 200, {"Content-Type": ctype}, body

    def _file(self, path: str) -> Path | None:
        rel = unquote(path).lstrip("/")
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root.resolve()):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() and target.name != "_server.json" else None


class _Handler(BaseHTTPRequestHandler):
    site: SiteServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path or "/"
        self.site.hits.append(self.path)
        status, headers, body = self.site.render(path)
        if status == 200:
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = _BOOT
            if self.headers.get("If-None-Match") == etag or (
                not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == _BOOT
            ):
                status, body = 304, b""
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
