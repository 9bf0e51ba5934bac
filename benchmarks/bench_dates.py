"""Benchmark 1: the date normaliser against dateparser, side by side, on the same strings.

Draws N date strings (default 6,000) from every form of the catalogue in
docs/government-sites.md §9 with a known answer, then times crawler.dates.parse_date and
dateparser.parse(s, languages=['zh']) over all of them (CPU time) and scores both on the exact day.
dateparser gets the same anchor (RELATIVE_BASE = asof, dates from the past), or relative and
year-less forms would be unfair to it.

    .venv/bin/python benchmarks/bench_dates.py [--n 6000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dateparser  # noqa: E402

from crawler.dates import parse_date  # noqa: E402

ASOF = date(2024, 6, 30)
CN = "〇一二三四五六七八九"
WEEK = "一二三四五六日"
LABELS = ["", "", "发布时间：", "发布日期：", "日期：", "时间:", "发布时间 : ", "更新时间："]
FULL = str.maketrans("0123456789-:", "０１２３４５６７８９－：")
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def cn_year(y):
    return "".join(CN[int(c)] for c in str(y))


def cn_small(n):
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def some_day(rng, recent=False):
    span = 360 if recent else 365 * 14
    return ASOF - timedelta(days=rng.randrange(0, span))


def some_time(rng):
    return rng.randrange(0, 24), rng.randrange(0, 60), rng.randrange(0, 60)


def forms(rng):
    """(form name, make) pairs; make() returns (string, expected day)."""
    def iso():
        d = some_day(rng)
        return rng.choice(LABELS) + rng.choice([f"{d:%Y-%m-%d}", f"{d.year}-{d.month}-{d.day}", f"{d:%Y/%m/%d}",
                                                f"{d:%Y.%m.%d}", f"{d:%Y%m%d}"]), d

    def iso_time():
        d = some_day(rng)
        h, m, s = some_time(rng)
        return rng.choice(LABELS) + rng.choice([f"{d:%Y-%m-%d} {h:02d}:{m:02d}", f"{d:%Y-%m-%d} {h:02d}:{m:02d}:{s:02d}",
                                                f"{d:%Y/%m/%d} {h}:{m:02d}"]), d

    def nian():
        d = some_day(rng)
        h, m, _ = some_time(rng)
        tail = rng.choice(["", f" {h:02d}:{m:02d}", f" {h}时{m}分", f" 星期{WEEK[d.weekday()]}",
                           f" 星期{WEEK[d.weekday()]} {h:02d}:{m:02d}", f"（周{WEEK[d.weekday()]}）"])
        body = rng.choice([f"{d.year}年{d.month:02d}月{d.day:02d}日", f"{d.year}年{d.month}月{d.day}日",
                           f"{d.year} 年 {d.month} 月 {d.day} 日"])
        return rng.choice(LABELS) + body + tail, d

    def full_width():
        s, d = rng.choice([iso, nian])()
        return s.translate(FULL), d

    def numerals():
        d = some_day(rng)
        return f"{cn_year(d.year)}年{cn_small(d.month)}月{cn_small(d.day)}日", d

    def bracketed():
        d = some_day(rng)
        left, right = rng.choice(["[]", "【】", "()", "（）"])
        return f"{left}{d:%Y-%m-%d}{right}", d

    def year_less():
        d = some_day(rng, recent=True)
        h, m, _ = some_time(rng)
        s = rng.choice([f"{d:%m-%d}", f"{d.month}月{d.day}日", f"{d:%m}月{d:%d}日 {h:02d}:{m:02d}", f"({d:%m-%d})",
                        f"[{d:%m-%d}]", f"{d:%m/%d}"])
        return rng.choice(["", "", "时间："]) + s, d

    def two_digit():
        d = some_day(rng)
        return rng.choice(["", "发布时间："]) + rng.choice([f"{d:%y-%m-%d}", f"{d:%y/%m/%d}", f"{d:%y}年{d.month}月{d.day}日"]), d

    def relative():
        choice = rng.randrange(9)
        if choice == 0:
            return rng.choice(["刚刚", "剛剛"]), ASOF
        if choice == 1:
            n = rng.randrange(1, 59)
            return rng.choice([f"{n}分钟前", f"{n}分鐘前", f"{n}秒前"]), ASOF
        if choice == 2:
            n = rng.randrange(1, 72)
            return f"{n}小时前", (datetime(ASOF.year, ASOF.month, ASOF.day, 23, 59, 59) - timedelta(hours=n)).date()
        if choice == 3:
            return "半小时前", ASOF
        if choice == 4:
            n = rng.randrange(1, 30)
            return f"{n}天前", ASOF - timedelta(days=n)
        if choice == 5:
            word, back = rng.choice([("今天", 0), ("昨天", 1), ("前天", 2), ("大前天", 3)])
            h, m, _ = some_time(rng)
            return word + rng.choice(["", f" {h:02d}:{m:02d}"]), ASOF - timedelta(days=back)
        if choice == 6:
            n = rng.randrange(1, 10)
            return f"{cn_small(n).replace('二', '两') if n == 2 else cn_small(n)}天前", ASOF - timedelta(days=n)
        if choice == 7:
            w = rng.randrange(7)
            return f"星期{WEEK[w]}", ASOF - timedelta(days=(ASOF.weekday() - w) % 7)
        w = rng.randrange(7)
        return f"周{WEEK[w]}下午{rng.randrange(1, 6)}点", ASOF - timedelta(days=(ASOF.weekday() - w) % 7)

    def epoch():
        d = some_day(rng)
        h, m, s = some_time(rng)
        local = datetime(d.year, d.month, d.day, h, m, s, tzinfo=timezone(timedelta(hours=8)))
        n = int(local.timestamp())
        return rng.choice([str(n), str(n * 1000), f'var ct = "{n}";', f"timeConvert('{n}')"]), d

    def english():
        d = some_day(rng)
        h, m, s = some_time(rng)
        if rng.random() < 0.5:
            return f"{DAY[d.weekday()]} {MON[d.month - 1]} {d:%d} {h:02d}:{m:02d}:{s:02d} +0800 {d.year}", d
        utc = datetime(d.year, d.month, d.day, h, m, s) - timedelta(hours=8)
        return f"{DAY[utc.weekday()]}, {utc:%d} {MON[utc.month - 1]} {utc.year} {utc:%H:%M:%S} GMT", d

    return [("iso", iso), ("iso+time", iso_time), ("年月日", nian), ("full-width", full_width), ("cn-numerals", numerals),
            ("bracketed", bracketed), ("year-less", year_less), ("two-digit-year", two_digit), ("relative", relative),
            ("epoch", epoch), ("ctime/rfc", english)]


def corpus(n, seed):
    rng = random.Random(seed)
    makers = forms(rng)
    return [(name, *make()) for name, make in (makers[i % len(makers)] for i in range(n))]


def day_of(value):
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def run(cases, parse):
    right, by_form = 0, defaultdict(Counter)
    t0 = time.process_time()  # CPU time: the machine is shared, wall time swings with others' load
    results = [parse(s) for _, s, _ in cases]
    elapsed = time.process_time() - t0
    for (form, s, want), got in zip(cases, results):
        ok = day_of(got) == want
        right += ok
        by_form[form]["right" if ok else "wrong"] += 1
    return right / len(cases), len(cases) / elapsed, by_form


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    cases = corpus(args.n, args.seed)
    base = datetime(ASOF.year, ASOF.month, ASOF.day, 23, 59, 59)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}

    def ours(s):
        found = parse_date(s, ASOF)
        return found.value if found else None

    def theirs(s):
        try:
            return dateparser.parse(s, languages=["zh"], settings=settings)
        except Exception:  # count a crash as a miss
            return None

    ours_acc, ours_rate, ours_forms = run(cases, ours)
    dp_acc, dp_rate, dp_forms = run(cases, theirs)
    print(f"{len(cases)} date strings, {len(forms(random.Random(0)))} catalogue forms, asof {ASOF}")
    print(f"{'':22}{'accuracy':>10}{'strings/s':>12}")
    print(f"{'crawler.dates':22}{ours_acc:>10.2%}{ours_rate:>12,.0f}")
    print(f"{'dateparser (zh)':22}{dp_acc:>10.2%}{dp_rate:>12,.0f}")
    print(f"speed-up: {ours_rate / dp_rate:.0f}x")
    print(f"\n{'form':18}{'ours':>8}{'dateparser':>12}")
    for form in ours_forms:
        o, d = ours_forms[form], dp_forms[form]
        print(f"{form:18}{o['right'] / sum(o.values()):>8.1%}{d['right'] / sum(d.values()):>12.1%}")
    misses = [(s, want, ours(s)) for _, s, want in cases if day_of(ours(s)) != want]
    for s, want, got in misses[:20]:
        print(f"MISS {s!r}: expected {want}, got {got}")


if __name__ == "__main__":
    main()
