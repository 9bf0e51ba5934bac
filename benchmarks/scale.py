"""Scale benchmarks: regions of N sites served by nginx on loopback, inspected by `scrapy crawl inspect`.

    .venv/bin/python -m benchmarks.scale --sites 250,500,1000 --overhead --shards --rescore

For each region size: wall time, pages/s, the crawl process's CPU seconds (per page) and its peak
RSS. --overhead also fetches the same URLs with a bare Scrapy spider (Scrapy's defaults, the same
concurrency and one slot per site) and reports the inspect pipeline's overhead, the median of
--repeat pairs of runs (--floor adds, to each pair, the bare spider parsing every page once with
lxml: what any reading of the pages costs; --same-scrapy the bare spider with the project's Scrapy
components: what the inspection adds over the same Scrapy; --split times the parts of each inspect
crawl from inside, benchmarks.cpu_split); --shards runs the largest region as 2 shards at once and
merges them; --rescore times `scrapy rescore` on the largest region's DB; --probe times one
`scrapy crawl probe` round with 5% of the sites hanging.
Politeness is off (no delay, no AutoThrottle) so that the figures measure our code; --polite turns
the project's defaults back on (for both spiders), to see what a real run's wall time is bound by.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scrapy.utils.project import get_project_settings

from benchmarks.region import NginxRegion, generate_sites
from exports import db as dbmod

ROOT = Path(__file__).resolve().parent.parent
ASOF = "2023-02-09"
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": "128",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "1", "COOKIES_ENABLED": "False", "TELNETCONSOLE_ENABLED": "False",
        "LOG_LEVEL": "INFO", "PROGRESS_INTERVAL": "30", "CONCURRENT_ITEMS": "1"}
# --polite: the project's politeness defaults (crawler/settings.py), for both spiders
POLITE = {"DOWNLOAD_DELAY": "1", "AUTOTHROTTLE_ENABLED": "True", "AUTOTHROTTLE_START_DELAY": "1",
          "AUTOTHROTTLE_MAX_DELAY": "30", "AUTOTHROTTLE_TARGET_CONCURRENCY": "1.0"}


def measure(cmd: list[str], cwd: Path, log: Path, timeout: float, project: bool = True) -> dict:
    """Run cmd; its wall time, CPU seconds (user+system, and each apart) and peak RSS (MiB), from
    wait4's rusage.

    project=False runs it without the project's settings: get_project_settings() (see recording)
    leaves SCRAPY_SETTINGS_MODULE in this process's environment, and a child would inherit it.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if not project:
        env = {k: v for k, v in env.items() if not k.startswith("SCRAPY_")}
    start = time.monotonic()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"{' '.join(cmd[:4])}… still running after {timeout} s (log: {log})")
            time.sleep(0.05)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}… exited {code} (log: {log})")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "user_s": round(usage.ru_utime, 2), "sys_s": round(usage.ru_stime, 2),
            "peak_rss_mib": round(usage.ru_maxrss / 1024, 1)}


def sets(settings: dict) -> list[str]:
    return [x for k, v in settings.items() for x in ("-s", f"{k}={v}")]


def inspect_cmd(registry: Path, db: Path, extra: dict, *args: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "inspect", "-a", f"sites={registry}", "-a", f"asof={ASOF}",
            *args, *sets({**FAST, "INSPECT_DB": str(db), **extra})]


def recording(path: Path) -> dict:
    """Settings adding benchmarks.record.RequestRecorder to the project's extensions."""
    extensions = {**get_project_settings().getdict("EXTENSIONS"), "benchmarks.record.RequestRecorder": 990}
    return {"EXTENSIONS": json.dumps(extensions), "BENCH_RECORD_REQUESTS": str(path)}


