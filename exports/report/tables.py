"""The 附件 tables as CSV (UTF-8 with BOM, so that Excel opens it): one file per table."""

from __future__ import annotations

import csv
from pathlib import Path

from exports.report.notice import MINOR, PROBLEMS, Link, Notice, plain


def write(notice: Notice, out_path: Path) -> list[Path]:
    """附件1 goes to OUT.csv, 附件2 (accounts) to OUT-accounts.csv; the evidence URLs get their own column."""
    written = []
    for i, table in enumerate(notice.tables):
        path = out_path if i == 0 else out_path.with_name(f"{out_path.stem}-accounts{out_path.suffix}")
        problems = (table.header.index(PROBLEMS), table.header.index(MINOR))
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow([*table.header, "证据链接"])
            for row in table.rows:
                links = dict.fromkeys(x.url for i in problems for x in row[i] if isinstance(x, Link) and x.url)
                w.writerow([*(plain(cell) for cell in row), " ".join(links)])
        written.append(path)
    return written
