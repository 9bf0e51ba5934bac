"""Read one inspection (a sites run and, when stored, an accounts run) out of the database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

# The contract's rule ids, as the notice names them.
RULE_NAMES = {
    "security_incident": "安全、泄密事故等严重问题", "site_unreachable": "站点无法访问",
    "homepage_not_updated": "首页不更新", "columns_not_updated": "栏目不更新",
    "interaction_poor": "互动回应差", "service_unusable": "服务不实用",
    "account_not_updated": "内容不更新", "account_interaction_poor": "互动回应差",
    "account_security_incident": "安全、泄密事故等严重问题", "account_name_changed": "名称变动未报备",
    "account_not_found": "搜索不到", "account_unverifiable": "无法核实",
}
PLATFORM_NAMES = {"wechat": "政务微信公众号", "weibo": "政务微博", "douyin": "抖音短视频",
                  "toutiao": "今日头条", "feed": "其他平台"}
# the short form the seed uses inside its lists of names
PLATFORM_SHORT = {"wechat": "微信公众号", "weibo": "新浪微博", "douyin": "抖音", "toutiao": "今日头条",
                  "feed": "其他平台"}
PLATFORM_ORDER = ("wechat", "weibo", "douyin", "toutiao", "feed")


class ReportError(ValueError):
    """A database that holds no report: the message names the file and what is missing."""


@dataclass
class Problem:
    rule_id: str
    severity: str
    detail: str
    evidence_url: str
    subject: str = ""

    @property
    def label(self) -> str:
        return RULE_NAMES.get(self.rule_id, self.rule_id)


@dataclass
class SiteResult:
    site_id: str
    name: str
    url: str
    region: str
    kind: str
    qualified: bool | None  # None: could not be inspected
    score: float | None
    status: str
    reason: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def vetoes(self) -> list[str]:
        return list(dict.fromkeys(p.rule_id for p in self.problems if p.severity == "veto"))

    @property
    def result(self) -> str:
        return "合格" if self.qualified else "不合格" if self.qualified is False else "未能检查"


@dataclass
class AccountResult:
    account_id: str
    platform: str
    name: str
    owner: str
    region: str
    url: str
    qualified: bool | None
    latest_post: str
    days_since_post: int | None
    bucket: str
    observed_name: str
    name_changed: bool
    status: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def result(self) -> str:
        return "合格" if self.qualified else "不合格" if self.qualified is False else "未能核实"


@dataclass
class Inspection:
    db_path: str
    run_id: str
    asof: str
    sites_total: int | None  # None: the run did not store the registry size and its file is gone
    sites: list[SiteResult]
    accounts_run_id: str = ""
    accounts_total: int | None = 0
    accounts: list[AccountResult] = field(default_factory=list)

    @property
    def regions(self) -> list[str]:
        return list(dict.fromkeys(s.region for s in self.sites))


def _has_table(con, name) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def _columns(con, table) -> set[str]:
    return {r[1] for r in con.execute(f"PRAGMA table_info([{table}])")}


def _run(con, spider, run_id=None):
    if not _has_table(con, "runs"):
        return None
    if run_id:
        row = con.execute("SELECT * FROM runs WHERE spider=? AND run_id=?", (spider, run_id)).fetchone()
        if row:
            return dict(row)
    row = con.execute("SELECT * FROM runs WHERE spider=? ORDER BY started_at DESC LIMIT 1", (spider,)).fetchone()
    return dict(row) if row else None


def _registry_total(run: dict, drawn_count: int) -> int | None:
    """How many were online: the size stored with the run, else the registry file's rows, else unknown."""
    if run.get("registry_total"):
        return int(run["registry_total"])
    if not run.get("sample"):
        return drawn_count  # no sampling: every registered one was inspected
    path = Path(run.get("registry") or "")
    if path.is_file():
        from crawler.registry import RegistryError, read_table

        try:
            return len(read_table(path)[1])
        except RegistryError:
            return None
    return None


