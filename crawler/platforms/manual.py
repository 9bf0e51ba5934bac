"""Hand checks: accounts that staff check themselves, imported from a CSV.

The file (``-a checks=FILE`` or the ACCOUNTS_MANUAL_CHECKS setting) has the columns
``platform,account_id,registered_name,observed_name,latest_post_date,status,checked_by,checked_at``
and optionally ``interaction`` (``ok`` or ``none``: whether the account offers a working
interaction feature), ``evidence_url`` and ``note``. A row supersedes the automatic adapter for
its account: it is what the inspector saw on the platform. Dates are YYYY-MM-DD; an empty
``latest_post_date`` of a found account means it has no post at all.
"""

from __future__ import annotations

from datetime import date

from crawler.platforms import STATUSES, Adapter, Observation, Post
from crawler.registry import RegistryError, read_table

COLUMNS = ("platform", "account_id", "registered_name", "observed_name", "latest_post_date", "status",
           "checked_by", "checked_at")
INTERACTION = {"ok": True, "none": False, "": None}


class ManualAdapter(Adapter):
    name = "manual"

    def __init__(self, settings, asof):
        super().__init__(settings, asof)
        self.path = settings.get("ACCOUNTS_MANUAL_CHECKS") or ""
        self.rows: dict[str, tuple[int, dict]] = {}

    def prepare(self, accounts):
        if not self.path:
            return
        header, rows = read_table(self.path)
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise RegistryError(f"{self.path}, row 1 (header): missing column(s) {', '.join(missing)}; "
                                f"expected {','.join(COLUMNS)}")
        registered = {a.account_id: a for a in accounts}
        for line, row in rows:
            where = f"{self.path}, row {line}"
            aid = row["account_id"]
            if aid in self.rows:
                raise RegistryError(f"{where}: duplicate account_id {aid!r} (first on row {self.rows[aid][0]})")
            account = registered.get(aid)
            if account is None:
                raise RegistryError(f"{where}: account_id {aid!r} is not in the account registry")
            if row["platform"].lower() != account.platform:
                raise RegistryError(f"{where}: platform {row['platform']!r} but the registry says {account.platform!r}")
            if row["status"] not in STATUSES:
                raise RegistryError(f"{where}: status {row['status']!r} (expected one of {', '.join(STATUSES)})")
            if row["status"] == "found" and not row["observed_name"]:
                raise RegistryError(f"{where}: a found account needs its observed_name")
            if not row["checked_by"]:
                raise RegistryError(f"{where}: empty checked_by (who checked the account)")
            checked = self.day(where, "checked_at", row["checked_at"], required=True)
            latest = self.day(where, "latest_post_date", row["latest_post_date"])
            if latest and latest > checked:
                raise RegistryError(f"{where}: latest_post_date {latest} is after checked_at {checked}")
            if row.get("interaction", "").lower() not in INTERACTION:
                raise RegistryError(f"{where}: interaction {row['interaction']!r} (expected ok, none or empty)")
            self.rows[aid] = (line, row)

    @staticmethod
    def day(where, column, value, required=False) -> date | None:
        if not value:
            if required:
                raise RegistryError(f"{where}: empty {column}")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RegistryError(f"{where}: {column} {value!r} is not a date (YYYY-MM-DD)") from None

    def claims(self, account):
        return account.account_id in self.rows

    def check(self, account):
        if account.account_id not in self.rows:
            return f"no row in the hand-check file {self.path or '(none given: -a checks=FILE)'}"
        return None

    def start(self, account):
        line, row = self.rows[account.account_id]
        url = row.get("evidence_url") or f"file:{self.path}#row={line}"
        latest = self.day("", "latest_post_date", row["latest_post_date"])
        posts = [Post(url=url, title="人工核查所见最新一条", date_raw=row["latest_post_date"], date=latest)] if latest else []
        available = INTERACTION[row.get("interaction", "").lower()]
        yield Observation(
            row["status"], url, name=row["observed_name"], posts=posts if row["status"] == "found" else [],
            reason="manual_check", note=row.get("note", ""), checked_by=row["checked_by"], checked_at=row["checked_at"],
            interaction={} if available is None else {"available": available, "evidence": f"人工核查（{row['checked_by']}，{row['checked_at']}）"})


ADAPTER = ManualAdapter
