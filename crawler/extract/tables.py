"""The keyword tables users extend (crawler/data/*.csv and their own files): a class and a text a row."""

from __future__ import annotations

import csv


def read_pairs(path, kind: str, allowed, text: str = "keyword") -> list[tuple[str, str]]:
    """``(kind, text)`` rows of a CSV with columns ``kind`` and ``text``; an unknown kind or an empty
    text is an error naming the file and row."""
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            a, b = (row.get(kind) or "").strip(), (row.get(text) or "").strip()
            if allowed is not None and a not in allowed:
                raise ValueError(f"{path}, row {n}: unknown {kind} {a!r} (one of {', '.join(allowed)})")
            if not b:
                raise ValueError(f"{path}, row {n}: empty {text}")
            rows.append((a, b))
    return rows