def _problems(con, run_id, target) -> dict[str, list[Problem]]:
    out: dict[str, list[Problem]] = {}
    if not _has_table(con, "findings"):
        return out
    has_target = "target" in _columns(con, "findings")
    sql = ("SELECT site_id, rule_id, severity, detail, evidence_url, subject FROM findings WHERE run_id=? "
           "AND severity IN ('veto', 'deduct', 'warn')")
    if has_target:
        sql += " AND coalesce(target, 'site') = ?"
    rows = con.execute(sql + " ORDER BY rowid", (run_id, target) if has_target else (run_id,))
    order = {"veto": 0, "deduct": 1, "warn": 2}
    for r in rows:
        out.setdefault(r["site_id"], []).append(
            Problem(r["rule_id"], r["severity"], r["detail"] or "", r["evidence_url"] or "", r["subject"] or ""))
    for problems in out.values():
        problems.sort(key=lambda p: order[p.severity])
    return out


def _account_registry(con, run_id) -> dict[str, dict]:
    """The registered account rows the accounts spider stored (name, owner, platform, region, url)."""
    for table in ("accounts", "account_registry"):
        if _has_table(con, table) and {"account_id", "name"} <= _columns(con, table):
            cols = _columns(con, table)
            where = " WHERE run_id=?" if "run_id" in cols else ""
            rows = con.execute(f"SELECT * FROM [{table}]{where} ORDER BY rowid", (run_id,) if where else ())
            return {r["account_id"]: dict(r) for r in rows}
    return {}


def _accounts(con, run_id) -> list[AccountResult]:
    if not _has_table(con, "account_verdicts"):
        return []
    registered = _account_registry(con, run_id)
    problems = _problems(con, run_id, "account")
    rows = [dict(r) for r in con.execute("SELECT * FROM account_verdicts WHERE run_id=? ORDER BY rowid", (run_id,))]
    rank = {aid: i for i, aid in enumerate(registered)}
    rows.sort(key=lambda r: rank.get(r["account_id"], len(rank)))
    out = []
    for r in rows:
        reg = registered.get(r["account_id"], {})
        qualified = r.get("qualified")
        out.append(AccountResult(
            account_id=r["account_id"], platform=(reg.get("platform") or r.get("platform") or "").lower(),
            name=reg.get("name") or r.get("name") or r["account_id"], owner=reg.get("owner") or r.get("owner") or "",
            region=reg.get("region") or r.get("region") or "", url=reg.get("url") or r.get("url") or "",
            qualified=None if qualified is None else bool(qualified), latest_post=r.get("latest_post") or "",
            days_since_post=r.get("days_since_post"), bucket=r.get("bucket") or "",
            observed_name=r.get("observed_name") or "", name_changed=bool(r.get("name_changed")),
            status=r.get("status") or "", problems=problems.get(r["account_id"], [])))
    return out


def load(db_path: str | Path, run_id: str | None = None) -> Inspection:
    """The inspection of ``run_id`` (default: the latest sites run) and its accounts run."""
    path = Path(db_path)
    if not path.is_file():
        raise ReportError(f"{path}: no such database")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        run = _run(con, "inspect", run_id)
        accounts_run = _run(con, "accounts", run_id or (run or {}).get("run_id"))
        if run is None and accounts_run is None:
            raise ReportError(f"{path}: no inspect or accounts run stored" + (f" (run {run_id!r})" if run_id else ""))
        sites: list[SiteResult] = []
        if run is not None:
            problems = _problems(con, run["run_id"], "site")
            for r in con.execute(
                    "SELECT s.site_id, s.name, s.url, s.region, s.kind, s.status AS site_status, s.reason AS site_reason, "
                    "v.qualified, v.score, v.status, v.reason FROM sites s LEFT JOIN verdicts v USING (run_id, site_id) "
                    "WHERE s.run_id=? ORDER BY s.rowid", (run["run_id"],)):
                qualified = r["qualified"]
                sites.append(SiteResult(
                    r["site_id"], r["name"] or r["site_id"], r["url"] or "", r["region"] or "未分地区", r["kind"] or "",
                    None if qualified is None else bool(qualified), r["score"], r["status"] or r["site_status"] or "",
                    r["reason"] or r["site_reason"] or "", problems.get(r["site_id"], [])))
        accounts = _accounts(con, accounts_run["run_id"]) if accounts_run else []
    finally:
        con.close()
    return Inspection(
        db_path=str(path), run_id=(run or accounts_run)["run_id"], asof=(run or accounts_run)["asof"],
        sites_total=_registry_total(run, len(sites)) if run else 0, sites=sites,
        accounts_run_id=accounts_run["run_id"] if accounts_run else "",
        accounts_total=_registry_total(accounts_run, len(accounts)) if accounts_run else 0, accounts=accounts)
