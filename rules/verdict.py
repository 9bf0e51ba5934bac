"""The official verdict structure (国办秘函〔2019〕19号 指标说明).

"对政府网站检查时，如网站出现单项否决指标中的任意一种情形，即判定为不合格网站，不再对其他指标进行评分。如网站不存在
单项否决问题，则对扣分指标进行评分，如评分结果低于60分，判定为不合格网站；高于80分，则进入加分指标评分环节，最后得分
为第二、三部分得分之和。" Every veto rule is evaluated, so a site is named under each category it hit.

The points and caps come from one table, the SCORING setting (crawler/settings.py, documented in
docs/scoring.md): ``deductions`` {rule id: {"category", "cap", "points"}}, ``categories``
{category: cap}, and the structural numbers below. Corroborated, not verbatim: each indicator's
deduction is capped at its share; 国务院部门 sites without external services are scored on 75 points
(办事服务 left out) and multiplied by 4/3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The structure only; the deduction table itself lives in the SCORING setting.
STRUCTURE = {
    "pass_score": 60,  # "低于60分" fails: 60 passes
    "bonus_above": 80,  # "高于80分": exactly 80 gets no bonus
    "bonus_max": 30,
    "bonus_kinds": ["portal"],  # 加分指标 "适用于政府门户网站"
    "bonus_rules": [],  # rules whose info findings carry bonus points
    "services_category": "办事服务",
    "no_services_kinds": ["department"],  # scored out of 100 - share(办事服务), times 100/that
    "deductions": {},
    "categories": {},
}


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
    scoring = {**STRUCTURE, **(scoring or {})}
    if not site.inspected:
        return Verdict(site.site_id, None, None, [], site.status, site.reason)
    vetoes = sorted({f.rule_id for f in findings if f.severity == "veto"})
    if vetoes:
        return Verdict(site.site_id, False, None, vetoes)
    table = scoring["deductions"]
    services = scoring["services_category"]
    scaled = not site.services and site.kind in scoring["no_services_kinds"]
    per_rule: dict[str, float] = {}
    for f in findings:
        if f.severity == "deduct":
            per_rule[f.rule_id] = per_rule.get(f.rule_id, 0.0) + f.points
    per_category: dict[str, float] = {}
    for rule, points in per_rule.items():
        entry = table.get(rule, {})
        category = entry.get("category", rule)
        if scaled and category == services:
            continue  # not scored on 办事服务
        cap = entry.get("cap")
        per_category[category] = per_category.get(category, 0.0) + (min(points, cap) if cap is not None else points)
    caps = scoring["categories"]
    deducted = sum(min(points, caps[c]) if caps.get(c) is not None else points for c, points in per_category.items())
    if scaled:
        base = 100 - (caps.get(services) or 0)
        score = max(base - deducted, 0) * 100 / base
    else:
        score = max(100 - deducted, 0)
    score = round(score, 2)
    if score < scoring["pass_score"]:
        return Verdict(site.site_id, False, score, [], reason=f"扣分后得分{score}，低于{scoring['pass_score']}分",
                       deducted=round(deducted, 2))
    bonus = 0.0
    if score > scoring["bonus_above"] and site.kind in scoring["bonus_kinds"]:
        bonus = min(sum(f.points for f in findings if f.rule_id in scoring["bonus_rules"] and f.severity == "info"),
                    scoring["bonus_max"])
    return Verdict(site.site_id, True, round(score + bonus, 2), [], deducted=round(deducted, 2), bonus=round(bonus, 2))
