"""Loopback HTTP servers with the pathologies real government sites show: hangs, resets, 5xx,
redirect loops, empty bodies, soft 404s. Used by the probe, link and identity tests and by
benchmarks/bench_probe.py.

A server is built from routes ``{path: behaviour}``; a behaviour is a ``Reply`` or one of the
named faults below. Unknown paths answer 404, or 200 with a page when ``soft_404`` is set.
"""

from __future__ import annotations

import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before anything is sent (a hanging site)
    content_type: str = "text/html; charset=utf-8"

    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


def html_page(title: str, body: str = "", footer: str = "", head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body><div class='main'><h1>{title}</h1>{body}</div><div class='footer'>{footer}</div></body></html>")


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, b"", {"Location": location})


RESET = "reset"  # accept, read the request, then close with a TCP RST
CLOSE = "close"  # accept, read the request, then close without answering


class _Handler(BaseHTTPRequestHandler):
    server_version = "FixtureGov/1.0"
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def _reply(self, head_only: bool):
        server = self.server
        path = urlsplit(self.path).path
        server.hits.append((self.command, self.path))
        behaviour = server.routes.get(self.path, server.routes.get(path))
        if behaviour is None:
            behaviour = Reply(200, html_page("页面", "内容")) if server.soft_404 else Reply(404, html_page("404", "页面不存在"))
        if callable(behaviour) and not isinstance(behaviour, Reply):
            behaviour = behaviour(self)
        if behaviour in (RESET, CLOSE):
            if behaviour == RESET:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if self.command == "HEAD" and self.path in server.no_head:
            behaviour = Reply(405, b"")
        if behaviour.delay:
            time.sleep(behaviour.delay)
        data = behaviour.data()
        try:
            self.send_response(behaviour.status)
            self.send_header("Content-Type", behaviour.content_type)
            self.send_header("Content-Length", str(len(data)))
            for k, v in behaviour.headers.items():
                self.send_header(k, v)
            self.end_headers()
            if not head_only:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a probe's timeout)

    def do_GET(self):
        self._reply(False)

    def do_HEAD(self):
        self._reply(True)


class Served:
    """One loopback host serving ``routes`` while open: ``with Served("127.0.0.60", routes) as s: s.url``."""

    def __init__(self, host: str, routes: dict, port: int = 0, soft_404: bool = False, no_head: set = (),
                 tls: tuple[str, str] | None = None):
        self.host, self.routes, self.port, self.tls = host, routes, port, tls
        self.soft_404, self.no_head = soft_404, set(no_head)
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}/"

    @property
    def hits(self) -> list:
        return self.server.hits

    def __enter__(self):
        self.server = ThreadingHTTPServer((self.host, self.port), _Handler)
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.server.daemon_threads = True
        self.server.request_queue_size = 1024
        self.server.routes, self.server.soft_404, self.server.no_head = self.routes, self.soft_404, self.no_head
        self.server.hits = []
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def self_signed(directory, host: str, days: int) -> tuple[str, str]:
    """A certificate for ``host`` that expires ``days`` days from now: (cert file, key file)."""
    from datetime import datetime, timedelta, timezone
    from ipaddress import ip_address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ip_address(host))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = f"{directory}/{host}.crt", f"{directory}/{host}.key"
    with open(cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                  serialization.NoEncryption()))
    return cert_file, key_file


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def write_sites(path, rows) -> str:
    """A site registry CSV from (site_id, url[, kind[, domains[, services]]]) tuples."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["site_id", "name", "url", "region", "kind", "domains", "services"])
        for row in rows:
            sid, url, kind, domains, services = (*row, *("portal", "", "")[len(row) - 2:])
            w.writerow([sid, f"{sid}站", url, "测试区", kind, domains, services])
    return str(path)
