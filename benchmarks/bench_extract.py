"""Benchmark 2: `scrapy extract` over the fixture corpus (tests/pages) beside htmldate.

Scores our output (detail dates, list items, item dates, pagination) with
crawler.extract.evaluation, and htmldate's find_date on the detail pages (it has no list or
pagination answer). Speed: pages/s of `scrapy extract --jsonl -` over --passes copies of the
corpus in one process (start-up included), and pages/s in-process (CPU time) for both tools on the
detail pages. Each pass appends a distinct comment to every page and empties htmldate's caches,
because htmldate memoises by input.

Needs the bench extra: .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/bench_extract.py [--passes 10]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.commands.extract import decode  # noqa: E402
from crawler.extract import extract_page  # noqa: E402
from crawler.extract.evaluation import score  # noqa: E402

PAGES = ROOT / "tests" / "pages"


def scrapy_extract(jobs: list[dict]) -> tuple[list[dict], float]:
    lines = "".join(json.dumps(j, ensure_ascii=False) + "\n" for j in jobs)
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "scrapy", "extract", "--jsonl", "-"], input=lines, text=True,
                            capture_output=True, cwd=ROOT, check=True)
    elapsed = time.perf_counter() - t0
    return [json.loads(line) for line in result.stdout.splitlines()], elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=10)
    args = ap.parse_args()
    try:
        from htmldate import find_date
        from htmldate.meta import reset_caches
    except ImportError:
        sys.exit("htmldate is missing: .venv/bin/pip install -e '.[bench]'")
    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    details = [p for p in manifest if p["kind"] == "detail"]

    # accuracy: one pass through the real command
    jobs = [{"file": str(PAGES / p["file"]), "url": p["url"], "asof": p["asof"]} for p in manifest]
    out, _ = scrapy_extract(jobs)
    ours = score(manifest, {str(Path(o["file"]).relative_to(PAGES)): o for o in out})

    # speed of the command: --passes copies of every page (distinct bytes), start-up included
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for n in range(args.passes):
            for p in manifest:
                target = Path(tmp) / f"{n}-{p['file'].replace('/', '_')}"
                target.write_bytes((PAGES / p["file"]).read_bytes() + f"<!-- pass {n} -->".encode())
                copies.append({"file": str(target), "url": p["url"], "asof": p["asof"]})
        _, cmd_elapsed = scrapy_extract(copies)
    cmd_rate = len(copies) / cmd_elapsed

    # in-process, detail pages, both tools on the same strings, passes interleaved so that load
    # spikes on the shared machine hit both; CPU time of this process, not wall time
    htmls = [(decode((PAGES / p["file"]).read_bytes()), p) for p in details]
    ours_cpu = theirs_cpu = 0.0
    for n in range(args.passes):
        batch = [(f"{html}<!-- pass {n} -->", p) for html, p in htmls]
        t0 = time.process_time()
        for html, p in batch:
            extract_page(html, p["url"], date.fromisoformat(p["asof"]))
        reset_caches()  # each pass starts cold, like pages never seen before
        t1 = time.process_time()
        for html, p in batch:
            find_date(html, url=p["url"])
        ours_cpu, theirs_cpu = ours_cpu + t1 - t0, theirs_cpu + time.process_time() - t1
    ours_rate, theirs_rate = len(htmls) * args.passes / ours_cpu, len(htmls) * args.passes / theirs_cpu
    right, wrong = 0, []
    for html, p in htmls:
        got = find_date(html, url=p["url"])
        if got == p["date"]:
            right += 1
        else:
            wrong.append(f"{p['file']}: htmldate {got} (expected {p['date']}; {p['trap']})")

    s = ours.summary()
    print(f"corpus: {len(details)} detail pages, {len(manifest) - len(details)} list pages; passes for speed: {args.passes}")
    print(f"{'':34}{'govinspect':>14}{'htmldate':>12}")
    print(f"{'detail pages, exact day':34}{s['detail_exact_day']:>14.1%}{right / len(details):>12.1%}")
    print(f"{'detail pages/s (in-process, CPU)':34}{ours_rate:>14.1f}{theirs_rate:>12.1f}")
    print(f"{'speed-up':34}{ours_rate / theirs_rate:>13.1f}x")
    print(f"{'page kind right':34}{s['kind_right']:>14}{'-':>12}")
    print(f"{'list items precision':34}{s['items_precision']:>14.3f}{'-':>12}")
    print(f"{'list items recall':34}{s['items_recall']:>14.3f}{'-':>12}")
    print(f"{'list item dates right':34}{s['item_dates_right']:>14.1%}{'-':>12}")
    print(f"{'pagination found':34}{s['pagination_found']:>14}{'-':>12}")
    print(f"{'false next page on last pages':34}{s['false_next_pages']:>14}{'-':>12}")
    print(f"{'scrapy extract --jsonl pages/s':34}{cmd_rate:>14.1f}{'-':>12}   ({len(copies)} pages, start-up included)")
    for miss in ours.misses:
        print("OURS MISS", miss)
    for miss in wrong:
        print("HTMLDATE MISS", miss)


if __name__ == "__main__":
    main()
