"""Where an inspect crawl's CPU goes, measured inside the crawl process: the callbacks (by method and
analyzer step), each item pipeline, the work at close, the garbage collector, and the rest (Scrapy,
Twisted, the HTTP client).

    .venv/bin/python -m benchmarks.cpu_split crawl inspect -a sites=… -a asof=… [-s KEY=VALUE …]

Runs ``scrapy`` with those arguments in this process and prints the table when it exits. Each part is
timed with ``time.process_time`` around every step of it (one generator step of a callback, one
``process_item``), so unlike py-spy's samples the figures are not skewed by the profiler; the timers
cost ~1 µs a step. Garbage collections are counted where they happen (inside a callback, mostly) and
also shown on their own. ``benchmarks.scale --overhead --split`` runs the inspect crawls through it.
"""

from __future__ import annotations

import atexit
import functools
import gc
import sys
import time
from collections import Counter

CALLBACKS = ("parse_homepage", "parse_column", "parse_article", "parse_for_analyzer", "on_error")
CLOSING = (("crawler.extensions", "Judge", "spider_closed"), ("crawler.monitors", "RunMonitor", "spider_closed"),
           ("crawler.pipelines", "StorePipeline", "close_spider"))
PIPELINES = (("crawler.pipelines", "ValidatePipeline"), ("crawler.pipelines", "NormalizeDatesPipeline"),
             ("crawler.pipelines", "StorePipeline"))

spent: Counter = Counter()


def _steps(gen, key: str):
    """The generator's items, the CPU of producing each one added to spent[key]."""
    it = iter(gen)
    while True:
        start = time.process_time()
        try:
            out = next(it)
        except StopIteration:
            spent[key] += time.process_time() - start
            return
        spent[key] += time.process_time() - start
        yield out


def _callback(method):
    @functools.wraps(method)
    def timed(self, result):
        meta = getattr(result, "meta", None) or result.request.meta
        step = meta.get("step")
        return _steps(method(self, result), f"callback {method.__name__}" + (f" ({step})" if step else ""))

    return timed


def _call(function, key: str):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - start

    return timed


def _closing(handler, key: str):
    """A spider_closed handler, timed; its own parameters kept, as Scrapy's signals pass only those."""
    @functools.wraps(handler)
    def timed(self, spider, reason):
        start = time.process_time()
        try:
            return handler(self, spider, reason)
        finally:
            spent[key] += time.process_time() - start

    return timed


_collecting = [0.0]


def _gc(phase, info):
    if phase == "start":
        _collecting[0] = time.process_time()
    else:
        spent["garbage collector (inside the parts above)"] += time.process_time() - _collecting[0]


def install() -> None:
    import importlib

    from crawler.spiders.inspect import InspectSpider

    for name in CALLBACKS:
        setattr(InspectSpider, name, _callback(getattr(InspectSpider, name)))
    for module, cls in PIPELINES:
        klass = getattr(importlib.import_module(module), cls)
        klass.process_item = _call(klass.process_item, f"pipeline {cls}")
    for module, cls, method in CLOSING:
        klass = getattr(importlib.import_module(module), cls)
        wrap = _closing if method == "spider_closed" else _call
        setattr(klass, method, wrap(getattr(klass, method), f"closing: {cls}.{method}"))
    gc.callbacks.append(_gc)


def report(out=sys.stderr) -> None:
    total = time.process_time()
    parts = sum(v for k, v in spent.items() if not k.startswith("garbage"))
    rows = sorted(spent.items(), key=lambda kv: -kv[1])
    print("| part of the inspect crawl | CPU s | share |", file=out)
    print("| --- | --- | --- |", file=out)
    for key, seconds in rows:
        print(f"| {key} | {seconds:.3f} | {seconds / total:.0%} |", file=out)
    print(f"| the rest: Scrapy, Twisted, the HTTP client, start-up | {total - parts:.3f} | "
          f"{(total - parts) / total:.0%} |", file=out)
    print(f"| the whole process | {total:.3f} | |", file=out)


def main() -> None:
    from scrapy.cmdline import execute

    install()
    atexit.register(report)
    sys.argv[0] = "scrapy"
    execute()


if __name__ == "__main__":
    main()
