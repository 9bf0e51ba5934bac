"""Browsing a database with Datasette: canned queries and a trigram full-text index on item titles.

Datasette finds canned queries under the database's name in its metadata, so the metadata is
written per database (``FILE.datasette.json`` beside ``FILE.db``) from the templates in
exports/datasette/queries.json; a query whose tables the database lacks (e.g. ``messages`` before
the interaction check has run) is left out. SQLite's trigram tokenizer (3.34+) matches any run of
three or more characters, so 春耕备耕 finds "关于做好2023年春耕备耕工作的通知" without a Chinese
word segmenter.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

QUERIES = Path(__file__).resolve().parent.parent / "datasette" / "queries.json"


def index_titles(db: sqlite_utils.Database) -> bool:
    """Build (or rebuild) the trigram FTS index of items.title; False when there is no items table."""
    if not db["items"].exists():
        return False
    db["items"].enable_fts(["title"], tokenize="trigram", create_triggers=True, replace=True)
    return True


def write_metadata(db: sqlite_utils.Database, db_path: Path) -> Path:
    """The Datasette metadata for this database (Datasette finds items_fts by itself)."""
    spec = json.loads(QUERIES.read_text(encoding="utf-8"))
    tables = set(db.table_names())
    queries = {name: {k: v for k, v in q.items() if k != "needs"}
               for name, q in spec["queries"].items() if set(q["needs"]) <= tables}
    meta = {"title": spec["title"], "description": spec["description"],
            "databases": {db_path.stem: {"queries": queries}}}
    path = db_path.with_name(f"{db_path.stem}.datasette.json")
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def prepare(db_path: str | Path) -> Path:
    """Index the titles and write the metadata; returns the metadata file."""
    db_path = Path(db_path)
    db = sqlite_utils.Database(db_path)
    try:
        index_titles(db)
        return write_metadata(db, db_path)
    finally:
        db.conn.close()
