"""The bridge from Scrapy settings to the rules engine, shared by the crawl and `scrapy rescore`."""

from __future__ import annotations

import json
import logging
from datetime import date

from exports import db as dbmod
from rules.engine import Engine, RuleConfig
from rules.facts import open_db
from rules.manager import plugin_versions

logger = logging.getLogger(__name__)


def rule_config(settings) -> RuleConfig:
    return RuleConfig(
        disabled=set(settings.getlist("RULES_DISABLED")),
        params=settings.getdict("RULE_PARAMS"),
        scoring=merged_scoring(settings.getdict("SCORING")),
    )


def merged_scoring(given: dict) -> dict:
    """SCORING from -s or a project's settings, merged key by key over the table in crawler/settings.py,
    so `-s SCORING='{"deductions": {"broken_links": {"cap": 3}}}'` changes one cap and keeps the rest."""
    from crawler import settings as defaults

    def merge(base, over):
        if not isinstance(base, dict) or not isinstance(over, dict):
            return over
        return {**base, **{k: merge(base.get(k), v) for k, v in over.items()}}

    return merge(defaults.SCORING, given)


def judge(db_path: str, run_id: str, asof: date, settings, site_ids: set[str] | None = None,
          spider: str = "inspect") -> list:
    """Evaluate the stored facts of a run (or of some of its sites) and store findings and verdicts."""
    return _evaluate(db_path, run_id, spider, settings,
                     lambda engine, db, facts: engine.evaluate_run(db, facts, run_id, asof, site_ids))


def judge_accounts(db_path: str, run_id: str, asof: date, settings, account_ids: set[str] | None = None) -> list[dict]:
    """Evaluate the stored account facts of a run: account findings and account_verdicts."""
    buckets = settings.getdict("ACCOUNT_BUCKETS")
    return _evaluate(db_path, run_id, "accounts", settings,
                     lambda engine, db, facts: engine.evaluate_accounts(db, facts, run_id, asof, buckets, account_ids))


def _evaluate(db_path, run_id, spider, settings, evaluate):
    engine = Engine(rule_config(settings))
    db = dbmod.connect(db_path)
    facts = open_db(db_path)
    try:
        verdicts = evaluate(engine, db, facts)
        db["runs"].update((run_id, spider), {
            "plugins": json.dumps(plugin_versions(engine.pm), ensure_ascii=False, sort_keys=True),
            "rule_params": json.dumps({r.id: engine.config.params_for(r) for r in engine.rules.values()},
                                      ensure_ascii=False, sort_keys=True),
        }, alter=True)
        return verdicts
    finally:
        facts.close()
        db.close()


def summary_lines(verdicts) -> list[str]:
    judged = [v for v in verdicts if v.qualified is not None]
    ok = sum(1 for v in judged if v.qualified)
    lines = [f"verdicts: {len(verdicts)} sites, {ok} qualified, {len(judged) - ok} not qualified, "
             f"{len(verdicts) - len(judged)} not inspected"]
    for v in verdicts:
        if v.qualified is None:
            lines.append(f"  {v.site_id}: not inspected ({v.reason})")
        else:
            lines.append(f"  {v.site_id}: {'合格' if v.qualified else '不合格'}"
                         + (f" vetoes={','.join(v.vetoes)}" if v.vetoes else f" score={v.score:g}"))
    return lines


def account_summary_lines(verdicts: list[dict]) -> list[str]:
    judged = [v for v in verdicts if v["qualified"] is not None]
    ok = sum(1 for v in judged if v["qualified"])
    lines = [f"account verdicts: {len(verdicts)} accounts, {ok} qualified, {len(judged) - ok} not qualified, "
             f"{len(verdicts) - len(judged)} without judgement"]
    for v in verdicts:
        verdict = "合格" if v["qualified"] else "不合格" if v["qualified"] is False else "未判定"
        lines.append(f"  {v['account_id']}: {verdict} status={v['status']} bucket={v['bucket'] or '-'}"
                     + (f" vetoes={','.join(v['vetoes'])}" if v["vetoes"] else ""))
    return lines
