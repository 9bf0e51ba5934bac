"""Merge the shard databases of one run into one database, idempotently.

Every table of a shard is copied, including tables that other components create: rows are
upserted on the table's primary key (a table without one gets only the rows it lacks), so
merging the same shard twice changes nothing. Findings and verdicts are copied as judged: a
site's verdict depends only on its own facts, and one site never spans two shards.

The ``runs`` row is the one fact that each shard holds a part of: every shard's own row is kept
in ``run_shards`` and the run's row is rebuilt from them (sites drawn: the union; counters: the
sum; started: the earliest; finished: the latest).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from exports import db as dbmod

SHARDS_TABLE = "run_shards"
_SHARD_COLUMNS = ("run_id", "spider", "shard", "source", "asof", "drawn", "started_at", "finished_at",
                  "finish_reason", "stats", "row")


class MergeError(ValueError):
    """Shards that cannot be merged; the message names the file."""


def merge(out: str | Path, shards: list[str | Path]) -> dict[str, int]:
    """Merge ``shards`` into ``out`` (created if missing); returns rows copied per table."""
    out = Path(out).resolve()
    paths = [Path(p).resolve() for p in shards]
    for path in paths:
        if path == out:
            raise MergeError(f"{path}: is the output database itself")
        if not path.is_file():
            raise MergeError(f"{path}: no such database")
    db = dbmod.connect(out)
    copied: dict[str, int] = {}
    try:
        con = db.conn
        con.execute(f"CREATE TABLE IF NOT EXISTS [{SHARDS_TABLE}] ("
                    + ", ".join(f"[{c}] TEXT" for c in _SHARD_COLUMNS)
                    + ", PRIMARY KEY (run_id, spider, shard))")
        for path in paths:
            con.execute("ATTACH DATABASE ? AS shard", (str(path),))
            try:
                with con:
                    _check_runs(con, path)
                    for table in _tables(con, "shard"):
                        if table == SHARDS_TABLE:
                            continue
                        copied[table] = copied.get(table, 0) + _copy_table(con, table)
                    _record_shards(con, path)
            finally:
                con.execute("DETACH DATABASE shard")
        with con:
            _rebuild_runs(con)
    finally:
        db.close()
    return copied


def _tables(con, schema: str) -> list[str]:
    rows = con.execute(f"SELECT name, sql FROM {schema}.sqlite_master WHERE type='table' ORDER BY rowid").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    # full-text indexes and their shadow tables are derived data: rebuilt by whoever owns them
    return [name for name, sql in rows if not name.startswith("sqlite_") and name not in virtual
            and not any(name.startswith(v + "_") for v in virtual)]


def _columns(con, schema: str, table: str) -> list[tuple[str, str, int]]:
    """(name, declared type, position in the primary key or 0) of each column."""
    return [(r[1], r[2], r[5]) for r in con.execute(f"PRAGMA {schema}.table_info([{table}])")]


def _copy_table(con, table: str) -> int:
    src = _columns(con, "shard", table)
    if not src:
        return 0
    exists = con.execute("SELECT 1 FROM main.sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
    if not exists:
        (sql,) = con.execute("SELECT sql FROM shard.sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
        con.execute(sql)
        for (index_sql,) in con.execute("SELECT sql FROM shard.sqlite_master WHERE type='index' AND tbl_name=? "
                                        "AND sql IS NOT NULL", (table,)).fetchall():
            con.execute(index_sql)
    have = {name for name, _, _ in _columns(con, "main", table)}
    for name, decl, _ in src:
        if name not in have:
            con.execute(f"ALTER TABLE main.[{table}] ADD COLUMN [{name}] {decl}")
    names = [name for name, _, _ in src]
    cols = ", ".join(f"[{c}]" for c in names)
    pk = [name for name, _, pos in sorted(_columns(con, "main", table), key=lambda c: c[2]) if pos]
    before = con.total_changes
    if pk and set(pk) <= set(names):
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in names if c not in pk)
        action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        # "WHERE true" lets SQLite parse ON CONFLICT after a SELECT
        con.execute(f"INSERT INTO main.[{table}] ({cols}) SELECT {cols} FROM shard.[{table}] WHERE true "
                    f"ON CONFLICT ({', '.join(f'[{c}]' for c in pk)}) {action}")
    else:
        con.execute(f"INSERT INTO main.[{table}] ({cols}) SELECT {cols} FROM shard.[{table}] "
                    f"EXCEPT SELECT {cols} FROM main.[{table}]")
    return con.total_changes - before


def _check_runs(con, path: Path) -> None:
    """A run_id must mean one monitoring date in every shard."""
    if not con.execute("SELECT 1 FROM shard.sqlite_master WHERE type='table' AND name='runs'").fetchone():
        raise MergeError(f"{path}: not an inspection database (no runs table)")
    clash = con.execute("SELECT s.run_id, s.asof, m.asof FROM shard.runs s JOIN main.run_shards m "
                        "ON m.run_id = s.run_id AND m.spider = s.spider WHERE m.asof IS NOT s.asof").fetchone()
    if clash:
        raise MergeError(f"{path}: run {clash[0]} is as of {clash[1]} here but {clash[2]} in shards merged "
                         "before: shards of one run only")


def _record_shards(con, path: Path) -> None:
    shard_cols = {name for name, _, _ in _columns(con, "shard", "runs")}
    select_cols = [c for c in _SHARD_COLUMNS if c not in ("source", "row")]
    values = ", ".join(f"[{c}]" if c in shard_cols else "NULL" for c in select_cols)
    whole = "json_object(" + ", ".join(f"'{c}', [{c}]" for c in sorted(shard_cols)) + ")"
    con.execute(f"INSERT OR REPLACE INTO main.[{SHARDS_TABLE}] ({', '.join(f'[{c}]' for c in select_cols)}, "
                f"[source], [row]) SELECT {values}, ?, {whole} FROM shard.runs", (str(path),))


def _rebuild_runs(con) -> None:
    runs = con.execute(f"SELECT DISTINCT run_id, spider FROM [{SHARDS_TABLE}]").fetchall()
    for run_id, spider in runs:
        parts = con.execute(f"SELECT shard, drawn, started_at, finished_at, finish_reason, stats, row "
                            f"FROM [{SHARDS_TABLE}] WHERE run_id=? AND spider=? ORDER BY shard",
                            (run_id, spider)).fetchall()
        # columns no shard holds a part of (settings, plugins …): the first shard's, whatever the merge order
        first = json.loads(parts[0][6] or "{}")
        have = {name for name, _, _ in _columns(con, "main", "runs")}
        keep = {k: v for k, v in first.items() if k in have and k not in ("run_id", "spider")}
        if keep:
            con.execute(f"UPDATE runs SET {', '.join(f'[{k}] = ?' for k in keep)} WHERE run_id=? AND spider=?",
                        (*keep.values(), run_id, spider))
        drawn: list[str] = []
        counters: dict[str, int | float] = {}
        for _, shard_drawn, _, _, _, stats, _ in parts:
            drawn += [sid for sid in json.loads(shard_drawn or "[]") if sid not in drawn]
            for key, value in json.loads(stats or "{}").items():
                if isinstance(value, (int, float)) and not isinstance(value, bool) and not key.endswith("_time"):
                    counters[key] = counters.get(key, 0) + value
        reasons = {p[4] for p in parts}
        started = [p[2] for p in parts if p[2]]
        finished = [p[3] for p in parts if p[3]]
        con.execute("UPDATE runs SET shard=?, drawn=?, started_at=?, finished_at=?, finish_reason=?, stats=? "
                    "WHERE run_id=? AND spider=?", (
                        "+".join(p[0] or "all" for p in parts),
                        json.dumps(drawn, ensure_ascii=False),
                        min(started) if started else None,
                        max(finished) if len(finished) == len(parts) else None,
                        "finished" if reasons == {"finished"} else ",".join(sorted(r or "unfinished" for r in reasons)),
                        json.dumps({"merged_shards": len(parts), **counters}, sort_keys=True),
                        run_id, spider))


def missing_shards(path: str | Path) -> dict[str, list[str]]:
    """For each run of a merged database: the shards i/N that were not merged (empty when complete)."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(f"SELECT run_id, shard FROM [{SHARDS_TABLE}]").fetchall()
    finally:
        con.close()
    seen: dict[str, set[str]] = {}
    for run_id, shard in rows:
        seen.setdefault(run_id, set()).add(shard or "")
    missing = {}
    for run_id, shards in seen.items():
        totals = {s.split("/")[1] for s in shards if "/" in s}
        want = {f"{i}/{n}" for n in totals for i in range(int(n))}
        missing[run_id] = sorted(want - shards)
    return missing
