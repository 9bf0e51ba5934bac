"""A larger inspect DB from a smaller one, for timing `scrapy rescore` at a country's size without
crawling it: every table's rows that belong to a site are copied k-1 times under new site ids
(``site-2``…) and new hosts (``http://x2.…``), so that each copy is judged as a site of its own.

    .venv/bin/python -m benchmarks.grow_db inspect-1000.db inspect-10000.db 10
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3

URL_COLUMNS = {"url", "column_url", "page_url", "evidence_url", "channel_url", "parent_url"}


def grow(src: str, dst: str, k: int) -> dict[str, int]:
    shutil.copy(src, dst)
    con = sqlite3.connect(dst)
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            columns = [r[1] for r in con.execute(f"PRAGMA table_info([{table}])")]
            if "site_id" not in columns or "run_id" not in columns:
                continue
            rows = con.execute(f"SELECT * FROM [{table}]").fetchall()
            for i in range(2, k + 1):
                con.executemany(f"INSERT INTO [{table}] VALUES ({','.join('?' * len(columns))})",
                                ([copied(name, value, i) for name, value in zip(columns, row)] for row in rows))
        con.commit()
        return {t: con.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in ("sites", "pages", "items")}
    finally:
        con.close()


def copied(column: str, value, i: int):
    if value and column == "site_id":
        return f"{value}-{i}"
    if value and column in URL_COLUMNS:
        return value.replace("://", f"://x{i}.", 1)
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src")
    parser.add_argument("dst")
    parser.add_argument("k", type=int, help="the sites of src this many times over")
    opts = parser.parse_args(argv)
    print(grow(opts.src, opts.dst, opts.k))


if __name__ == "__main__":
    main()
