"""The fault region: sites that fail the way real government hosts do, served on loopback.

Each fault is a site on its own address (127.0.6.N by default): it times out, resets the
connection, answers 5xx now and then, redirects in a loop, sends 50 MB or a gzip bomb, traps a
crawler in endless pages, lies about its charset, serves binary as text/html, cuts its HTML
short, is only a JavaScript redirect, hides behind a WAF or a "please enable JavaScript" wall,
forbids every robot, shows nothing an extractor can read, or shows a maintenance or "moved"
notice or a web server's default page in the homepage's place. ``FAULTS`` says what each site
does and what the inspection must record; ``python -m crawler.demo.faults`` serves the region and
writes its registry.
"""

from __future__ import annotations

import csv
import gzip
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from crawler.demo.render import SiteRenderer
from crawler.demo.server import free_port, respond, serve, stop
from crawler.demo.world import site as demo_site
from crawler.extract.columns import classifier

HOST_PREFIX = "127.0.6."
MB = 1024 * 1024


@dataclass(frozen=True)
class Fault:
    site_id: str
    behaviour: str
    status: str  # the site status the inspection must store: inspected, not_inspected, blocked
    reason: str = ""  # the typed reason (outcome) it must give; "" for inspected sites
    charset: str = "utf-8"  # the body's real charset (the demo site is rendered in it)
    render: bool = False  # the registry marks it render=yes


FAULTS = [
    Fault("f_timeout", "slow", "not_inspected", "timeout"),
    Fault("f_reset", "reset", "not_inspected", "connection_reset"),
    Fault("f_flaky", "flaky", "inspected"),
    Fault("f_loop", "redirect_loop", "not_inspected", "too_many_redirects"),
    Fault("f_huge", "huge", "not_inspected", "too_large"),
    Fault("f_stream", "huge_stream", "not_inspected", "too_large"),
    Fault("f_bomb", "gzip_bomb", "not_inspected", "too_large"),
    Fault("f_trap", "trap", "inspected"),
    Fault("f_gbk_header", "gbk_header", "inspected"),
    Fault("f_utf8_header", "utf8_header", "inspected", charset="gbk"),
    Fault("f_binary", "binary", "not_inspected", "binary_body"),
    Fault("f_truncated", "truncated", "inspected"),
    Fault("f_cutoff", "cutoff", "not_inspected", "data_loss"),
    Fault("f_jsredirect", "js_redirect", "inspected"),
    Fault("f_robots", "robots", "inspected"),
    Fault("f_waf412", "waf412", "blocked", "waf_challenge"),
    Fault("f_waf403", "waf403", "blocked", "js_wall"),
    Fault("f_jswall", "js_wall", "blocked", "js_wall"),
    # a JavaScript application: blocked unless the registry marks it render=yes (tests/test_render.py)
    Fault("f_jsapp", "js_app", "blocked", "js_wall"),
    Fault("f_empty", "empty", "not_inspected", "empty_response"),
    # a form feed pasted from Word before a comment: lxml keeps it but refuses it when text is
    # assigned back, so the extractor drops control characters before parsing
    Fault("f_ctrl", "control_chars", "inspected"),
    Fault("f_down", "down", "not_inspected", "connection_refused"),
    # a notice or a server's default page where the homepage should be: never judged as the site
    Fault("f_maint", "maintenance", "not_inspected", "maintenance_notice"),
    Fault("f_moved", "moved", "not_inspected", "moved_notice"),
    Fault("f_nginx", "server_default", "not_inspected", "server_default_page"),
]

WAF_412 = (b'<html><head><meta charset="utf-8"></head><body><script>var _0x3a=["\\x63\\x6f\\x6f\\x6b\\x69\\x65"];'
           b'document[_0x3a[0]]="__jsl_clearance=1617000000.123|0|abcdef";location.reload();</script></body></html>')
WALL_403 = ('<html><head><meta charset="utf-8"><title>访问提示</title></head><body>'
            '<noscript>请开启浏览器的JavaScript功能后刷新页面</noscript><script src="/_waf/check.js"></script>'
            '</body></html>').encode()
JS_WALL = (b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>\xe6\x94\xbf\xe5\xba\x9c</title>'
           b'<script src="/static/js/app.8f3a.js"></script></head><body>'
           b"<noscript>We're sorry but this site doesn't work properly without JavaScript enabled. "
           b'Please enable it to continue.</noscript><div id="app"></div></body></html>')
JS_REDIRECT = b'<html><head><script type="text/javascript">window.location.href = "/portal/index.html";</script></head><body></body></html>'
NO_LISTS = ('<html><head><meta charset="utf-8"><title>欢迎访问</title></head><body><div class="intro"><p>'
            + "本县地处高原腹地，平均海拔四千米以上，境内河流纵横，草场广阔，是传统的农牧业县。" * 8
            + "</p></div></body></html>").encode()
