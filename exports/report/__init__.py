"""The 抽查通报: ``write_report(db, "report.html" | "report.md" | "report.csv", compare=OLD_DB)``.

``data`` reads a run out of the database, ``notice`` words it as the seed notice does, and
``html``, ``markdown`` and ``tables`` (CSV) render it.
"""

from __future__ import annotations

from pathlib import Path

from exports.report import html, markdown, tables
from exports.report.data import ReportError, load
from exports.report.notice import build

FORMATS = (".html", ".htm", ".md", ".csv")


def write_report(db_path, out_path, compare=None, run_id: str | None = None) -> Path:
    """Write the report of ``run_id`` (default the latest run) in the format of ``out_path``'s suffix.

    ``compare``: the database of the earlier inspection, for the 整改复查 section.
    """
    out_path = Path(out_path)
    suffix = out_path.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"{out_path}: unknown report format {suffix or '(none)'}; use .html, .md or .csv")
    insp = load(db_path, run_id)
    old = load(compare) if compare else None
    notice = build(insp, old)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        tables.write(notice, out_path)
    elif suffix == ".md":
        out_path.write_text(markdown.render(notice), encoding="utf-8")
    else:
        out_path.write_text(html.render(notice, insp), encoding="utf-8")
    return out_path


__all__ = ["ReportError", "write_report"]
