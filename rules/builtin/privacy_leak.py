"""个人信息未脱敏 (a provincial check, not a 19号 veto item).

The 通报 in seed/ requires it: "发布涉及个人隐私的信息时要进行保密审查和脱敏处理,严格保护个人隐私和个人信息安全".
19号 names 泄露国家秘密 (单项否决 1.2), not personal data, so this is a separate ``warn`` finding for a
person to confirm, never a veto: resident ID numbers (check digit valid), mobile numbers inside article
bodies outside a contact line, bank card numbers (Luhn valid). Values are stored and shown masked.
``dismissed`` lists page URLs a person cleared.
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl

LABELS = {"id_card": "身份证号", "mobile": "手机号", "bank_card": "银行卡号"}


class PrivacyLeak(Rule):
    """Unmasked personal numbers (ID, mobile, bank card) on a page."""

    id = "privacy_leak"
    clause = "发布涉及个人隐私的信息时要进行保密审查和脱敏处理,严格保护个人隐私和个人信息安全。"
    defaults = {"kinds": ["id_card", "mobile", "bank_card"], "dismissed": []}

    def evaluate(self, site, ctx):
        if not site.inspected:
            return
        kinds, dismissed = set(ctx.params["kinds"]), set(ctx.params["dismissed"])
        pages: dict[str, list] = {}
        for r in site.security:
            if r.kind == "privacy" and r.category in kinds and r.url not in dismissed:
                pages.setdefault(r.url, []).append(r)
        for url, found in pages.items():
            counts = {}
            for r in found:
                counts[r.category] = counts.get(r.category, 0) + 1
            summary = "、".join(f"{LABELS[k]}{n}个" for k, n in counts.items())
            yield self.finding(
                "warn", f"页面公开了未脱敏的个人信息：{summary}（已脱敏显示：{'、'.join(r.matched for r in found[:5])}，需人工确认）",
                ctx, evidence_url=url, subject=f"privacy:{url}",
                evidence={"page": url, "counts": counts, "values": [
                    {"kind": r.category, "masked": r.matched, "context": r.context} for r in found[:20]],
                    "signals": sorted({s for r in found for s in r.signals}),
                    "lexicon_version": found[0].lexicon_version})


@hookimpl
def register_rules():
    return [PrivacyLeak()]
