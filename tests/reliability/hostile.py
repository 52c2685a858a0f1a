"""A programmable hostile HTTP site on 127.0.0.1 for the reliability catalogue.

Each test declares exactly what the site serves: pages, redirects (to other hosts or
ports too), robots.txt variants, slow or endless bodies. Every request line is kept in
``hits`` as received (raw path and query), with the ``Host`` header in ``hosts``, so a
test can prove what was *never* asked.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    # called with the server's base URL: for bodies that must name the server's own address
    render: Callable[[str], bytes] | None = None


class HostileSite:
    """One site: ``route()`` what it serves, ``hits`` what it was asked (404 for anything else)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.hosts: list[str] = []
        self.stamps: list[float] = []  # time.monotonic() of each hit
        handler = type("Handler", (_Handler,), {"site": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port: int = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="hostile", daemon=True)

    def __enter__(self) -> HostileSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        render: Callable[[str], bytes] | None = None,
    ) -> None:
        """Serve ``body`` at ``path`` (matched with its query string first, then without).
        ``{BASE}`` in a str body is replaced by the server's base URL."""
        data = body.replace("{BASE}", self.base).encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, status, {"Content-Type": content_type, **(headers or {})}, delay, render)

    def redirect(self, path: str, location: str, status: int = 301) -> None:
        """A redirect; ``{BASE}`` in ``location`` is this server's base URL."""
        self.routes[path] = Route(b"", status, {"Location": location.replace("{BASE}", self.base)})

    def asked(self, path: str) -> bool:
        """Whether ``path`` (without query) was requested at least once."""
        return any(h.split("?", 1)[0] == path for h in self.hits)


class _Handler(BaseHTTPRequestHandler):
    site: HostileSite
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.site.hits.append(self.path)
        self.site.hosts.append(self.headers.get("Host", ""))
        self.site.stamps.append(time.monotonic())
        route = self.site.routes.get(self.path) or self.site.routes.get(self.path.split("?", 1)[0])
        if route is None:
            route = Route(b"<html><body><h1>404</h1></body></html>", 404, {"Content-Type": "text/html"})
        if route.delay:
            time.sleep(route.delay)
        body = route.render(self.site.base) if route.render else route.body
        try:
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass
