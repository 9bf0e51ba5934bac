"""Evaluate a run: stored facts → rules → findings → verdicts, written back to SQLite."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import date

from rules.base import Context, Finding, Rule
from rules.facts import SiteFacts, load_sites
from rules.manager import all_rules, get_plugin_manager
from rules.verdict import Verdict, verdict_for

logger = logging.getLogger(__name__)


@dataclass
class RuleConfig:
    """Which rules run and with what parameters (from the RULES_DISABLED and RULE_PARAMS settings)."""

    disabled: set[str] = field(default_factory=set)
    params: dict[str, dict] = field(default_factory=dict)
    scoring: dict = field(default_factory=dict)

    def params_for(self, rule: Rule) -> dict:
        return {**rule.defaults, **self.params.get(rule.id, {})}


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

    def evaluate_site(self, site: SiteFacts, asof: date) -> tuple[list[Finding], Verdict]:
        findings: list[Finding] = []
        for rule in self.rules_for("site"):
            ctx = Context(asof=asof, params=self.config.params_for(rule))
            try:
                findings.extend(rule.evaluate(site, ctx) or ())
            except Exception as exc:  # one broken plugin must not sink the run
                logger.exception("rule %s failed on site %s", rule.id, site.site_id)
                findings.append(Finding(rule.id, "warn", f"规则执行出错：{type(exc).__name__}: {exc}",
                                        subject="rule_error", evidence_url=site.url))
        return findings, verdict_for(site, findings, self.config.scoring)

    def evaluate_run(self, db, con, run_id: str, asof: date, site_ids: set[str] | None = None) -> list[Verdict]:
        """Judge every site of the run and replace the run's findings and verdicts."""
        from exports.db import replace_run_rows  # exports owns the writing

        sites = load_sites(con, run_id, site_ids)
        finding_rows, verdict_rows, verdicts = [], [], []
        for site in sites:
            findings, verdict = self.evaluate_site(site, asof)
            verdicts.append(verdict)
            seen = set()
            for f in findings:
                key = (f.rule_id, f.subject)
                if key in seen:  # two findings of one rule on one subject: keep them apart
                    f.subject = f"{f.subject}#{sum(1 for k in seen if k[0] == f.rule_id)}"
                seen.add((f.rule_id, f.subject))
                row = asdict(f)
                finding_rows.append({"run_id": run_id, "site_id": site.site_id, "target": "site", **row})
            verdict_rows.append({"run_id": run_id, **asdict(verdict)})
        where, params = "", ()
        if site_ids is not None:
            marks = ",".join("?" * len(site_ids))
            where, params = f"AND site_id IN ({marks})", tuple(site_ids)
        replace_run_rows(db, "findings", run_id, finding_rows, "AND target = 'site' " + where, params)
        replace_run_rows(db, "verdicts", run_id, verdict_rows, where, params)
        return verdicts
