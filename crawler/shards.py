"""Run an inspection as N shards on Scrapyd: build and deploy the project's egg, schedule, wait, merge.

Scrapyd's own JSON API only (addversion.json, schedule.json, listjobs.json); no extra client.
Each shard writes its own SQLite file (INSPECT_DB); the nodes must see the same registry path
and the shard directory (one machine, or a shared filesystem; see docs/scaling.md).
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import crawler
from exports import db as dbmod

logger = logging.getLogger(__name__)
PROJECT = "govinspect"
PACKAGES = ("crawler", "rules", "exports")


class ScrapydError(RuntimeError):
    """Scrapyd refused a call or a job did not finish; the message says which."""


def build_egg(version: str) -> bytes:
    """The project's code as an egg Scrapyd can activate: packages, package data, the settings entry point."""
    root = Path(crawler.__file__).resolve().parent.parent
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as egg:
        for package in PACKAGES:
            for path in sorted((root / package).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    egg.write(path, path.relative_to(root).as_posix())
        egg.writestr("EGG-INFO/PKG-INFO", f"Metadata-Version: 1.1\nName: {PROJECT}\nVersion: {version}\n")
        egg.writestr("EGG-INFO/entry_points.txt", "[scrapy]\nsettings = crawler.settings\n")
        egg.writestr("EGG-INFO/top_level.txt", "\n".join(PACKAGES) + "\n")
        egg.writestr("EGG-INFO/zip-safe", "")
    return buf.getvalue()


@dataclass
class Scrapyd:
    url: str
    timeout: float = 30

    def call(self, endpoint: str, data: dict | None = None, files: dict | None = None, **query) -> dict:
        url = f"{self.url.rstrip('/')}/{endpoint}" + (f"?{urlencode(query)}" if query else "")
        body, headers = None, {}
        if files:
            body, ctype = _multipart(data or {}, files)
            headers["Content-Type"] = ctype
        elif data is not None:
            body = urlencode(data, doseq=True).encode()
        try:
            with urlopen(Request(url, data=body, headers=headers), timeout=self.timeout) as resp:
                answer = json.loads(resp.read())
        except HTTPError as exc:
            raise ScrapydError(f"{url}: HTTP {exc.code}: {exc.read()[:300]!r}") from None
        except URLError as exc:
            raise ScrapydError(f"{url}: cannot reach Scrapyd: {exc.reason}") from None
        if answer.get("status") != "ok":
            raise ScrapydError(f"{url}: {answer.get('message', answer)}")
        return answer

    def deploy(self, version: str) -> dict:
        return self.call("addversion.json", {"project": PROJECT, "version": version},
                         {"egg": (f"{PROJECT}-{version}.egg", build_egg(version))})

    def schedule(self, spider: str, args: dict[str, str], settings: dict[str, str], jobid: str) -> str:
        data = {"project": PROJECT, "spider": spider, "jobid": jobid, **args,
                "setting": [f"{k}={v}" for k, v in settings.items()]}
        return self.call("schedule.json", data)["jobid"]

    def jobs(self) -> dict:
        return self.call("listjobs.json", project=PROJECT)


@dataclass
class ShardRun:
    """N shards of one inspection, spread round-robin over one or more Scrapyd nodes."""

    nodes: list[Scrapyd]
    shards: int
    args: dict[str, str]
    dbdir: Path
    settings: dict[str, str] = field(default_factory=dict)
    spider: str = "inspect"
    poll: float = 5.0

    def db_path(self, i: int) -> Path:
        return self.dbdir / f"shard-{i}-of-{self.shards}.db"

    def schedule(self) -> dict[str, tuple[Scrapyd, int]]:
        self.dbdir.mkdir(parents=True, exist_ok=True)
        tag = uuid.uuid4().hex[:8]
        jobs = {}
        for i in range(self.shards):
            node = self.nodes[i % len(self.nodes)]
            path = self.db_path(i)
            dbmod.remove(path)  # a shard DB holds one attempt only
            job = node.schedule(self.spider, {**self.args, "shard": f"{i}/{self.shards}"},
                                {**self.settings, "INSPECT_DB": str(path)}, jobid=f"shard-{i}-of-{self.shards}-{tag}")
            logger.info("shard %d/%d scheduled on %s as job %s", i, self.shards, node.url, job)
            jobs[job] = (node, i)
        return jobs

    def wait(self, jobs: dict[str, tuple[Scrapyd, int]], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = set(jobs)
        while pending:
            for node in {id(n): n for n, _ in jobs.values()}.values():
                finished = {j["id"] for j in node.jobs()["finished"]}
                for job in pending & finished:
                    logger.info("shard %d/%d finished (job %s)", jobs[job][1], self.shards, job)
                pending -= finished
            if pending and time.monotonic() > deadline:
                raise ScrapydError(f"shards still running after {timeout:.0f} s: jobs {', '.join(sorted(pending))}")
            if pending:
                time.sleep(self.poll)

    def check(self, i: int) -> None:
        """A shard counts only if its crawl finished and was judged."""
        path = self.db_path(i)
        if not path.exists():
            raise ScrapydError(f"shard {i}/{self.shards}: no database at {path} (see the job's log on Scrapyd)")
        con = sqlite3.connect(path)
        try:
            row = con.execute("SELECT finish_reason FROM runs WHERE shard = ?", (f"{i}/{self.shards}",)).fetchone()
        finally:
            con.close()
        if not row or row[0] != "finished":
            raise ScrapydError(f"shard {i}/{self.shards}: crawl ended with {row[0] if row else 'no run row'!r} "
                               f"in {path}; schedule it again (`-a shard={i}/{self.shards}`) before merging")


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"
