"""Evaluate a run: stored facts → rules → findings → verdicts, written back to SQLite."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from exports.db import replace_run_rows, row_of
from rules.account_facts import AccountFacts, load_accounts
from rules.base import Context, Finding, Rule
from rules.facts import SiteFacts, load_sites
from rules.manager import all_rules, get_plugin_manager
from rules.verdict import Verdict, verdict_for

logger = logging.getLogger(__name__)
# sites whose facts are in memory at once while judging
JUDGE_BATCH = 100


@dataclass
class RuleConfig:
    """Which rules run and with what parameters (from the RULES_DISABLED and RULE_PARAMS settings)."""

    disabled: set[str] = field(default_factory=set)
    params: dict[str, dict] = field(default_factory=dict)
    scoring: dict = field(default_factory=dict)

    def params_for(self, rule: Rule) -> dict:
        # a deduction rule's points per item come from the one scoring table (the SCORING setting)
        points = (self.scoring.get("deductions") or {}).get(rule.id, {}).get("points")
        return {**rule.defaults, **({"points": points} if points is not None else {}), **self.params.get(rule.id, {})}


class Engine:
    def __init__(self, config: RuleConfig | None = None, pm=None):
        self.config = config or RuleConfig()
        self.pm = pm or get_plugin_manager()
        self.rules = {k: r for k, r in all_rules(self.pm).items() if k not in self.config.disabled}
        unknown = set(self.config.params) - set(all_rules(self.pm))
        if unknown:
            raise ValueError(f"RULE_PARAMS names unknown rule(s): {', '.join(sorted(unknown))}")

    def rules_for(self, target: str) -> list[Rule]:
        return [r for r in self.rules.values() if r.target == target]

    def _findings(self, target: str, subject, subject_id: str, url: str, asof: date) -> list[Finding]:
        findings: list[Finding] = []
        for rule in self.rules_for(target):
            ctx = Context(asof=asof, params=self.config.params_for(rule))
            try:
                findings.extend(rule.evaluate(subject, ctx) or ())
            except Exception as exc:  # one broken plugin must not sink the run
                logger.exception("rule %s failed on %s %s", rule.id, target, subject_id)
                findings.append(Finding(rule.id, "warn", f"规则执行出错：{type(exc).__name__}: {exc}",
                                        subject="rule_error", evidence_url=url))
        return findings

    def evaluate_site(self, site: SiteFacts, asof: date) -> tuple[list[Finding], Verdict]:
        findings = self._findings("site", site, site.site_id, site.url, asof)
        return findings, verdict_for(site, findings, self.config.scoring)

    def evaluate_run(self, db, con, run_id: str, asof: date, site_ids: set[str] | None = None) -> list[Verdict]:
        """Judge every site of the run (or ``site_ids``) and replace their findings and verdicts.

        Facts are loaded a batch of sites at a time: what judging holds in memory does not grow with
        the registry."""
        ids = sorted(site_ids) if site_ids is not None else [
            sid for sid, in con.execute("SELECT site_id FROM sites WHERE run_id = ? ORDER BY site_id", (run_id,))]
        finding_rows, verdict_rows, verdicts = [], [], []
        for start in range(0, len(ids), JUDGE_BATCH):
            for site in load_sites(con, run_id, set(ids[start:start + JUDGE_BATCH])):
                findings, verdict = self.evaluate_site(site, asof)
                verdicts.append(verdict)
                finding_rows.extend(finding_rows_for(run_id, site.site_id, "site", findings))
                verdict_rows.append({"run_id": run_id, **row_of(verdict)})
        where, params = "", ()
        if site_ids is not None:
            marks = ",".join("?" * len(site_ids))
            where, params = f"AND site_id IN ({marks})", tuple(site_ids)
        replace_run_rows(db, "findings", run_id, finding_rows, "AND target = 'site' " + where, params)
        replace_run_rows(db, "verdicts", run_id, verdict_rows, where, params)
        return verdicts

    def evaluate_account(self, account: AccountFacts, asof: date) -> list[Finding]:
        return self._findings("account", account, account.account_id, account.evidence_url or account.url, asof)

    def evaluate_accounts(self, db, con, run_id: str, asof: date, buckets: dict | None = None,
                          account_ids: set[str] | None = None) -> list[dict]:
        """Judge every account of the run; replace its account findings and account_verdicts.

        An account is 不合格 on any veto finding; it has no judgement (qualified NULL) when it was not
        found without that counting as a failure, could not be verified, or its freshness is unknown.
        """
        finding_rows, verdicts = [], []
        for account in load_accounts(con, run_id, account_ids):
            findings = self.evaluate_account(account, asof)
            finding_rows.extend(finding_rows_for(run_id, account.account_id, "account", findings))
            fresh = account.freshness(asof, buckets)
            vetoes = sorted({f.rule_id for f in findings if f.severity == "veto"})
            judged = account.found and fresh.bucket is not None
            verdicts.append({
                "run_id": run_id, "account_id": account.account_id, "platform": account.platform,
                "name": account.name, "region": account.region, "owner": account.owner,
                "qualified": False if vetoes else (True if judged else None),
                "latest_post": fresh.latest.date.isoformat() if fresh.latest else None,
                "days_since_post": fresh.days, "bucket": fresh.bucket,
                "observed_name": account.observed_name,
                "name_changed": any(f.rule_id == "account_name_changed" and f.severity != "info" for f in findings),
                "status": account.status, "reason": account.reason, "vetoes": vetoes,
            })
        where, params = "", ()
        if account_ids is not None:
            marks = ",".join("?" * len(account_ids))
            where, params = f"AND site_id IN ({marks})", tuple(account_ids)
        replace_run_rows(db, "findings", run_id, finding_rows, "AND target = 'account' " + where, params)
        replace_run_rows(db, "account_verdicts", run_id, verdicts, where.replace("site_id", "account_id"), params)
        return verdicts


def finding_rows_for(run_id: str, subject_id: str, target: str, findings: list[Finding]) -> list[dict]:
    """Finding rows of one site or account; two findings of one rule on one subject are kept apart."""
    rows, seen = [], set()
    for f in findings:
        if (f.rule_id, f.subject) in seen:
            f.subject = f"{f.subject}#{sum(1 for k in seen if k[0] == f.rule_id)}"
        seen.add((f.rule_id, f.subject))
        rows.append({"run_id": run_id, "site_id": subject_id, "target": target, **row_of(f)})
    return rows
