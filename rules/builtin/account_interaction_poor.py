"""新媒体 互动回应差 (单项否决).

国办秘函〔2019〕19号 政务新媒体单项否决 "互动回应差": "未提供有效互动功能" (corroborated by 连云港 2023,
常德 2020, 宝鸡, 株洲; indicators.md §7.1). Judged only where the platform data (or a hand check)
states that no interaction feature is offered; where nothing is known there is no finding. Whether
a reply-time clause exists is unknown, so none is checked. 新媒体 安全、泄密事故 (``account_security_incident``)
is left to the content-security checks.
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl


class AccountInteractionPoor(Rule):
    """The account offers no working interaction feature (as the platform data or a hand check shows)."""

    id = "account_interaction_poor"
    target = "account"
    clause = "政务新媒体单项否决：互动回应差（未提供有效互动功能）"

    def evaluate(self, account, ctx):
        if not account.found or account.interaction.get("available") is not False:
            return
        yield self.finding("veto", f"未提供有效互动功能（{account.interaction.get('evidence', account.adapter)}）", ctx,
                           evidence_url=account.evidence_url, subject="account", evidence=dict(account.interaction))


@hookimpl
def register_rules():
    return [AccountInteractionPoor()]
