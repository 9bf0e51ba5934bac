"""The SQLite schema and writer. Every table has a natural key and every write is an upsert."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from pathlib import Path

import sqlite_utils
from itemadapter import ItemAdapter

# table → (primary key, {column: type}); columns beyond these are added as items grow them
SCHEMA: dict[str, tuple[tuple[str, ...], dict[str, type]]] = {
    "runs": (("run_id", "spider"), {
        "run_id": str, "spider": str, "asof": str, "started_at": str, "finished_at": str,
        "registry": str, "sample": str, "seed": str, "shard": str, "settings": str, "drawn": str,
        "stats": str, "plugins": str, "finish_reason": str, "registry_total": int,
    }),
    "sites": (("run_id", "site_id"), {
        "run_id": str, "site_id": str, "name": str, "url": str, "region": str, "kind": str,
        "domains": str, "spider": str, "services": int, "status": str, "reason": str, "final_url": str,
    }),
    "pages": (("run_id", "url"), {
        "run_id": str, "url": str, "site_id": str, "role": str, "status": int, "outcome": str,
        "kind": str, "title": str, "column_url": str, "page_no": int, "item_count": int,
        "placeholder": str, "next_pages": str, "encoding": str, "error": str, "fetched_at": str,
        "date": str, "date_evidence": str, "script_loads": str,
    }),
    "columns": (("run_id", "site_id", "column_url"), {
        "run_id": str, "site_id": str, "column_url": str, "name": str, "category": str,
        "level": int, "parent_url": str, "source": str,
    }),
    "items": (("run_id", "site_id", "column_url", "url"), {
        "run_id": str, "site_id": str, "column_url": str, "url": str, "title": str,
        "date_raw": str, "date": str, "date_form": str, "sticky": int, "page_url": str, "source": str,
    }),
    "findings": (("run_id", "site_id", "rule_id", "subject"), {
        "run_id": str, "site_id": str, "rule_id": str, "subject": str, "severity": str,
        "points": float, "detail": str, "evidence_url": str, "evidence": str, "params": str,
        "target": str,  # "site" or "account": site_id holds the account_id for account findings
    }),
    "account_verdicts": (("run_id", "account_id"), {
        "run_id": str, "account_id": str, "qualified": int, "latest_post": str, "days_since_post": int,
        "bucket": str, "observed_name": str, "name_changed": int, "status": str,
        "platform": str, "name": str, "region": str, "owner": str, "reason": str, "vetoes": str,
    }),
    "verdicts": (("run_id", "site_id"), {
        "run_id": str, "site_id": str, "qualified": int, "score": float, "vetoes": str,
        "status": str, "reason": str, "deducted": float, "bonus": float,
    }),
    # availability history (crawler/spiders/probe.py): not per run, read by site_unreachable
    "probes": (("site_id", "started_at"), {
        "site_id": str, "started_at": str, "time": str, "url": str, "status": str, "elapsed": float,
        "http_code": int, "final_url": str, "redirects": int, "origin": str, "detail": str,
    }),
    "links": (("run_id", "site_id", "url"), {
        "run_id": str, "site_id": str, "url": str, "kind": str, "page_url": str, "on_homepage": int,
        "external": int, "outcome": str, "http_code": int, "method": str, "detail": str, "text": str,
        "checked_at": str,
    }),
    "identity": (("run_id", "site_id", "check_name"), {
        "run_id": str, "site_id": str, "check_name": str, "status": str, "value": str,
        "evidence_url": str, "detail": str, "checked_at": str,
    }),
}

# Judging reads a run's facts a batch of sites at a time (rules/rows.py); a table whose key does not
# start with (run_id, site_id) gets an index that does, or each batch would read the whole run.
INDEXES: dict[str, tuple[str, ...]] = {"pages": ("run_id", "site_id", "url")}


_AS_IS = frozenset({str, int, float, type(None)})


def to_cell(value):
    if type(value) in _AS_IS:  # most cells: checked first, the store writes hundreds of thousands
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    if isinstance(value, bool):
        return int(value)
    return value


def row_of(obj) -> dict:
    """An item's or a dataclass's fields as a row, values as they are. A dataclass's fields are read
    directly: ``dataclasses.asdict`` deep-copies every value (a finding's evidence, a page's lists),
    which ``to_cell`` serialises anyway; it was the largest cost of storing a fact and of judging."""
    names = field_names(obj)
    if names:
        return {name: getattr(obj, name) for name in names}
    return ItemAdapter(obj).asdict()


def field_names(obj) -> tuple[str, ...]:
    """A dataclass's field names (looked up once per class); () for anything else."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj)) if is_dataclass(obj) else ()
    return names


_FIELDS: dict[type, tuple[str, ...]] = {}


def connect(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    path = Path(path)
    if not create and not path.exists():
        raise FileNotFoundError(f"{path}: no such database")
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=30000")
    ensure_schema(db)
    return db


def remove(path: str | Path) -> None:
    """Delete a database file with its WAL and shared-memory files, if they are there."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_schema(db: sqlite_utils.Database, schema=None) -> None:
    for name, (pk, columns) in (schema or SCHEMA).items():
        table = db[name]
        if not table.exists():
            table.create(columns, pk=pk if len(pk) > 1 else pk[0], not_null=set(pk))
        else:
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            if missing:
                for c, t in missing.items():
                    table.add_column(c, t)
        if name in INDEXES:
            table.create_index(INDEXES[name], if_not_exists=True)


def upsert(db: sqlite_utils.Database, table: str, rows: list[dict], key: tuple[str, ...] | None = None) -> None:
    """Insert or update rows on the table's natural key (from SCHEMA, or given by the item).

    Only the columns a row carries are updated. The crawl writes tens of thousands of rows, so rows
    go straight to one ``INSERT … ON CONFLICT DO UPDATE`` per column set; sqlite-utils creates a
    table or adds columns only when the table lacks them.
    """
    if not rows:
        return
    pk = tuple(key or SCHEMA[table][0])
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(tuple(to_cell(v) for v in row.values()))
    known = db.__dict__.setdefault("_govinspect_columns", {})
    for columns, values in groups.items():
        if not set(columns) <= known.get(table, set()):
            known.pop(table, None)
            db[table].upsert_all([dict(zip(columns, v)) for v in values], pk=pk if len(pk) > 1 else pk[0],
                                 alter=True)
            known[table] = set(db[table].columns_dict)
            continue
        names = ", ".join(f"[{c}]" for c in columns)
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in pk)
        db.conn.executemany(
            f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({', '.join(f'[{c}]' for c in pk)}) " + (f"DO UPDATE SET {updates}" if updates else "DO NOTHING"),
            values)


def replace_run_rows(db: sqlite_utils.Database, table: str, run_id: str, rows: list[dict],
                     where: str = "", params: tuple = ()) -> None:
    """Replace a run's rows of a table in one transaction (findings and verdicts after a rescore)."""
    with db.conn:
        db.execute(f"DELETE FROM [{table}] WHERE run_id = ? {where}", (run_id, *params))
        upsert(db, table, rows)
