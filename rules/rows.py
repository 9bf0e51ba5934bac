"""Reading a run's rows from the store, in an order that does not depend on how they were written."""

from __future__ import annotations

import sqlite3


def has_table(con: sqlite3.Connection, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


# above this many sites a filter costs more than reading every row (the callers skip other sites' rows)
MAX_FILTERED_SITES = 500


def run_rows(con: sqlite3.Connection, table: str, run_id: str, where: str = "", columns: str = "*", sites=None):
    """The run's rows of ``table`` in key order, so that a shard, a merge and a re-run list the same
    evidence in the same order (write order follows the network's timing). ``sites``: site ids the
    caller wants (rows of other sites may still come when there are many); a read filtered by site
    comes site by site, each site's rows in key order."""
    info = sorted((r for r in con.execute(f"PRAGMA table_info([{table}])") if r[5]), key=lambda r: r[5])
    order = ", ".join(f"[{r[1]}]" for r in info) or "rowid"
    params: tuple = (run_id,)
    if sites is not None and len(sites) <= MAX_FILTERED_SITES:
        params += tuple(sites)
        where += f" AND site_id IN ({','.join('?' * len(sites))})"
        if "site_id" not in (r[1] for r in info):
            # site first, then key: read through the table's (run_id, site_id, …) index (exports.db.INDEXES)
            order = f"[site_id], {order}"
    return con.execute(f"SELECT {columns} FROM [{table}] WHERE run_id = ? {where} ORDER BY {order}", params)