def run_stats(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        return json.loads(con.execute("SELECT stats FROM runs WHERE spider = 'inspect'").fetchone()[0])
    finally:
        con.close()


def responses(db: Path) -> int:
    """Responses the crawl received (link checks included: they are requests but not pages)."""
    return run_stats(db).get("downloader/response_count", 0)


def inspected(result: dict, db: Path) -> dict:
    """An inspect run's figures per page, and the CPU its garbage collections took (in cpu_s)."""
    with_pages(result, responses(db))
    result["gc_cpu_s"] = run_stats(db).get("govinspect/gc/cpu_s", 0)
    return result


def count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def with_pages(result: dict, pages: int) -> dict:
    """Pages here are responses: every page fetched, link checks (HEAD) included."""
    result["pages"] = pages
    result["pages_per_s"] = round(pages / result["wall_s"], 1)
    result["cpu_ms_per_page"] = round(1000 * result["cpu_s"] / pages, 2)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", default="250", help="region sizes, comma-separated (≤ 1000)")
    parser.add_argument("--overhead", action="store_true", help="bare Scrapy spider over the same URLs")
    parser.add_argument("--repeat", type=int, default=3, metavar="K",
                        help="--overhead: K pairs of runs (inspect and the bare spider, by turns first); "
                             "the median counts")
    parser.add_argument("--floor", action="store_true",
                        help="with --overhead: a third spider per pair, the bare one parsing each page once")
    parser.add_argument("--same-scrapy", action="store_true",
                        help="with --overhead: a third spider per pair, the bare one with the project's Scrapy "
                             "components (queue, stats, downloader, garbage collector, middlewares off)")
    parser.add_argument("--profile", action="store_true",
                        help="--overhead: sample both crawls with py-spy and split their CPU by stage")
    parser.add_argument("--split", action="store_true",
                        help="time the inspect crawls' parts from inside (benchmarks.cpu_split): callbacks, "
                             "pipelines, closing, the garbage collector")
    parser.add_argument("--polite", action="store_true",
                        help="the project's politeness defaults (1 s delay, AutoThrottle) instead of none")
    parser.add_argument("--shards", action="store_true", help="2 shards at once vs 1 process, then merge")
    parser.add_argument("--rescore", action="store_true", help="time `scrapy rescore` of the largest DB")
    parser.add_argument("--probe", action="store_true", help="a probe round with 5%% of the sites hanging")
    parser.add_argument("--workdir", help="keep files here (default: a temp dir, removed at the end)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for each measured run")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                        help="extra Scrapy setting for every run (the bare spider ignores the project's own)")
    opts = parser.parse_args(argv)
    sizes = [int(x) for x in opts.sites.split(",")]
    extra = {**(POLITE if opts.polite else {}), **dict(s.split("=", 1) for s in opts.settings)}
    work = Path(opts.workdir or tempfile.mkdtemp(prefix="govinspect-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"load_before": os.getloadavg(), "cpus": os.cpu_count()}
    sites = generate_sites(max(sizes))
    try:
        with NginxRegion(sites, work) as region:
            for n in sizes:
                registry = region.write_registry(work / f"sites-{n}.csv", sites[:n])
                db = work / f"inspect-{n}.db"
                dbmod.remove(db)
                record = recording(work / "requests.txt") if opts.overhead and n == max(sizes) else {}
                r = measure(inspect_cmd(registry, db, {**extra, **record}), ROOT, work / f"inspect-{n}.log",
                            opts.timeout)
                results[f"inspect_{n}"] = inspected(r, db)
                results[f"inspect_{n}"]["pages_stored"] = count(db, "SELECT count(*) FROM pages")
                # every served site is up: a site not inspected means the server, not our code, gave way
                results[f"inspect_{n}"]["sites_not_inspected"] = count(db, "SELECT count(*) FROM sites WHERE status != 'inspected'")
                report(f"inspect {n} sites", results[f"inspect_{n}"])
                if results[f"inspect_{n}"]["sites_not_inspected"]:
                    raise RuntimeError(f"{n} sites: some were not inspected, the figures would not be of a "
                                       f"whole region (log: {work / f'inspect-{n}.log'})")
            n = max(sizes)
            db = work / f"inspect-{n}.db"
            if opts.overhead:
                results["overhead"] = overhead(work, work / f"sites-{n}.csv", extra, opts.repeat, opts.timeout,
                                              opts.profile, opts.floor, opts.split, opts.same_scrapy)
            if opts.shards:
                registry = work / f"sites-{n}.csv"
                start = time.monotonic()
                shard_dbs = [work / f"shard-{i}.db" for i in range(2)]
                for p in shard_dbs:
                    p.unlink(missing_ok=True)
                procs = []
                for i in range(2):
                    log = open(work / f"shard-{i}.log", "w")
                    procs.append(subprocess.Popen(inspect_cmd(registry, shard_dbs[i], extra, "-a", f"shard={i}/2"),
                                                  cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                                  env={**os.environ, "PYTHONPATH": str(ROOT)}))
                usages = [os.wait4(p.pid, 0) for p in procs]
                wall = time.monotonic() - start
                if any(os.waitstatus_to_exitcode(u[1]) for u in usages):
                    raise RuntimeError(f"a shard failed (logs in {work})")
                merged = work / "merged.db"
                merged.unlink(missing_ok=True)
                m = measure([sys.executable, "-m", "scrapy", "merge", str(merged), *map(str, shard_dbs)],
                            ROOT, work / "merge.log", opts.timeout)
                pages = sum(responses(p) for p in shard_dbs)
                results["shards_2"] = with_pages({
                    "wall_s": round(wall, 2), "cpu_s": round(sum(u[2].ru_utime + u[2].ru_stime for u in usages), 2),
                    "peak_rss_mib": round(max(u[2].ru_maxrss for u in usages) / 1024, 1)}, pages)
                results["merge"] = m
                report(f"2 shards of {n} sites at once", results["shards_2"])
                report("merge of the 2 shards", m)
            if opts.rescore:
                r = measure([sys.executable, "-m", "scrapy", "rescore", "-d", str(db)], ROOT, work / "rescore.log",
                            opts.timeout)
                results["rescore"] = r
                report(f"rescore of the {n}-site DB", r)
            if opts.probe:
                results["probe"] = probe_round(work, n, opts.timeout)
                report(f"probe round over {n} sites, 5% hanging", results["probe"])
    finally:
        results["load_after"] = os.getloadavg()
        (work / "results.json").write_text(json.dumps(results, indent=2))
        print(f"load average before {results['load_before']}, after {results['load_after']} "
              f"on {results['cpus']} CPUs; results in {work / 'results.json'}")
        if not opts.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return results


def profiled(cmd: list[str], out: Path) -> list[str]:
    """cmd under py-spy (pip install py-spy): raw samples for benchmarks.profile_split."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    return [spy, "record", "--rate", "200", "--format", "raw", "--output", str(out), "--", *cmd]


def overhead(work: Path, registry: Path, extra: dict, repeat: int, timeout: float, profile: bool = False,
             floor: bool = False, split: bool = False, same_scrapy: bool = False) -> dict:
    """CPU per response of the inspect crawl against a bare Scrapy spider fetching the requests it
    made (recorded in the region run), in `repeat` back-to-back pairs, the bare spider first in every
    other one: the machine's speed drifts by tens of percent between minutes, a pair's two runs see
    nearly the same machine.

    floor: each pair also runs the bare spider parsing every page once (``-a read=1``), what any
    inspection that reads the pages in the crawl process pays at least. same_scrapy: each pair also
    runs the bare spider with the project's choice of Scrapy components. split: each inspect crawl
    runs under benchmarks.cpu_split, whose table of where its CPU went is printed after the pair."""
    urls = work / "requests.txt"
    requests = len(urls.read_text().splitlines())
    bare_dir = work / "bare"
    bare_dir.mkdir(exist_ok=True)
    pairs = []
    for i in range(repeat):
        db = work / f"overhead-{i}.db"
        dbmod.remove(db)
        cmd = inspect_cmd(registry, db, extra)
        if split:
            cmd = [cmd[0], "-m", "benchmarks.cpu_split", *cmd[3:]]
        if profile:
            cmd = profiled(cmd, work / f"profile-inspect-{i}.txt")
        bare_run_cmd = bare_cmd(urls, extra)
        if profile:
            bare_run_cmd = profiled(bare_run_cmd, work / f"profile-bare-{i}.txt")
        runs = {
            "inspect": lambda: inspected(measure(cmd, ROOT, work / f"overhead-inspect-{i}.log", timeout), db),
            "bare": lambda: with_pages(bare_run(bare_run_cmd, bare_dir, work / f"overhead-bare-{i}.log", timeout),
                                       requests),
        }
        # every other pair the bare spider goes first, so that a drift of the machine's speed within a
        # batch favours neither
        order = ("inspect", "bare") if i % 2 == 0 else ("bare", "inspect")
        measured = {name: runs[name]() for name in order}
        full, bare = measured["inspect"], measured["bare"]
        ratio = round(full["cpu_ms_per_page"] / bare["cpu_ms_per_page"] - 1, 3)
        pair = {"inspect": full, "bare": bare, "cpu_per_page": ratio,
                "wall": round(full["wall_s"] / bare["wall_s"] - 1, 3)}
        report(f"pair {i + 1}: inspect", full)
        report(f"pair {i + 1}: bare spider, the {requests} recorded requests", bare)
        if split:
            log = (work / f"overhead-inspect-{i}.log").read_text()
            print(f"pair {i + 1}: where the inspect crawl's CPU went (benchmarks.cpu_split)")
            print("\n".join(line for line in log.splitlines() if line.startswith("|")), flush=True)
        if same_scrapy:
            log = work / f"overhead-same-scrapy-{i}.log"
            pair["same_scrapy"] = with_pages(measure(bare_cmd(urls, {**extra, **project_components()}), bare_dir,
                                                     log, timeout, project=False), requests)
            if "'crawler.stats.DownloadCounts'" not in log.read_text():
                raise RuntimeError(f"the bare spider ran without the project's Scrapy components (log: {log})")
            pair["same_scrapy_cpu_per_page"] = round(
                full["cpu_ms_per_page"] / pair["same_scrapy"]["cpu_ms_per_page"] - 1, 3)
            report(f"pair {i + 1}: bare spider with the project's Scrapy components", pair["same_scrapy"])
            print(f"pair {i + 1}: overhead over the same Scrapy components {pair['same_scrapy_cpu_per_page']:+.0%} "
                  "CPU per response", flush=True)
        if floor:
            pair["reading"] = with_pages(bare_run(bare_cmd(urls, extra, "read=1"), bare_dir,
                                                  work / f"overhead-reading-{i}.log", timeout), requests)
            pair["reading_cpu_per_page"] = round(pair["reading"]["cpu_ms_per_page"] / bare["cpu_ms_per_page"] - 1, 3)
            report(f"pair {i + 1}: bare spider parsing each page once", pair["reading"])
            print(f"pair {i + 1}: parsing each page once costs {pair['reading_cpu_per_page']:+.0%} CPU per response",
                  flush=True)
        pairs.append(pair)
        # the same requests through the same kernel: what the inspection adds is in user time
        pair["added_s"] = {k: round(full[k] - bare[k], 2) for k in ("cpu_s", "user_s", "sys_s")}
        print(f"pair {i + 1}: overhead CPU per response {ratio:+.0%} ({pair['added_s']['cpu_s']:+.1f} CPU s: "
              f"user {pair['added_s']['user_s']:+.1f}, system {pair['added_s']['sys_s']:+.1f})", flush=True)
    median = _median([p["cpu_per_page"] for p in pairs], "overhead of the inspect pipeline, CPU per response")
    # another process on the machine only ever adds CPU time: each spider's fastest run is the one
    # least disturbed (timeit's reasoning), whichever pair it fell in
    best = {name: min(p[name]["cpu_ms_per_page"] for p in pairs) for name in ("inspect", "bare")}
    best_ratio = round(best["inspect"] / best["bare"] - 1, 3)
    print(f"fastest run of each over {len(pairs)} pairs: inspect {best['inspect']} ms per response, bare spider "
          f"{best['bare']} ms: {best_ratio:+.0%}", flush=True)
    result = {"pairs": pairs, "cpu_per_page_median": median, "cpu_per_page_fastest": best_ratio}
    if same_scrapy:
        result["same_scrapy_cpu_per_page_median"] = _median(
            [p["same_scrapy_cpu_per_page"] for p in pairs],
            "overhead over a bare spider with the project's Scrapy components, CPU per response")
    if floor:
        result["reading_cpu_per_page_median"] = _median([p["reading_cpu_per_page"] for p in pairs],
                                                        "parsing each page once, CPU per response")
    if profile:
        from benchmarks.profile_split import main as split
        print("py-spy samples by stage (pair 1; the CPU figures above include py-spy's own):")
        split([str(work / "profile-inspect-0.txt"), str(work / "profile-bare-0.txt")])
    return result


def project_components() -> dict:
    """Settings giving the bare spider the Scrapy components the project swaps or turns off (the
    scheduler's queue, the stats collector, the downloader, the download counts, the garbage
    collector's thresholds, the middlewares set to None), and none of its reading of pages: what the
    inspection adds over the same Scrapy."""
    project = get_project_settings()

    def chosen(setting: str, *kept: str) -> str:
        """The project's entries of ``setting`` set to None, and those named."""
        entries = project.getdict(setting)
        return json.dumps({name: order for name, order in entries.items() if order is None or name in kept})

    return {
        "SCHEDULER_PRIORITY_QUEUE": project["SCHEDULER_PRIORITY_QUEUE"], "STATS_CLASS": project["STATS_CLASS"],
        "DOWNLOADER": project["DOWNLOADER"], "GC_THRESHOLDS": ",".join(map(str, project.getlist("GC_THRESHOLDS"))),
        "EXTENSIONS": chosen("EXTENSIONS", "crawler.extensions.GarbageCollection"),
        "DOWNLOADER_MIDDLEWARES": chosen("DOWNLOADER_MIDDLEWARES", "crawler.stats.DownloadCounts"),
        "SPIDER_MIDDLEWARES": chosen("SPIDER_MIDDLEWARES"),
    }


def bare_cmd(urls: Path, extra: dict, *args: str) -> list[str]:
    return [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "bare_spider.py"),
            "-a", f"urls={urls}", *(x for a in args for x in ("-a", a)), *sets({**FAST, **extra})]


def bare_run(cmd: list[str], cwd: Path, log: Path, timeout: float) -> dict:
    result = measure(cmd, cwd, log, timeout, project=False)
    if "'crawler." in log.read_text():
        raise RuntimeError(f"the bare spider ran with the project's components (log: {log})")
    return result


def _median(ratios: list[float], what: str) -> float:
    median = sorted(ratios)[len(ratios) // 2]
    print(f"{what}: median {median:+.0%} over {len(ratios)} pairs ({', '.join(f'{r:+.0%}' for r in ratios)})",
          flush=True)
    return median


def probe_round(work: Path, n: int, timeout: float) -> dict:
    from benchmarks.hang import HangingRegion

    db = work / "probe.db"
    db.unlink(missing_ok=True)
    with HangingRegion(work, n, hanging_share=0.05) as region:
        registry = region.write_registry(work / "probe-sites.csv")
        cmd = [sys.executable, "-m", "scrapy", "crawl", "probe", "-a", f"sites={registry}",
               *sets({"INSPECT_DB": str(db), "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": "False"})]
        r = measure(cmd, ROOT, work / "probe.log", timeout)
    r["probes"] = count(db, "SELECT count(*) FROM probes")
    r["timeouts"] = count(db, "SELECT count(*) FROM probes WHERE status = 'timeout'")
    return r


def report(what: str, r: dict) -> None:
    fields = ", ".join(f"{k} {v}" for k, v in r.items())
    print(f"{what}: {fields}", flush=True)


if __name__ == "__main__":
    main()
