"""加分指标 (第三部分, 30 分, 门户网站).

国办秘函〔2019〕19号 指标说明: "…高于80分，则进入加分指标评分环节，最后得分为第二、三部分得分之和。" The bonus
items and their points have not been read (docs/indicators.md §6), so nothing is awarded
automatically: this rule scores 0 until the items are known. An inspector who has assessed an item
by hand records it in RULE_PARAMS, ``{"bonus_items": {"awards": {"site_id": [{"item": "…",
"points": 2, "evidence_url": "…"}]}}}``; rules/verdict.py adds the awards (at most 30) to a portal
scoring above 80.
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl


class BonusItems(Rule):
    """Bonus items recorded by hand for a site (none are detected automatically)."""

    id = "bonus_items"
    clause = "高于80分，则进入加分指标评分环节，最后得分为第二、三部分得分之和。"
    defaults = {"awards": {}}

    def evaluate(self, site, ctx):
        for n, award in enumerate(ctx.params["awards"].get(site.site_id, ())):
            yield self.finding("info", f"加分项：{award['item']}（{award['points']}分，人工认定）", ctx,
                               evidence_url=award.get("evidence_url", ""), subject=f"award{n}",
                               points=float(award["points"]), evidence=dict(award))


@hookimpl
def register_rules():
    return [BonusItems()]
