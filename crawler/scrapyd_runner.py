"""A Scrapyd runner that unpacks the deployed egg before running the crawl.

Scrapyd's own runner puts the egg's zip file on sys.path, where code that reads its package data
as files (``open(files("crawler") / "data" / …)``, ``Path(__file__).parent / "data"``) cannot read
it. This runner extracts the egg into a temporary directory, puts that first on sys.path, and runs
``scrapy`` there; the directory is removed when the job ends. Enable it in scrapyd.conf:

    [scrapyd]
    runner = crawler.scrapyd_runner

(govinspect must be importable by Scrapyd's Python for that: install the project on each node,
which the dependencies need anyway; the deployed egg's code then wins over the installed one.)
"""

from __future__ import annotations

import configparser
import os
import shutil
import sys
import tempfile
import zipfile

from scrapyd import Config
from scrapyd.utils import initialize_component


def unpack_egg(project: str, version: str | None, into: str) -> bool:
    """Extract the project's egg (the given version, or the latest) into ``into``; False if none is deployed."""
    storage = initialize_component(Config(), "eggstorage", "scrapyd.eggstorage.FilesystemEggStorage")
    _, egg = storage.get(project, version)
    if egg is None:
        return False
    with egg, zipfile.ZipFile(egg) as archive:
        archive.extractall(into)
    entry_points = configparser.ConfigParser()
    entry_points.read(os.path.join(into, "EGG-INFO", "entry_points.txt"))
    if entry_points.has_option("scrapy", "settings"):
        os.environ.setdefault("SCRAPY_SETTINGS_MODULE", entry_points.get("scrapy", "settings"))
    sys.path.insert(0, into)
    # this module's own package came from the installed copy: forget it, so the egg's is imported
    for name in [m for m in sys.modules if m.split(".")[0] in _top_level(into)]:
        del sys.modules[name]
    return True


def _top_level(into: str) -> set[str]:
    with open(os.path.join(into, "EGG-INFO", "top_level.txt"), encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip()}


def main():
    workdir = tempfile.mkdtemp(prefix=f"{os.environ['SCRAPY_PROJECT']}-egg-")
    try:
        unpack_egg(os.environ["SCRAPY_PROJECT"], os.environ.get("SCRAPYD_EGG_VERSION"), workdir)
        from scrapy.cmdline import execute

        execute()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
