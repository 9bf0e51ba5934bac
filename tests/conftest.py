"""Shared fixtures: the demo region served on loopback, and running scrapy commands for real."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo.server import DemoRegion
from crawler.demo.world import ASOF
from tests.servers import Served, write_sites

ROOT = Path(__file__).resolve().parent.parent


def scrapy_env(**extra) -> dict:
    env = dict(os.environ)
    env["GOVINSPECT_LOAD_PLUGINS"] = ""  # hermetic: no third-party rule plugins unless a test adds one
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_scrapy(*args, env=None, timeout=300, input=None) -> subprocess.CompletedProcess:
    """Run `scrapy ARGS` from the project root, as staff would."""
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env or scrapy_env(), input=input)


FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]


def crawl_inspect(registry, db, asof=ASOF, *more, env=None) -> subprocess.CompletedProcess:
    return run_scrapy("crawl", "inspect", "-a", f"sites={registry}", "-a", f"asof={asof}",
                      "-s", f"INSPECT_DB={db}", *FAST, *more, env=env)


def crawl_served(directory: Path, sites: dict[str, tuple[str, dict]], asof=ASOF) -> Path:
    """Serve each site (name → (loopback address, routes)), inspect them in one crawl; the DB."""
    servers = {name: Served(address, routes) for name, (address, routes) in sites.items()}
    with contextlib.ExitStack() as stack:
        for server in servers.values():
            stack.enter_context(server)
        registry = write_sites(directory / "sites.csv", [(name, s.url) for name, s in servers.items()])
        db = directory / "region.db"
        result = crawl_inspect(registry, db, asof)
        assert result.returncode == 0, result.stderr[-3000:]
    return db


def one_site(registry: Path, site_id: str, directory: Path) -> Path:
    """The registry narrowed to one of its sites, written in ``directory``."""
    rows = registry.read_text(encoding="utf-8-sig").splitlines()
    path = directory / f"{site_id}.csv"
    path.write_text("\n".join([rows[0], *(r for r in rows[1:] if r.startswith(f"{site_id},"))]) + "\n",
                    encoding="utf-8")
    return path


def crawl_stopped_and_resumed(registry, db, jobdir, pages: int, asof="2023-02-09", after_stop=None) -> None:
    """Inspect the registry with JOBDIR, stopped by Scrapy after ``pages`` responses, then resume it;
    ``after_stop(db)`` looks at what the stopped crawl stored."""
    first = crawl_inspect(registry, db, asof, "-s", f"JOBDIR={jobdir}", "-s", f"CLOSESPIDER_PAGECOUNT={pages}")
    assert "'finish_reason': 'closespider_pagecount'" in first.stderr, first.stderr[-2000:]
    if after_stop is not None:
        after_stop(db)
    second = crawl_inspect(registry, db, asof, "-s", f"JOBDIR={jobdir}")
    assert second.returncode == 0 and "Resuming crawl" in second.stderr, second.stderr[-2000:]


def query(db, sql, *params) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo_region():
    with DemoRegion(first_address=100) as region:
        yield region


@pytest.fixture(scope="session")
def demo_registry(demo_region, tmp_path_factory):
    return demo_region.write_registry(tmp_path_factory.mktemp("demo") / "sites.csv")


@pytest.fixture(scope="session")
def demo_db(demo_registry, tmp_path_factory):
    """One real crawl of the whole demo region, shared by the tests that only read its results."""
    db = tmp_path_factory.mktemp("demo-db") / "demo.db"
    result = crawl_inspect(demo_registry, db)
    assert result.returncode == 0, result.stderr[-3000:]
    return db
