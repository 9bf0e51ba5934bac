"""Serve demo sites on loopback: one address per site (127.0.0.N), so each is its own host."""

from __future__ import annotations

import csv
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from crawler.demo.render import SiteRenderer
from crawler.demo.world import SITES, Site
from crawler.extract.columns import classifier

FIRST_ADDRESS = 10


class _Handler(BaseHTTPRequestHandler):
    server_version = "DemoGov/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        path, pages = parts.path, self.server.pages
        if parts.query:
            candidates = [f"{path}?{parts.query}"]
        else:
            candidates = [path, path[: -len("index.html")] if path.endswith("/index.html") else path + "index.html"]
        found = next((pages[c] for c in candidates if c in pages), None)
        if not found:
            self.send_error(404)
            return
        body, ctype = found
        respond(self, 200, body, ctype)


class DemoRegion:
    """The demo sites, served while the object is open: ``with DemoRegion() as region: …``."""

    renderer = SiteRenderer

    def __init__(self, sites: list[Site] | None = None, first_address: int = FIRST_ADDRESS):
        self.sites = sites or SITES
        self.first_address = first_address
        self.servers: list[ThreadingHTTPServer] = []
        self.port = None
        self.urls: dict[str, str] = {}

    def address(self, i: int) -> str:
        return f"127.0.0.{self.first_address + i}"

    def __enter__(self):
        self.port = free_port()
        classify = classifier()
        for i, site in enumerate(self.sites):
            host = self.address(i)
            self.urls[site.site_id] = f"http://{host}:{self.port}/"
            if not site.up:
                continue  # nothing listens: connection refused
            server = ThreadingHTTPServer((host, self.port), _Handler)
            server.pages = self.renderer(site, classify).render()
            self.servers.append(serve(server))
        return self

    def __exit__(self, *exc):
        stop(self.servers)

    def write_registry(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(["site_id", "name", "url", "region", "kind", "spider", "services"])
            for site in self.sites:
                w.writerow([site.site_id, site.name, self.urls[site.site_id], site.region, site.kind,
                            site.spider, "" if site.services else "no"])
        return path


def respond(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str, headers=()) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def serve(server: ThreadingHTTPServer) -> ThreadingHTTPServer:
    """Serve in a daemon thread (one more per connection) until ``stop``."""
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(servers) -> None:
    for server in servers:
        server.shutdown()
        server.server_close()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]