MAINTENANCE = ('<html><head><meta charset="utf-8"><title>系统维护</title></head><body><h1>网站系统维护中</h1>'
               '<p>为提供更好的服务，本网站正在进行系统升级维护，预计今日18:00恢复访问，给您带来不便敬请谅解。</p>'
               '</body></html>').encode()
MOVED = ('<html><head><meta charset="utf-8"><title>网站迁移公告</title></head><body><p>根据政府网站集约化建设要求，'
         '本网站已整合迁移至县人民政府门户网站，请访问<a href="http://www.example.gov.cn/">新网址</a>。</p>'
         '</body></html>').encode()
NGINX_DEFAULT = (b'<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1>'
                 b'<p>If you see this page, the nginx web server is successfully installed and working. Further '
                 b'configuration is required.</p><p>For online documentation and support please refer to '
                 b'<a href="http://nginx.org/">nginx.org</a>.<br/>Commercial support is available at '
                 b'<a href="http://nginx.com/">nginx.com</a>.</p><p><em>Thank you for using nginx.</em></p></body></html>')
PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(range(256)) * 8


class _Handler(BaseHTTPRequestHandler):
    server_version = "FaultGov/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        fault: Fault = self.server.fault
        getattr(self, "fault_" + fault.behaviour, self.serve_site)()

    # --- helpers -------------------------------------------------------------------------------

    def send(self, status, body: bytes, ctype="text/html; charset=utf-8", headers=()):
        respond(self, status, body, ctype, headers)

    def page(self, path=None):
        """The demo site's page for this path: (bytes, content type), or None."""
        path = path or urlsplit(self.path).path
        query = urlsplit(self.path).query
        pages = self.server.pages
        candidates = [f"{path}?{query}"] if query else [path, path + "index.html"]
        return next((pages[c] for c in candidates if c in pages), None)

    def serve_site(self, ctype=None):
        found = self.page()
        if found is None:
            self.send(404, b"<html><body><h1>404</h1></body></html>")
            return
        body, own_type = found
        self.send(200, body, ctype or own_type)

    # --- faults --------------------------------------------------------------------------------

    def fault_slow(self):
        time.sleep(self.server.slow_seconds)
        self.serve_site()

    def fault_reset(self):
        # SO_LINGER 0: close() sends RST instead of FIN, before any byte of an answer
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def fault_flaky(self):
        with self.server.lock:
            n = self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        # the first request of each page fails and every later one succeeds, whichever request (a
        # column fetch or a link check) comes first: Scrapy's retry always gets the page
        if n == 1:
            self.send(503 if len(self.path) % 2 else 500, b"<html><body>Service Unavailable</body></html>",
                      headers=[("Retry-After", "0")])
            return
        self.serve_site()

    def fault_redirect_loop(self):
        target = "/b/" if self.path.startswith("/a/") else "/a/"
        self.send(302, b"", headers=[("Location", target)])

    def fault_huge(self):
        size = 50 * MB
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self._stream(size)

    def fault_huge_stream(self):
        # no Content-Length: only the received byte count can stop it
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        self._stream(50 * MB)

    def _stream(self, size):
        chunk = (b"<p>" + "政务公开".encode() * 80 + b"</p>\n") * 64
        sent = 0
        try:
            while sent < size:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the client gave up, as it should

    def fault_gzip_bomb(self):
        self.send(200, self.server.bomb, headers=[("Content-Encoding", "gzip")])

    def fault_trap(self):
        parts = urlsplit(self.path)
        if parts.path.startswith("/rili/"):
            # an endless calendar: every day links the next one and the next month, forever
            n = int(parts.query.rpartition("=")[2] or 1) if parts.query else 1
            body = (f'<html><head><meta charset="utf-8"><title>活动日历</title></head><body>'
                    f'<div class="nav"><a href="/">首页</a></div><div class="cal"><h2>活动日历 第{n}页</h2>'
                    f'<ul class="list"><li>暂无活动</li></ul></div>'
                    f'<div class="page"><a href="/rili/?page={n + 1}">下一页</a> <a href="/rili/?page={n + 2}">{n + 2}</a>'
                    f' <a href="/rili/m{n + 1}/">下个月</a></div></body></html>').encode()
            self.send(200, body)
            return
        found = self.page()
        if parts.path in ("/", "/index.html") and found:
            body, ctype = found
            body = body.replace(b'<div class="nav"><ul>', '<div class="nav"><ul><li><a href="/rili/">活动日历</a></li>'.encode(), 1)
            self.send(200, body, ctype)
            return
        self.serve_site()

    def fault_gbk_header(self):
        self.serve_site("text/html; charset=GBK")

    def fault_utf8_header(self):
        self.serve_site("text/html; charset=utf-8")

    def fault_binary(self):
        self.send(200, PNG, "text/html")

    def fault_truncated(self):
        found = self.page()
        if urlsplit(self.path).path in ("/", "/index.html") and found:
            body, ctype = found
            cut = body.index(b'<div class="main">') + 600  # mid-list: no closing tags at all
            self.send(200, body[:cut], ctype)
            return
        self.serve_site()

    def fault_cutoff(self):
        body, ctype = self.page("/")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 3])
        self.close_connection = True

    def fault_js_redirect(self):
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self.send(200, JS_REDIRECT)
        elif path in ("/portal/", "/portal/index.html"):
            body, ctype = self.page("/")
            self.send(200, body, ctype)
        else:
            self.serve_site()

    def fault_robots(self):
        if self.path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /\n", "text/plain")
            return
        self.serve_site()

    def fault_waf412(self):
        self.send(412, WAF_412)

    def fault_waf403(self):
        self.send(403, WALL_403)

    def fault_js_wall(self):
        self.send(200, JS_WALL)

    def fault_no_lists(self):
        # a real page, but nothing on it an extractor can read as a column or a list
        self.send(200, NO_LISTS)

    def fault_control_chars(self):
        found = self.page()
        if urlsplit(self.path).path in ("/", "/index.html") and found:
            body, ctype = found
            self.send(200, body.replace(b'<div class="main">', b'<div class="main">\x0c<!-- main -->\xe6\xac\xa2\xe8\xbf\x8e', 1), ctype)
            return
        self.serve_site()

    def fault_js_app(self):
        path = urlsplit(self.path).path
        found = self.page()
        if path not in ("/", "/index.html") or not found:
            self.serve_site()
            return
        doc = found[0].decode("utf-8")
        title = doc[doc.index("<title>"):doc.index("</title>") + 8]
        inner = doc[doc.index("<body>") + 6:doc.index("</body>")]
        app = json.dumps(inner, ensure_ascii=False).replace("</", "<\\/")
        body = (f'<!DOCTYPE html><html><head><meta charset="utf-8">{title}</head><body><div id="app"></div>'
                f'<noscript>请开启JavaScript后访问本站</noscript>'
                f'<script>document.getElementById("app").innerHTML = {app};</script></body></html>')
        self.send(200, body.encode())

    def fault_empty(self):
        self.send(200, b"")

    def fault_maintenance(self):
        self.send(503, MAINTENANCE, headers=[("Retry-After", "3600")])

    def fault_moved(self):
        self.send(200, MOVED)

    def fault_server_default(self):
        self.send(200, NGINX_DEFAULT)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a reset or abandoned connection is the point of this region, not an error


