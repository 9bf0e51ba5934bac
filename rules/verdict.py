"""The official verdict structure (国办秘函〔2019〕19号 指标说明).

"对政府网站检查时，如网站出现单项否决指标中的任意一种情形，即判定为不合格网站，不再对其他指标进行评分。如网站不存在
单项否决问题，则对扣分指标进行评分，如评分结果低于60分，判定为不合格网站；高于80分，则进入加分指标评分环节，最后得分
为第二、三部分得分之和。" Every veto rule is evaluated, so a site is named under each category it hit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_SCORING = {"pass_score": 60, "caps": {}}


@dataclass
class Verdict:
    site_id: str
    qualified: bool | None  # None: not inspected, no judgement
    score: float | None
    vetoes: list[str] = field(default_factory=list)
    status: str = "inspected"
    reason: str = ""
    deducted: float = 0.0
    bonus: float = 0.0


def verdict_for(site, findings, scoring: dict | None = None) -> Verdict:
    scoring = {**DEFAULT_SCORING, **(scoring or {})}
    if not site.inspected:
        return Verdict(site.site_id, None, None, [], site.status, site.reason)
    vetoes = sorted({f.rule_id for f in findings if f.severity == "veto"})
    if vetoes:
        return Verdict(site.site_id, False, None, vetoes)
    per_rule: dict[str, float] = {}
    for f in findings:
        if f.severity == "deduct":
            per_rule[f.rule_id] = per_rule.get(f.rule_id, 0.0) + f.points
    caps = scoring.get("caps") or {}
    deducted = sum(min(points, caps.get(rule, points)) for rule, points in per_rule.items())
    score = round(100 - deducted, 2)
    return Verdict(site.site_id, score >= scoring["pass_score"], score, [], deducted=round(deducted, 2))
