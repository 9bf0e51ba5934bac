"""Reading a run's rows from the store, in an order that does not depend on how they were written."""

from __future__ import annotations

import sqlite3


def has_table(con: sqlite3.Connection, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def run_rows(con: sqlite3.Connection, table: str, run_id: str, where: str = "", columns: str = "*"):
    """The run's rows of ``table`` in key order, so that a shard, a merge and a re-run list the same
    evidence in the same order (write order follows the network's timing)."""
    info = sorted((r for r in con.execute(f"PRAGMA table_info([{table}])") if r[5]), key=lambda r: r[5])
    order = ", ".join(f"[{r[1]}]" for r in info) or "rowid"
    return con.execute(f"SELECT {columns} FROM [{table}] WHERE run_id = ? {where} ORDER BY {order}", (run_id,))
