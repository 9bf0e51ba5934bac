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
        scoring=settings.getdict("SCORING"),
    )


def judge(db_path: str, run_id: str, asof: date, settings, site_ids: set[str] | None = None,
          spider: str = "inspect") -> list:
    """Evaluate the stored facts of a run (or of some of its sites) and store findings and verdicts."""
    engine = Engine(rule_config(settings))
    db = dbmod.connect(db_path)
    facts = open_db(db_path)
    try:
        verdicts = engine.evaluate_run(db, facts, run_id, asof, site_ids)
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
                         + (f" vetoes={','.join(v.vetoes)}" if v.vetoes else f" score={v.score}"))
    return lines
