"""安全问题 on a government new-media account (新媒体单项否决).

One of the three new-media vetoes (安全问题、内容更新、互动回应). Its items, corroborated by regional 通报 but
with the national wording unverified (docs/indicators.md §7.1): 严重表述错误, 泄露国家秘密, 反动暴力色情内容或链接,
因发布内容不当引发严重负面舆情. The crawl scans each post's title with the sites' lexicons and confusion
dictionary (``account_signals``); the thresholds, ``require_review`` and ``dismissed`` work as in
``security_incident``.
"""

from __future__ import annotations

from rules.builtin.security_incident import SecurityIncident
from rules.hookspecs import hookimpl


class AccountSecurityIncident(SecurityIncident):
    """Forbidden content and severe expression errors in an account's posts."""

    id = "account_security_incident"
    target = "account"
    clause = "安全问题（单项否决；条目经各地通报印证，国家原文未核实）：严重表述错误、泄露国家秘密、反动暴力色情内容或链接、因发布内容不当引发严重负面舆情"
    defaults = {"require_review": True, "keyword_veto_terms": 2, "dismissed": []}

    def evaluate(self, account, ctx):
        if account.found:
            yield from self.signal_findings(account.security, ctx)


@hookimpl
def register_rules():
    return [AccountSecurityIncident()]
