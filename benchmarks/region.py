"""A generated region of N sites, rendered to static files and served by nginx on loopback.

Each site is a demo-region site (crawler.demo.world) in one of the CMS families, rendered by
crawler.demo.render.SiteRenderer and written to disk; nginx (Debian's package, its own prefix and
config in a temp dir, no global config touched) serves site i on its own loopback address, so the
server is never what a benchmark measures.

To crawl or profile a region by hand, serve it until interrupted (Ctrl-C) and use the registry it writes:

    .venv/bin/python -m benchmarks.region --sites 250 --workdir /tmp/bench   # writes /tmp/bench/served-250.csv
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from crawler.demo import render, world
from crawler.demo.render import SiteRenderer
from crawler.demo.world import FRESH, LONG_STALE, STALE_NEWS, Column, Site, standard_columns
from crawler.extract.columns import classifier

FAMILIES = ("trs", "hanweb", "table", "plain")
# Benchmark regions live on 127.0.7.1–127.0.10.250: 1,000 addresses.
FIRST_OCTET, LAST_OCTET, PER_OCTET = 7, 10, 250


def address(i: int, first_octet: int = FIRST_OCTET) -> str:
    octet, host = divmod(i, PER_OCTET)
    if first_octet + octet > LAST_OCTET:
        raise ValueError(f"site {i}: beyond 127.0.{LAST_OCTET}.{PER_OCTET}")
    return f"127.0.{first_octet + octet}.{host + 1}"


def generate_sites(n: int) -> list[Site]:
    """n sites with the demo region's variety: fresh, stale and long-stale columns, four CMS families."""
    sites = []
    for i in range(n):
        family = FAMILIES[i % len(FAMILIES)]
        kind = "portal" if i % 3 else "department"
        if i % 10 == 7:  # about one site in ten has stale news columns
            columns = [Column(f"dt{k}", name, list(STALE_NEWS)) for k, name in
                       enumerate(("工作动态", "政务要闻", "部门动态", "乡镇动态", "图片新闻"))]
            columns.append(Column("tzgg", "通知公告", [3, 20, 50]))
        else:
            columns = standard_columns(news_dates=FRESH * 2, notice_dates=[10, 40, 90, 150, 200, 260])
            if i % 10 == 3:
                columns.append(Column("ghjh", "规划计划", list(LONG_STALE)))
        sites.append(Site(f"b{i:04d}", f"基准{i}县人民政府", f"基准市{i % 20}", kind, family, columns,
                          homepage_blocks=(columns[0].slug, columns[-2].slug),
                          charset="gbk" if i % 17 == 5 else "utf-8"))
    return sites


def file_for(path: str) -> str:
    """Where a page's URL path (with its query) lives under the site's root; nginx's try_files agrees."""
    parts = urlsplit(path)
    name = parts.path.lstrip("/")
    if parts.query:
        return f"{name.rstrip('/')}/__q_{parts.query}"
    if not name or name.endswith("/"):
        return f"{name}index.html"
    return name


def write_region(sites: list[Site], root: Path) -> None:
    classify = classifier()
    for i, site in enumerate(sites):
        base = root / address(i)
        for path, (body, _ctype) in SiteRenderer(site, classify).render().items():
            target = base / file_for(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)


def fingerprint(sites: list[Site]) -> str:
    """What a rendered region depends on: its sites and the renderer's code."""
    h = hashlib.sha1(repr(sites).encode())
    for module in (render, world):
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()


NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
worker_rlimit_nofile 16384;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    default_type text/html;
    types {{ text/html html; }}
    keepalive_requests 10000;
    open_file_cache max=8000;  # each entry holds a descriptor: stay well under worker_rlimit_nofile
    server {{
{listens}
        root {docroot}/$server_addr;
        location / {{ try_files $uri/__q_$args $uri $uri/index.html =404; }}
    }}
}}
"""


class NginxRegion:
    """``with NginxRegion(sites, workdir) as region:`` serves the sites until the block ends."""

    def __init__(self, sites: list[Site], workdir: Path, workers: int = 1, first_octet: int = FIRST_OCTET):
        self.sites, self.workdir, self.workers, self.first_octet = sites, Path(workdir), workers, first_octet
        self.port = None
        self.proc = None

    def __enter__(self):
        docroot = self.workdir / "www"
        stamp = docroot / ".region"
        if not stamp.exists() or stamp.read_text() != fingerprint(self.sites):
            # a work dir from an earlier run may hold fewer sites or older pages: render them again
            shutil.rmtree(docroot, ignore_errors=True)
            write_region(self.sites, docroot)
            stamp.write_text(fingerprint(self.sites))
        prefix = self.workdir / "nginx"
        (prefix / "tmp").mkdir(parents=True, exist_ok=True)
        self.port = free_port_on([address(i, self.first_octet) for i in range(len(self.sites))])
        listens = "\n".join(f"        listen {address(i, self.first_octet)}:{self.port};" for i in range(len(self.sites)))
        conf = prefix / "nginx.conf"
        conf.write_text(NGINX_CONF.format(workers=self.workers, prefix=prefix, docroot=docroot, listens=listens))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.proc = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(conf), "-g", "user root;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_listening(address(len(self.sites) - 1, self.first_octet), self.port, self.proc)
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    def url(self, i: int) -> str:
        return f"http://{address(i, self.first_octet)}:{self.port}/"

    def write_registry(self, path: Path, sites: list[Site] | None = None) -> Path:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["site_id", "name", "url", "region", "kind"])
            for i, site in enumerate(sites or self.sites):
                w.writerow([site.site_id, site.name, self.url(i), site.region, site.kind])
        return path


def free_port_on(hosts: list[str]) -> int:
    """A port free on the first and last of the hosts (the benchmark's own addresses)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind((hosts[0], 0))
            port = s.getsockname()[1]
        try:
            with socket.socket() as s:
                s.bind((hosts[-1], port))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port")


def wait_listening(host: str, port: int, proc, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx not listening on {host}:{port}")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve a generated region until interrupted.")
    parser.add_argument("--sites", type=int, default=250, help="how many sites (≤ 1000)")
    parser.add_argument("--workdir", required=True, help="where the pages, nginx's files and the registry go")
    opts = parser.parse_args(argv)
    work = Path(opts.workdir)
    work.mkdir(parents=True, exist_ok=True)
    # a plain kill stops nginx too, as Ctrl-C does
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with NginxRegion(generate_sites(opts.sites), work) as region:
        registry = region.write_registry(work / f"served-{opts.sites}.csv")
        print(f"serving {opts.sites} sites; registry {registry}; Ctrl-C stops", flush=True)
        try:
            while region.proc.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