class FaultRegion:
    """Serve FAULTS while open: ``with FaultRegion() as region: region.write_registry(path)``."""

    def __init__(self, faults=None, first_address: int = 1, slow_seconds: float = 3.0):
        self.faults = faults or FAULTS
        self.first_address = first_address
        self.slow_seconds = slow_seconds
        self.servers: list[ThreadingHTTPServer] = []
        self.urls: dict[str, str] = {}
        self.port = None

    def __enter__(self):
        self.port = free_port(f"{HOST_PREFIX}1")
        classify = classifier()
        bomb = gzip.compress(b"\0" * (64 * MB), compresslevel=9)
        for i, fault in enumerate(self.faults):
            host = f"{HOST_PREFIX}{self.first_address + i}"
            self.urls[fault.site_id] = f"http://{host}:{self.port}/"
            if fault.behaviour == "down":
                continue  # nothing listens: connection refused
            server = _Server((host, self.port), _Handler)
            server.fault, server.slow_seconds, server.bomb = fault, self.slow_seconds, bomb
            server.hits, server.lock = {}, threading.Lock()
            server.pages = SiteRenderer(twin(fault), classify).render()
            self.servers.append(serve(server))
        return self

    def __exit__(self, *exc):
        stop(self.servers)

    def write_registry(self, path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["site_id", "name", "url", "region", "kind", "render"])
            for fault in self.faults:
                w.writerow([fault.site_id, twin(fault).name, self.urls[fault.site_id], "故障测试区", "portal",
                            "yes" if fault.render else ""])
        return path


def twin(fault: Fault):
    """The clean demo site behind a fault: 拉萨 (qualified in the demo region), renamed."""
    return replace(demo_site("lasa"), site_id=fault.site_id, name=f"故障{fault.site_id[2:]}县人民政府",
                   charset=fault.charset)


if __name__ == "__main__":
    import sys

    with FaultRegion() as region:
        out = region.write_registry(sys.argv[1] if len(sys.argv) > 1 else "faults.csv")
        print(f"fault region on port {region.port}; registry {out}; Ctrl-C to stop", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
